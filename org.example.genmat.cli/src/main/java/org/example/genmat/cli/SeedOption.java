package org.example.genmat.cli;

import picocli.CommandLine.Option;

/**
 * {@code --seed} of {@code genmat train} and {@code genmat sample} (a picocli mixin): one seed drives every random
 * draw of the run, so the same input, options and seed give the same output.
 */
public final class SeedOption {

    @Option(names = "--seed", description = "Random seed (default ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    /** @return the seed */
    long value() {
        return seed;
    }
}
