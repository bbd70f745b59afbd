package org.example.genmat.core.tf;

/**
 * Child-process entry point of {@link NativeResolutionProcessTest}: the native library can be loaded
 * once per JVM, so each resolution route gets a fresh JVM.
 */
public final class NativeBootProbe {

    private NativeBootProbe() {
    }

    public static void main(String[] args) {
        switch (args[0]) {
            case "boot" -> {
                try {
                    TfRuntime.boot(line -> System.out.println("progress: " + line), () -> false);
                } catch (IllegalStateException e) {
                    System.out.println("error: " + e.getMessage());
                    System.exit(3);
                }
                System.out.println("source: " + TfRuntime.check().source());
                System.out.println("dir: " + TfRuntime.nativeDir());
                System.out.println("matmul: " + EngineAccess.matmulCheck());
            }
            case "check" -> {
                for (int i = 1; i + 1 < args.length; i += 2) {
                    TfRuntime.NativeSource s = TfRuntime.check(NativePlatform.detect(args[i], args[i + 1]));
                    System.out.println("check " + s.platform() + ": " + s.source() + ": " + s.message());
                }
            }
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
