package org.example.genmat.bench;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

import org.example.genmat.core.featurize.FeatureLayout;
import org.example.genmat.core.io.Messages;
import org.example.genmat.core.net.KernelPolicy;
import org.example.genmat.core.tf.TfRuntime;
import org.example.genmat.core.train.HistoryRow;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.Trainer;
import org.example.genmat.core.train.TrainingData;
import org.example.genmat.core.train.TrainingOptions;
import org.example.genmat.core.train.TrainingSettings;
import org.example.genmat.core.job.JobMonitor;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code genmat bench train}: training steps per second of each model family at its default
 * settings on a synthetic elpasolite-sized input (4 sites × 2 features = 8 dimensions, tanh range,
 * + a 10-class one-hot condition), next to a PyTorch reference of the same networks, losses,
 * batch and thread count ({@code bench/peers/train_torch.py}), run side by side in this process's
 * run. A step is one decoder/generator update (WGAN-GP: plus its nCritic critic updates).
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = "Training steps/s of VAE, WGAN-GP and VAE-GAN (defaults) vs a PyTorch reference, same threads.")
public final class BenchTrainCommand implements Callable<Integer> {

    @Option(names = "--families", split = ",", description = "Families to time (default: all): vae, wgan-gp, vae-gan.")
    List<String> families = List.of("vae", "wgan-gp", "vae-gan");

    @Option(names = "--steps", description = "Timed steps per family (default: ${DEFAULT-VALUE}).")
    int steps = 300;

    @Option(names = "--warmup", description = "Untimed steps before timing (default: ${DEFAULT-VALUE}).")
    int warmup = 20;

    @Option(names = "--threads", split = ",", description = "Thread counts to compare, e.g. 1,2 (default: 1).")
    List<Integer> threads = List.of(1);

    @Option(names = "--repeat", description = "Alternate genmat and PyTorch this many times and keep the best of"
        + " each (a shared machine is noisy; default: ${DEFAULT-VALUE}).")
    int repeat = 1;

    @Option(names = "--rows", description = "Synthetic training rows (default: ${DEFAULT-VALUE}).")
    int rows = 10_000;

    @Option(names = "--python", description = "Python with torch (default: ${DEFAULT-VALUE}).")
    String python = "/usr/bin/python3";

    @Option(names = "--torch-script", description = "Reference script (default: peers/train_torch.py of the installation,"
        + " never from the working folder).")
    Path torchScript;

    @Option(names = "--no-torch", description = "Skip the PyTorch reference.")
    boolean noTorch;

    @Option(names = "--compare-autodiff", description = "Also time VAE and VAE-GAN with TensorFlow's generic"
        + " tf.gradients instead of the hand-written backward pass (column 'autodiff st/s').")
    boolean compareAutodiff;

    @Option(names = "--profile", paramLabel = "STEPS", description = "After each genmat run, trace this many more"
        + " steps and print TensorFlow kernel time per op type to standard error (default: 0 = off).")
    int profile;

    @Option(names = "--profile-each-kernel", description = "With --profile, also print every kernel's mean time.")
    boolean profileEachKernel;

    @Option(names = "--profile-order", description = "With --profile-each-kernel, also print the last traced step's"
        + " kernels in start order.")
    boolean profileOrder;

    @Option(names = "--kernels", description = "fused (GenMat's fused CPU kernels where available, the default) or"
        + " plain (TensorFlow's ops only).")
    String kernels = "fused";
    private static final int DIM = 8;
    private static final int CLASSES = 10;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        // every option is checked before the first line: an error never follows the table's header
        List<ModelFamily> familyList = BenchOptions.parse(spec,
            () -> families.stream().map(f -> ModelFamily.parseOption("--families", f)).toList());
        KernelPolicy.Kernels kernelChoice = BenchOptions.parse(spec, () -> parseKernels(kernels));
        BenchOptions.atLeast(spec, "--steps", steps, 1);
        BenchOptions.atLeast(spec, "--warmup", warmup, 0);
        if (warmup % 10 != 0) {
            // the timer starts at a history row, and those come every 10 steps
            throw BenchOptions.usageError(spec, "--warmup must be a multiple of 10, was " + warmup);
        }
        for (int t : threads) {
            BenchOptions.between(spec, "--threads", t, 1, (long) TrainingSettings.THREADS.max());
        }
        BenchOptions.atLeast(spec, "--repeat", repeat, 1);
        BenchOptions.atLeast(spec, "--rows", rows, 1);
        BenchOptions.atLeast(spec, "--profile", profile, 0);
        Path script = noTorch ? null : findScript();
        if (script != null) {
            requirePython(python);
        }
        // the engine's run options: GenMat's kernels or TensorFlow's, profiling (not stored with any model)
        TrainingOptions options = new TrainingOptions(new KernelPolicy.Request(kernelChoice,
            KernelPolicy.Backward.HAND_WRITTEN), profile, profileEachKernel, profileOrder);
        TrainingOptions autodiffOptions = options.withKernels(new KernelPolicy.Request(options.kernels().kernels(),
            KernelPolicy.Backward.AUTODIFF));
        TfRuntime.boot();
        TrainingData data = synthetic(rows, 42);
        System.out.printf(Locale.ROOT, "genmat bench train: %d rows × %d features + %d-class condition; %d timed steps"
            + " after %d warm-up; TensorFlow %s on %s; %d cores%n", rows, DIM, CLASSES, steps, warmup,
            tfVersion(), TfRuntime.deviceDescription(), Runtime.getRuntime().availableProcessors());
        if (!noTorch && script == null) {
            System.out.println("PyTorch reference skipped: peers/train_torch.py not found in this installation (use --torch-script)");
        }
        System.out.println("st/s = steps per wall-clock second; st/cpu-s = steps per CPU second of the whole process"
            + " (steadier on a shared machine); a step = one decoder/generator update incl. its critic updates");
        System.out.printf(Locale.ROOT, "%-8s %7s %12s %12s %7s %14s %14s %7s %13s %13s %9s%s%n", "family", "threads",
            "genmat st/s", "torch st/s", "ratio", "genmat st/cpu-s", "torch st/cpu-s", "ratio", "genmat upd/s",
            "torch upd/s", "torch MB", compareAutodiff ? "  autodiff st/s  hand/autodiff" : "");
        for (int f = 0; f < familyList.size(); f++) {
            String name = families.get(f);
            ModelFamily family = familyList.get(f);
            for (int t : threads) {
                double[] ours = {0, 0, 0};
                double torchSteps = Double.NaN;
                double torchUpdates = Double.NaN;
                double torchMb = Double.NaN;
                double torchCpu = Double.NaN;
                double autodiff = Double.NaN;
                boolean withAutodiff = compareAutodiff && family != ModelFamily.WGAN_GP;
                for (int r = 0; r < repeat; r++) {
                    double[] run = timeGenmat(family, data, t, options);
                    for (int i = 0; i < 3; i++) {
                        ours[i] = Math.max(ours[i], run[i]);
                    }
                    if (withAutodiff) {
                        autodiff = max(autodiff, timeGenmat(family, data, t, autodiffOptions)[0]);
                    }
                    JsonObject torch = script == null ? null : timeTorch(script, family, t);
                    if (torch != null) {
                        warnOfReferenceBlas(torch);
                        torchSteps = max(torchSteps, torch.get("steps_per_s").getAsDouble());
                        torchUpdates = max(torchUpdates, torch.get("updates_per_s").getAsDouble());
                        torchMb = max(torchMb, torch.get("peak_rss_mb").getAsDouble());
                        torchCpu = max(torchCpu, torch.get("steps_per_cpu_s").getAsDouble());
                    }
                }
                System.out.printf(Locale.ROOT, "%-8s %7d %12.1f %12.1f %7.2f %14.1f %14.1f %7.2f %13.1f %13.1f %9.0f%s%n",
                    name, t, ours[0], torchSteps, ours[0] / torchSteps, ours[2], torchCpu, ours[2] / torchCpu, ours[1],
                    torchUpdates, torchMb, withAutodiff ? String.format(Locale.ROOT, " %15.1f %14.2f", autodiff,
                        ours[0] / autodiff) : "");
            }
        }
        System.out.printf(Locale.ROOT, "genmat peak memory (JVM resident, whole run): %.0f MB%n", peakRssMb());
        return 0;
    }

    private boolean blasWarned;

    /**
     * Says once when the peer ran on the reference BLAS (Debian's libblas3, e.g. /usr/lib/x86_64-linux-gnu/blas/libblas.so.3):
     * PyTorch is then tens of times slower than it normally runs, and the ratios would flatter GenMat.
     */
    private void warnOfReferenceBlas(JsonObject torch) {
        String blas = torch.has("blas") && !torch.get("blas").isJsonNull() ? torch.get("blas").getAsString() : "";
        if (!blasWarned && isReferenceBlas(blas)) {
            blasWarned = true;
            System.out.println("warning: the PyTorch peer runs on the reference BLAS (" + blas + "), far slower than PyTorch"
                + " normally runs, so the ratios below flatter GenMat; install an optimised one (Debian: libopenblas0-pthread)"
                + " and run again");
        }
    }

    /** The reference BLAS of Netlib, as Debian and Ubuntu install it (libblas3: a folder named blas). */
    static boolean isReferenceBlas(String library) {
        return library.endsWith("/blas/libblas.so.3") || library.endsWith("/blas/libblas.so");
    }

    private static double max(double a, double b) {
        return Double.isNaN(a) ? b : Math.max(a, b);
    }

    private static String tfVersion() {
        try {
            return org.tensorflow.TensorFlow.version();
        } catch (RuntimeException | LinkageError e) {
            return "?";
        }
    }

    static KernelPolicy.Kernels parseKernels(String name) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "fused" -> KernelPolicy.Kernels.FUSED_WHERE_AVAILABLE;
            case "plain" -> KernelPolicy.Kernels.PLAIN;
            default -> throw new IllegalArgumentException("--kernels: unknown kernels '" + Messages.value(name) + "' (fused, plain)");
        };
    }

    /** {steps/s, optimiser updates/s} over the timed steps. */
    private double[] timeGenmat(ModelFamily family, TrainingData data, int threadCount, TrainingOptions options)
        throws Exception {
        TrainingSettings s = TrainingSettings.defaults(family).toBuilder().steps(warmup + steps).historyEvery(10)
            .threads(threadCount).device(TrainingSettings.Device.AUTO).seed(42).build();
        long[] marks = new long[4];
        int totalSteps = s.steps();
        Consumer<HistoryRow> timer = new Consumer<>() {
            @Override
            public void accept(HistoryRow row) {
                int step = row.step();
                if (step == warmup) {
                    marks[0] = System.nanoTime();
                    marks[2] = processCpuNanos();
                }
                if (step == totalSteps) {
                    marks[1] = System.nanoTime();
                    marks[3] = processCpuNanos();
                }
            }
        };
        if (warmup == 0) {
            marks[0] = System.nanoTime();
            marks[2] = processCpuNanos();
        }
        Trainer.train(family, data, s, JobMonitor.NONE, timer, options);
        double seconds = (marks[1] - marks[0]) / 1e9;
        double cpuSeconds = (marks[3] - marks[2]) / 1e9;
        double stepsPerSecond = steps / seconds;
        int updatesPerStep = family == ModelFamily.VAE ? 1 : 1 + s.nCritic();
        return new double[] {stepsPerSecond, stepsPerSecond * updatesPerStep, steps / cpuSeconds};
    }

    private JsonObject timeTorch(Path script, ModelFamily family, int threadCount) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(python, script.toString(), "--family",
            family.name().toLowerCase(Locale.ROOT), "--steps", Integer.toString(steps), "--warmup",
            Integer.toString(warmup), "--threads", Integer.toString(threadCount), "--rows", Integer.toString(rows),
            "--dim", Integer.toString(DIM), "--classes", Integer.toString(CLASSES)));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("OMP_NUM_THREADS", Integer.toString(threadCount));
        pb.environment().put("MKL_NUM_THREADS", Integer.toString(threadCount));
        Process p;
        try {
            p = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(pythonError(python, "it did not start")); // Java's words name no reason
        }
        StringBuilder out = new StringBuilder();
        JsonObject result = null;
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                out.append(line).append('\n');
                if (line.startsWith("{")) {
                    result = JsonParser.parseString(line).getAsJsonObject();
                }
            }
        }
        if (!p.waitFor(10, TimeUnit.MINUTES) || p.exitValue() != 0 || result == null) {
            p.destroyForcibly();
            System.out.println("PyTorch reference failed for " + family.displayName() + ": " + out.toString().strip());
            return null;
        }
        return result;
    }

    /**
     * Refuses a {@code --python} that cannot be started, before anything is timed: the process start would fail only
     * after genmat's runs, in Java's words ({@code Cannot run program ...: error=2}).
     */
    static void requirePython(String python) {
        String why = pythonProblem(python);
        if (why != null) {
            throw new IllegalArgumentException(pythonError(python, why));
        }
    }

    private static String pythonError(String python, String why) {
        return "cannot run the peer's Python '" + Messages.value(python) + "': " + why + " (--python)";
    }

    /** Why {@code python} cannot be started, or null: a path must be an executable file, a bare name one on the PATH. */
    static String pythonProblem(String python) {
        try {
            if (python.isBlank()) {
                return "no program named";
            }
            if (python.indexOf(File.separatorChar) < 0) {
                for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
                    Path p = Path.of(dir.isEmpty() ? "." : dir, python);
                    if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                        return null;
                    }
                }
                return "not found on the PATH";
            }
            Path p = Path.of(python);
            return !Files.exists(p) ? "no such file" : Files.isDirectory(p) ? "is a folder"
                : !Files.isExecutable(p) ? "not executable" : null;
        } catch (InvalidPathException e) {
            return "no such file";
        }
    }

    /**
     * The peer script of this installation: {@code peers/train_torch.py} beside the folder of the bench jar (installed
     * archive: {@code lib/} and {@code peers/}; source tree: {@code org.example.genmat.bench/target/classes} and
     * {@code org.example.genmat.bench/peers}). Never the working folder: a script planted there would run with the
     * user's rights.
     */
    private Path findScript() {
        if (torchScript != null) {
            return Files.isRegularFile(torchScript) ? torchScript : null;
        }
        try {
            Path dir = Path.of(BenchTrainCommand.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
            for (int up = 0; dir != null && up < 3; up++, dir = dir.getParent()) {
                Path script = dir.resolve("peers").resolve("train_torch.py");
                if (Files.isRegularFile(script)) {
                    return script;
                }
            }
        } catch (Exception ignored) {
            // no code source: no installed peer
        }
        return null;
    }

    /** CPU time of this whole process (all threads, TensorFlow's included). */
    static long processCpuNanos() {
        var os = java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            return sun.getProcessCpuTime();
        }
        return System.nanoTime();
    }

    /** Peak resident set of this JVM (VmHWM), MB; NaN where /proc is missing. */
    static double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return Double.NaN;
    }

    /** Rows around {@code CLASSES} centres in (−0.8, 0.8)^8, condition = the class one-hot. */
    static TrainingData synthetic(int rows, long seed) {
        Random r = new Random(seed);
        float[][] centres = new float[CLASSES][DIM];
        for (float[] c : centres) {
            for (int j = 0; j < DIM; j++) {
                c[j] = (r.nextFloat() * 2f - 1f) * 0.8f;
            }
        }
        float[][] x = new float[rows][DIM];
        float[][] cond = new float[rows][CLASSES];
        int[] labels = new int[rows];
        for (int i = 0; i < rows; i++) {
            int k = r.nextInt(CLASSES);
            labels[i] = k;
            for (int j = 0; j < DIM; j++) {
                x[i][j] = Math.max(-0.99f, Math.min(0.99f, centres[k][j] + (float) r.nextGaussian() * 0.05f));
            }
            cond[i][k] = 1f;
        }
        FeatureLayout layout = new FeatureLayout.Builder().add("sites", FeatureLayout.Kind.CONTINUOUS_TANH, DIM).build();
        return new TrainingData(x, layout, cond, labels);
    }
}
