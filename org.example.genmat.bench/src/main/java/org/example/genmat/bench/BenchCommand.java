package org.example.genmat.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code genmat bench}: throughput benchmarks; one sub-command per engine part. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = {"Benchmarks of throughput and generation quality.",
        "read, train, sample, metrics (throughput, with ratios to a peer); cif-column (cif cells back into crystals:"
            + " general vs P1 fast path); perov5, carbon24 (generation quality by CDVAE's protocol); turk (the"
            + " elpasolite study over many seeds)."},
    subcommands = {BenchCifColumnCommand.class, BenchMetricsCommand.class, BenchReadCommand.class, BenchSampleCommand.class,
        BenchTrainCommand.class, BenchStructureCommand.Perov5.class, BenchStructureCommand.Carbon24.class, BenchTurkCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
