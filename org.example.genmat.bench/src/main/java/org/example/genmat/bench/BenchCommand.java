package org.example.genmat.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;

/** {@code genmat bench}: throughput benchmarks; one sub-command per engine part. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Benchmarks: read, train, sample, metrics, turk (the elpasolite study over many seeds). Each prints its figures and ratios to a peer.",
    subcommands = {BenchMetricsCommand.class, BenchReadCommand.class, BenchSampleCommand.class, BenchTrainCommand.class,
        BenchTurkCommand.class})
public final class BenchCommand implements Runnable {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }
}
