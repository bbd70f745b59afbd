package org.example.genmat.bench;

import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.example.genmat.core.io.CrystalReader;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.job.read.ReadJob;
import org.example.genmat.core.job.read.ReadSettings;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code genmat bench read}: reads the inputs into full unit cells (nothing written) and reports
 * files/s and MB/s. The peers (gemmi, pymatgen) run the same job through {@code bench/peers/}.
 */
@Command(name = "read", mixinStandardHelpOptions = true,
    description = "Reads crystals into full unit cells without writing them and prints files/s and MB/s.")
public final class BenchReadCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "INPUT", description = "Files, folders, zip archives, CSV tables.")
    List<Path> inputs;

    @Option(names = "--threads", defaultValue = "0", description = "Parsing threads (default: all processors).")
    int threads;

    @Option(names = "--each", description = "One line per INPUT (e.g. a P1 set and a real-world set side by side).")
    boolean each;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws NoSuchFileException {
        BenchOptions.check(spec, "--threads", ReadSettings.THREADS, threads);
        // genmat read's check: a typo is refused, not timed as one unreadable input
        ReadJob.requireInputs(inputs);
        String name = spec.qualifiedName();
        if (each) {
            for (Path p : inputs) {
                measure(List.of(p), name + " " + p + ": ");
            }
        } else {
            measure(inputs, name + ": ");
        }
        return 0;
    }

    private void measure(List<Path> inputs, String label) {
        AtomicLong inputsDone = new AtomicLong(), bytes = new AtomicLong();
        long start = System.nanoTime();
        long crystals = 0, sites = 0, errors = 0;
        CrystalReader.Options options = CrystalReader.Options.defaults().withThreads(threads).withProgress((n, b, cur) -> {
            inputsDone.set(n);
            bytes.set(b);
        });
        try (Stream<CrystalRecord> s = CrystalReader.read(inputs, options)) {
            for (CrystalRecord r : (Iterable<CrystalRecord>) s::iterator) {
                if (r.ok() && r.crystal() != null) {
                    crystals++;
                    sites += r.crystal().numSites();
                } else if (!r.ok()) {
                    errors++;
                }
            }
        }
        double secs = (System.nanoTime() - start) / 1e9;
        System.out.printf(java.util.Locale.ROOT,
            "%s%d inputs, %.2f MB, %d crystals (%d sites), %d errors in %.3f s: %.0f files/s, %.2f MB/s%n", label,
            inputsDone.get(), bytes.get() / 1e6, crystals, sites, errors, secs, inputsDone.get() / secs, bytes.get() / 1e6 / secs);
    }
}
