package org.example.genmat.core.tf;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An operating system and CPU architecture, named as DJL names its native builds
 * ({@code linux-x86_64}, {@code osx-aarch64}, {@code win-x86_64}, ...), and what GenMat can do there
 * with TensorFlow 2.16.1.
 *
 * <p>Where the natives come from per platform: Linux x86-64 has them bundled (the
 * {@code tensorflow-native-cu121} jar on the command line's class path, the natives fragment in
 * KNIME); Windows x86-64, macOS on Apple Silicon and Linux ARM64 get DJL's CPU build for 2.16.1 downloaded
 * on first use (the builds DJL publishes for that version: {@code cpu/win-x86_64}, {@code cpu/osx-aarch64},
 * {@code cpu/linux-aarch64}, {@code cpu/linux-x86_64}, {@code cu121/linux-x86_64}); TensorFlow-Java 1.0
 * and DJL publish nothing for macOS on Intel, so that platform, like any other, is unsupported.
 *
 * @param os   DJL's OS prefix: {@code linux}, {@code osx}, {@code win}, or the JVM's {@code os.name} in
 *             lower case when it is none of them
 * @param arch {@code x86_64}, {@code aarch64}, or the JVM's {@code os.arch} when it is neither
 */
public record NativePlatform(String os, String arch) {

    /** The platforms with a TensorFlow 2.16.1 native build, bundled or downloadable. */
    public static final List<NativePlatform> SUPPORTED = List.of(new NativePlatform("linux", "x86_64"),
        new NativePlatform("win", "x86_64"), new NativePlatform("osx", "aarch64"), new NativePlatform("linux", "aarch64"));

    /** The platform this JVM runs on. */
    public static NativePlatform current() {
        return detect(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    }

    /**
     * The platform of the JVM properties {@code os.name} and {@code os.arch} (e.g. "Windows 11" and
     * "amd64", "Mac OS X" and "aarch64", "Linux" and "x86_64").
     */
    public static NativePlatform detect(String osName, String osArch) {
        String name = osName.toLowerCase(Locale.ROOT).trim();
        String os;
        if (name.startsWith("linux")) {
            os = "linux";
        } else if (name.startsWith("mac") || name.startsWith("darwin")) {
            os = "osx";
        } else if (name.startsWith("windows")) {
            os = "win";
        } else {
            os = name.isEmpty() ? "unknown" : name.replace(' ', '_');
        }
        String a = osArch.toLowerCase(Locale.ROOT).trim();
        String arch = switch (a) {
            case "amd64", "x86_64", "x86-64", "x64" -> "x86_64";
            case "aarch64", "arm64" -> "aarch64";
            default -> a.isEmpty() ? "unknown" : a;
        };
        return new NativePlatform(os, arch);
    }

    /** DJL's classifier, e.g. {@code win-x86_64}. */
    public String classifier() {
        return os + "-" + arch;
    }

    /** Readable name, e.g. "Windows x86-64", "macOS aarch64 (Apple Silicon)". */
    public String label() {
        String o = switch (os) {
            case "linux" -> "Linux";
            case "osx" -> "macOS";
            case "win" -> "Windows";
            default -> os;
        };
        String a = switch (arch) {
            case "x86_64" -> os.equals("osx") ? "x86-64 (Intel)" : "x86-64";
            case "aarch64" -> os.equals("osx") ? "aarch64 (Apple Silicon)" : "aarch64";
            default -> arch;
        };
        return o + " " + a;
    }

    /** File name of TensorFlow-Java's JNI library on this platform (the one file every native folder must hold). */
    public String jniLibrary() {
        return switch (os) {
            case "win" -> "jnitensorflow.dll";
            case "osx" -> "libjnitensorflow.dylib";
            default -> "libjnitensorflow.so";
        };
    }

    /** Whether GenMat ships the natives for this platform (command line class path, KNIME fragment). */
    public boolean bundled() {
        return os.equals("linux") && arch.equals("x86_64");
    }

    /** Whether a TensorFlow 2.16.1 native build exists for this platform (bundled or downloadable). */
    public boolean supported() {
        return SUPPORTED.contains(this);
    }

    /** DJL's flavor downloaded here: always its CPU build (the CUDA build is the bundled one). */
    public String downloadFlavor() {
        return "cpu";
    }

    /** Why TensorFlow cannot run here, naming the platform and the supported ones. */
    public String unsupportedMessage() {
        String list = SUPPORTED.stream().map(NativePlatform::label).collect(Collectors.joining(", "));
        String why = os.equals("osx") && arch.equals("x86_64")
            ? " (TensorFlow-Java 1.0 and DJL publish no TensorFlow 2.16.1 build for Intel Macs)" : "";
        return "TensorFlow 2.16.1 has no native build for " + label() + " (" + classifier() + ")" + why
            + "; training and sampling (the Train and Sample Latent nodes, genmat train and sample) run on " + list
            + ". Read Crystals, Filter Validity and Diversity Metrics (genmat read, filter, metrics) work on every platform.";
    }

    @Override
    public String toString() {
        return classifier();
    }
}
