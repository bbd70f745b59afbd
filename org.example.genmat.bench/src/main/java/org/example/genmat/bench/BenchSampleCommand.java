package org.example.genmat.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

import org.example.genmat.core.demo.DemoModel;
import org.example.genmat.core.featurize.PrototypeSites;
import org.example.genmat.core.metrics.LongHashSet;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.sample.LatentBatch;
import org.example.genmat.core.tf.TfRuntime;
import org.example.genmat.core.inference.NetworkRunner;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.train.TrainingSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code genmat bench sample}: decoded and deduplicated prototype samples per second. Three stages
 * overlap: a thread draws the latent batches (counter-based, as in {@code genmat sample}),
 * TensorFlow decodes them through {@link NetworkRunner}, and a thread turns each output row into a
 * compact key (7 bits of atomic number per site, A/B canonical) and adds it to a primitive hash set.
 */
@Command(name = "sample", mixinStandardHelpOptions = true,
    description = "Samples per second of decoding + deduplicating prototype (elpasolite) samples. Goal: 25 million in"
        + " under 2 minutes on 2 cores.")
public final class BenchSampleCommand implements Callable<Integer> {

    @Option(names = "--n", description = "Samples to draw (default ${DEFAULT-VALUE}).", defaultValue = "25000000")
    long n;

    @Option(names = "--model", description = "A prototype-site model (.genmat); default: train the demo's elpasolite VAE first (Türk architecture).")
    Path model;

    @Option(names = "--train-steps", description = "Steps of the default model's training (default ${DEFAULT-VALUE}).", defaultValue = "200")
    int trainSteps;

    @Option(names = "--batch", description = "Rows per TensorFlow call (default ${DEFAULT-VALUE}).", defaultValue = "4096")
    int batch;

    @Option(names = "--threads", description = "TensorFlow intra-op threads per decode call (0 = one per core; default ${DEFAULT-VALUE}).",
        defaultValue = "0")
    int threads;

    @Option(names = "--workers", description = "Threads calling TensorFlow at once (default ${DEFAULT-VALUE}; with more, set --threads 1).",
        defaultValue = "1")
    Integer workers;

    @Option(names = "--class", description = "Class label to sample (default: drawn from the training frequencies).")
    String classLabel;

    @Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE}).", defaultValue = "1")
    long seed;

    /** One batch moving through the pipeline. */
    private record Work(long index, int rows, float[] z, float[] cond, float[] out) {
    }

    private static final Work END = new Work(-1, 0, null, null, null);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        BenchOptions.atLeast(spec, "--n", n, 1);
        BenchOptions.atLeast(spec, "--batch", batch, 1);
        BenchOptions.atLeast(spec, "--train-steps", trainSteps, 1);
        BenchOptions.atLeast(spec, "--workers", workers, 1);
        BenchOptions.check(spec, "--threads", TrainingSettings.THREADS, threads);
        GenerativeModel m;
        if (model != null) {
            m = GenerativeModel.load(model);
        } else {
            System.err.println("training the demo elpasolite VAE (" + trainSteps + " steps) to sample from ...");
            m = DemoModel.train(trainSteps, 42, JobMonitor.NONE, null);
        }
        if (!(m.featurizer() instanceof PrototypeSites f)) {
            throw new IllegalArgumentException("bench sample measures prototype-site models (elpasolite, perovskite); this model uses '"
                + m.featurizer().name() + "'");
        }
        if (classLabel != null) {
            m.conditioning().encode(classLabel);
        }
        Result r = measure(m, f, n, batch, workers, threads, classLabel, seed);
        double sec = r.seconds(), cpuSec = r.cpuSeconds();
        int nWorkers = r.workers();
        final GenerativeModel fm = m;
        System.out.printf(Locale.ROOT, "genmat bench sample: %s on %s, decode batch %d, %d decode threads x %d TF threads, %s%n",
            fm.featurizer().name(), TfRuntime.deviceDescription(), batch, nWorkers, threads, fm.conditioning());
        System.out.printf(Locale.ROOT, "samples decoded + deduplicated: %,d in %.2f s = %,.0f samples/s%n", n, sec, n / sec);
        System.out.printf(Locale.ROOT, "valid (every site an element, no repeats): %,d (%.2f %%); unique keys %,d; unique valid compositions %,d%n",
            r.valid(), 100.0 * r.valid() / n, r.uniqueKeys(), r.uniqueValid());
        int cores = Runtime.getRuntime().availableProcessors();
        System.out.printf(Locale.ROOT, "CPU time %.2f s on %d cores (%.0f %% of them busy; below 100 %% means waiting for other processes"
            + " or pipeline stalls); at full use of the cores: %,.0f samples/s%n", cpuSec, cores, 100 * cpuSec / (sec * cores),
            n / (cpuSec / cores));
        System.out.printf(Locale.ROOT, "goal 25,000,000 in < 120 s: %s (projected %.1f s)%n",
            25_000_000 / (n / sec) < 120 ? "met" : "NOT met", 25_000_000 / (n / sec));
        System.out.printf(Locale.ROOT, "peak memory: heap %.0f MB, process resident (incl. TensorFlow) %s%n", peakHeapMb(), peakRss());
        return 0;
    }

    /** What one run measured. */
    public record Result(long samples, long valid, long uniqueKeys, long uniqueValid, double seconds, double cpuSeconds, int workers) {
    }

    /** Draws, decodes and deduplicates {@code n} samples; the latent stream equals {@code genmat sample}'s at batch 4,096. */
    public static Result measure(GenerativeModel m, PrototypeSites f, long n, int batch, Integer workers, int threads,
                                 String classLabel, long seed) throws InterruptedException {
        int latent = m.latentSize();
        int cd = m.conditioning().dimension();
        int d = f.layout().dimension();
        long batches = (n + batch - 1) / batch;
        int nWorkers = workers != null ? Math.max(1, workers) : Runtime.getRuntime().availableProcessors();
        BlockingQueue<Work> free = new ArrayBlockingQueue<>(nWorkers + 3);
        BlockingQueue<Work> toDecode = new ArrayBlockingQueue<>(nWorkers + 3);
        BlockingQueue<Work> toKey = new ArrayBlockingQueue<>(nWorkers + 3);
        for (int i = 0; i < nWorkers + 2; i++) {
            free.add(new Work(0, 0, new float[batch * latent], cd == 0 ? null : new float[batch * cd], null));
        }
        AtomicReference<Throwable> failure = new AtomicReference<>();
        LongHashSet unique = new LongHashSet(1 << 20);
        LongHashSet uniqueValid = new LongHashSet(1 << 20);
        long[] counts = new long[1]; // valid samples
        final GenerativeModel fm = m;
        try (NetworkRunner runner = new NetworkRunner(m.network(), threads)) {
            runner.decodeFlat(new float[latent], cd == 0 ? null : new float[cd], 1); // warm-up outside the timing
            long t0 = System.nanoTime();
            long cpu0 = processCpuNanos();
            Thread gen = new Thread(() -> {
                try {
                    for (long b = 0; b < batches; b++) {
                        Work w = free.take();
                        int rows = (int) Math.min(batch, n - b * batch);
                        LatentBatch.fill(fm, classLabel, 1.0, seed, b, rows, w.z(), w.cond(), null);
                        toDecode.put(new Work(b, rows, w.z(), w.cond(), null));
                    }
                    toDecode.put(END);
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    toDecode.offer(END);
                }
            }, "bench-latent");
            Thread keys = new Thread(() -> {
                try {
                    while (true) {
                        Work w = toKey.take();
                        if (w == END) {
                            return;
                        }
                        float[] out = w.out();
                        for (int i = 0; i < w.rows(); i++) {
                            long key = f.decodeKey(out, i * d);
                            if (key != 0) {
                                unique.add(key);
                            }
                            if (f.keyIsValid(key)) {
                                counts[0]++;
                                uniqueValid.add(key);
                            }
                        }
                    }
                } catch (Throwable e) {
                    failure.compareAndSet(null, e);
                    // keep taking until END: a decoder blocked on a full toKey queue would otherwise hang the run
                    try {
                        while (toKey.take() != END) {
                            // discard
                        }
                    } catch (InterruptedException stopped) {
                        Thread.currentThread().interrupt();
                    }
                }
            }, "bench-keys");
            gen.setDaemon(true);
            keys.setDaemon(true);
            gen.start();
            keys.start();
            java.util.concurrent.atomic.AtomicLong done = new java.util.concurrent.atomic.AtomicLong();
            long step = Math.max(1, n / 10);
            Thread[] decoders = new Thread[nWorkers];
            for (int t = 0; t < nWorkers; t++) {
                decoders[t] = new Thread(() -> {
                    try {
                        while (true) {
                            Work w = toDecode.take();
                            if (w == END || failure.get() != null) {
                                toDecode.put(END); // let the other decoders see it too
                                return;
                            }
                            int rows = w.rows();
                            float[] out = runner.decodeFlat(rows == batch ? w.z() : java.util.Arrays.copyOf(w.z(), rows * latent),
                                w.cond() == null ? null : (rows == batch ? w.cond() : java.util.Arrays.copyOf(w.cond(), rows * cd)), rows);
                            free.put(new Work(0, 0, w.z(), w.cond(), null));
                            toKey.put(new Work(w.index(), rows, null, null, out));
                            long before = done.getAndAdd(rows);
                            if ((before + rows) / step > before / step) {
                                System.err.printf(Locale.ROOT, "%,d samples, %.1f s%n", before + rows, (System.nanoTime() - t0) / 1e9);
                            }
                        }
                    } catch (Throwable e) {
                        failure.compareAndSet(null, e);
                        toDecode.offer(END);
                    }
                }, "bench-decode-" + t);
                decoders[t].setDaemon(true);
                decoders[t].start();
            }
            for (Thread t : decoders) {
                t.join();
            }
            toKey.put(END);
            keys.join();
            if (failure.get() != null) {
                throw new IllegalStateException("benchmark failed: " + failure.get().getMessage(), failure.get());
            }
            double sec = (System.nanoTime() - t0) / 1e9;
            double cpuSec = (processCpuNanos() - cpu0) / 1e9;
            return new Result(n, counts[0], unique.size(), uniqueValid.size(), sec, cpuSec, nWorkers);
        }
    }

    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    static double peakHeapMb() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP && p.getPeakUsage() != null) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum / 1e6;
    }

    /** Peak resident set size from /proc (Linux), or "n/a". */
    static String peakRss() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmHWM:")) {
                    String[] p = line.trim().split("\\s+");
                    return String.format(Locale.ROOT, "%.0f MB", Long.parseLong(p[1]) / 1024.0);
                }
            }
        } catch (IOException | RuntimeException ignored) {
            // not Linux
        }
        return "n/a";
    }
}
