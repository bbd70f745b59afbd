package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.job.CapturedRun;
import org.junit.jupiter.api.Test;

import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** A key given twice in a map-valued option is refused by name; picocli kept its last value without a word. */
class MapOptionsTest {

    private static CapturedRun run(String... args) {
        return GenmatRun.of(args);
    }

    @Test
    void demoRefusesAFamilyGivenTwiceInSteps() {
        // demo trained the VAE for 200 steps, as if 100 had never been typed
        CapturedRun r = run("demo", "--steps", "vae=100,vae=200", "--out-dir", "never-made");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).isEqualTo("genmat demo: error: --steps: 'vae' is given twice (100 and 200); give each family once\n"
            + "(see genmat demo --help)\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void aKeyRepeatedAcrossOccurrencesOrInAnotherCaseIsTheSameKey() {
        CapturedRun r = run("demo", "--steps", "VAE=100,wgan-gp=5", "--steps", "vae=200", "--steps=vae=300");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).startsWith("genmat demo: error: --steps: 'VAE' is given 3 times (100, 200 and 300); give each family once\n");
    }

    @Test
    void benchTurkRefusesAFamilyGivenTwiceInSteps() {
        CapturedRun r = run("bench", "turk", "--seeds", "1", "--steps", "wgan-gp=10,vae=3,wgan-gp=20");
        assertThat(r.rc()).isEqualTo(2);
        assertThat(r.err()).startsWith("genmat bench turk: error: --steps: 'wgan-gp' is given twice (10 and 20); give each family once\n");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void eachKeyOnceIsAccepted() {
        CommandLine cl = GenmatCli.commandLine();
        CommandLine.ParseResult parsed = cl.parseArgs("demo", "--steps", "vae=100,wgan-gp=200", "--steps", "vae-gan=300");
        MapOptions.requireEachKeyOnce(parsed); // no exception
        assertThat(((DemoCommand) cl.getSubcommands().get("demo").getCommand()).steps).containsExactly(Map.entry("vae", 100),
            Map.entry("wgan-gp", 200), Map.entry("vae-gan", 300));
    }

    /** Every map-valued option of the tree is checked; its label says what a key is, which the message names. */
    @Test
    void everyMapOptionNamesWhatItsKeysAre() {
        List<String> maps = new ArrayList<>();
        collectMapOptions(GenmatCli.commandLine(), maps);
        assertThat(maps).contains("genmat demo --steps FAMILY=STEPS", "genmat bench turk --steps FAMILY=STEPS");
        assertThat(maps).allSatisfy(m -> assertThat(m).matches(".* --[a-z-]+ [A-Z]+=[A-Z]+"));
    }

    private static void collectMapOptions(CommandLine cl, List<String> out) {
        for (OptionSpec o : cl.getCommandSpec().options()) {
            if (Map.class.isAssignableFrom(o.type())) {
                out.add(cl.getCommandSpec().qualifiedName() + " " + o.longestName() + " " + o.paramLabel());
            }
        }
        for (CommandLine sub : cl.getSubcommands().values()) {
            collectMapOptions(sub, out);
        }
    }
}
