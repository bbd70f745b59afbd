package org.example.genmat.bench;

import static org.assertj.core.api.Assertions.assertThat;


import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.example.genmat.core.job.CapturedRun;

import picocli.CommandLine;

/** The bench commands' options as a user gives them: a count out of its range is refused before anything runs. */
class BenchOptionsTest {

    private static CapturedRun run(String... args) {
        return CapturedRun.of(err -> {
            CommandLine cl = new CommandLine(new BenchCommand());
            cl.setErr(err);
            return cl.execute(args);
        });
    }

    /**
     * Each count option names itself and its range; metrics --samples 0 used to print NaN and Infinity. The other
     * options keep a run short (a missing model or data folder) should a check ever let the value through.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "metrics --samples 0                                | --samples must be at least 1, was 0",
        "metrics --samples 1000 --target-class 10           | --target-class must be from 0 to 9, was 10",
        "sample --model nope.genmat --n 0                   | --n must be at least 1, was 0",
        "sample --model nope.genmat --batch -1              | --batch must be at least 1, was -1",
        "sample --model nope.genmat --workers 0             | --workers must be at least 1, was 0",
        "sample --model nope.genmat --train-steps 0         | --train-steps must be at least 1, was 0",
        "sample --model nope.genmat --threads -1            | --threads: the TensorFlow threads must be from 0 to 1024, was -1",
        "train --no-torch --families vae --rows 100 --steps 0    | --steps must be at least 1, was 0",
        "train --no-torch --families vae --rows 100 --warmup 15  | --warmup must be a multiple of 10, was 15",
        "train --no-torch --families vae --rows 100 --repeat 0   | --repeat must be at least 1, was 0",
        "train --no-torch --families vae --rows 0                | --rows must be at least 1, was 0",
        "train --no-torch --families vae --rows 100 --threads 1,0 | --threads must be from 1 to 1024, was 0",
        "perov5 --data-dir nowhere --samples 0              | --samples must be at least 1, was 0",
        "perov5 --data-dir nowhere --conditioned-samples -1 | --conditioned-samples must be at least 0, was -1",
        "carbon24 --data-dir nowhere --steps 100,0,100      | --steps must be at least 1, was 0",
        "carbon24 --data-dir nowhere --reconstruction-rows -1 | --reconstruction-rows must be at least 0, was -1",
        "turk --samples 0                                   | --samples must be at least 1, was 0",
        "cif-column --repeat 0 x.csv                        | --repeat must be at least 1, was 0",
        "read --threads -1 x.cif                            | --threads: the parsing threads (0: all processors) must be from 0 to 1024, was -1",
    })
    void countsOutOfRangeAreUsageErrorsNamingTheOptionAndRange(String args, String message) {
        CapturedRun r = run(args.trim().split("\\s+"));
        assertThat(r.rc()).as(r.err()).isEqualTo(2);
        assertThat(r.err()).contains(message);
        assertThat(r.out()).as("nothing printed before the check").isEmpty();
    }

    /** Carbon-24 has no property to condition on: its help offers no conditioned run and names no other data set. */
    @Test
    void eachStructureBenchmarkListsItsOwnOptions() {
        String carbon = new CommandLine(new BenchCommand()).getSubcommands().get("carbon24").getUsageMessage();
        String perov = new CommandLine(new BenchCommand()).getSubcommands().get("perov5").getUsageMessage();
        assertThat(carbon).doesNotContain("--conditioned-samples", "Perov-5", "heat_ref", "property");
        assertThat(perov).contains("--conditioned-samples", "heat_ref-conditioned VAE");
        assertThat(run("carbon24", "--conditioned-samples", "5").err()).contains("Unknown option", "'--conditioned-samples'");
    }
}
