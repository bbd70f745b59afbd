package org.example.genmat.core.study;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.train.ModelFamily;
import org.junit.jupiter.api.Test;

/** Which plans each setup runs, their names and the settings that tell two plans of one family apart. */
class TurkStudyPlansTest {

    private static final List<String> ALL = List.of("vae", "wgan-gp", "vae-gan");

    @Test
    void theTunedSetupRunsTwoVaePlansWithDistinctNames() {
        List<TurkStudy.ModelPlan> plans = TurkStudy.plans(ALL, Map.of(), null, TurkStudy.Setup.TUNED);
        assertThat(plans).extracting(TurkStudy.ModelPlan::name).containsExactly("VAE", "VAE-wide", "WGAN-GP", "VAE-GAN");
        TurkStudy.ModelPlan vae = plans.get(0), wide = plans.get(1);
        assertThat(wide.family()).isEqualTo(ModelFamily.VAE);
        assertThat(vae.settings().beta()).isEqualTo(0.2);
        assertThat(wide.settings().beta()).isEqualTo(0.1);
        assertThat(vae.settings().hiddenLayers()).containsExactly(256, 256);
        assertThat(wide.settings().hiddenLayers()).containsExactly(512, 512);
        assertThat(wide.settings().latentSize()).isEqualTo(16);
        assertThat(wide.decoding().outputNoise()).isEqualTo(0.4 * Sampler.likelihoodSd(0.1));
        assertThat(wide.decoding().guidanceSpread()).isEqualTo(1.0);
        assertThat(vae.decoding().guidanceSpread()).isZero();
        assertThat(wide.decoding().siteGuidance()).isEqualTo(Map.of("D", 0.0, "C", 0.0));
        assertThat(wide.decoding().siteConditionGuidance()).isEqualTo(Map.of("D", 0.8));
        assertThat(wide.describe()).startsWith("VAE-wide: 4000 steps, hidden 512×512, latent 16,")
            .contains("guidance on C 0.000, guidance on D 0.000, condition guidance on D 0.800, guidance spread 1.0");
        assertThat(plans).allSatisfy(m -> assertThat(m.settings().steps()).isEqualTo(TurkStudy.TUNED_STEPS));
    }

    @Test
    void stepsOfAFamilyApplyToEachOfItsPlansAndTemperatureKeepsTheVariant() {
        List<TurkStudy.ModelPlan> plans = TurkStudy.plans(List.of("VAE"), Map.of("vae", 300), null, TurkStudy.Setup.TUNED);
        assertThat(plans).extracting(m -> m.settings().steps()).containsExactly(300, 300);
        assertThat(plans.get(1).withTemperature(0.7)).satisfies(m -> {
            assertThat(m.name()).isEqualTo("VAE-wide");
            assertThat(m.temperature()).isEqualTo(0.7);
        });
    }

    @Test
    void aPlansDescriptionNamesItsStretchedSites() {
        TurkStudy.ModelPlan vae = TurkStudy.paper(ModelFamily.VAE, 10);
        Sampler.Decoding d = new Sampler.Decoding(0, 0, Map.of(), Map.of(), 0, Map.of(), Map.of("D", List.of(2.3, 1.0), "C", List.of(1.2)));
        assertThat(new TurkStudy.ModelPlan(vae.family(), vae.settings(), 1, d).describe())
            .endsWith(", stretch on C 1.20, stretch on D 2.30:1.00");
        assertThat(vae.describe()).doesNotContain("stretch");
    }

    @Test
    void thePapersSetupRunsOnePlanPerFamily() {
        assertThat(TurkStudy.plans(ALL, Map.of(), null, TurkStudy.Setup.PAPER)).extracting(TurkStudy.ModelPlan::name)
            .containsExactly("VAE", "WGAN-GP", "VAE-GAN");
    }

    @Test
    void thePapersSetupTrainsAsLongAsThePaperUnlessStepsAreGiven() {
        assertThat(TurkStudy.plans(ALL, Map.of(), null, TurkStudy.Setup.PAPER)).extracting(p -> p.settings().steps())
            .containsExactly(10_000, 200_000, 10_000);
        assertThat(TurkStudy.plans(ALL, Map.of("wgan-gp", 500), null, TurkStudy.Setup.PAPER))
            .extracting(p -> p.settings().steps()).containsExactly(10_000, 500, 10_000);
        assertThat(TurkStudy.plans(ALL, Map.of(), Map.of("vae", 4_000, "wgan-gp", 4_000, "vae-gan", 4_000), TurkStudy.Setup.PAPER))
            .extracting(p -> p.settings().steps()).containsExactly(4_000, 4_000, 4_000);
    }

    @Test
    void aFamilyGivenTwiceIsRefusedBeforeAnyTraining() {
        // genmat demo --families vae,vae trained every plan twice and then failed writing the report (samples-vae.csv twice)
        for (List<String> families : List.of(List.of("vae", "vae"), List.of("wgan-gp", "VAE", "wgan"), List.of("vae-gan", " vae_gan"))) {
            for (TurkStudy.Setup setup : TurkStudy.Setup.values()) {
                assertThatThrownBy(() -> TurkStudy.plans(families, Map.of(), null, setup)).as(families + " " + setup)
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("--families").hasMessageContaining("twice");
            }
        }
        assertThat(TurkStudy.plans(List.of("vae-gan", "vae"), Map.of(), null, TurkStudy.Setup.TUNED)).extracting(TurkStudy.ModelPlan::name)
            .containsExactly("VAE-GAN", "VAE", "VAE-wide");
    }

    @Test
    void stepsForAFamilyThatIsNotRunAreRefused() {
        assertThatThrownBy(() -> TurkStudy.plans(List.of("vae"), Map.of("wgan-gp", 100), null, TurkStudy.Setup.TUNED))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessage("--steps names wgan-gp, which --families does not run (it runs vae)");
        assertThat(TurkStudy.plans(List.of("vae", "wgan-gp"), Map.of("WGAN-GP", 100), null, TurkStudy.Setup.TUNED))
            .extracting(p -> p.settings().steps()).containsExactly(TurkStudy.TUNED_STEPS, TurkStudy.TUNED_STEPS, 100);
    }

    @Test
    void stepsForAnUnknownFamilyAreRefusedWhateverFamiliesHolds() {
        // the keys were checked inside the loop over --families: with none to run, the wrong key went unnamed
        for (List<String> families : List.of(List.<String>of(), List.of("vae"), List.of("vae", "wgan-gp"))) {
            assertThatThrownBy(() -> TurkStudy.plans(families, Map.of("vea", 100), null, TurkStudy.Setup.TUNED)).as("%s", families)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("--steps: unknown model family 'vea' (known: vae, wgan-gp, vae-gan)");
        }
    }

    @Test
    void familiesAndStepsTakeEverySpellingOfAFamily() {
        // --families took wgan and vaegan, --steps only the canonical names: one parser now reads both
        assertThat(TurkStudy.plans(List.of("wgan", "vaegan"), Map.of("gan", 100, "VAE_GAN", 200), null, TurkStudy.Setup.PAPER))
            .extracting(p -> p.family(), p -> p.settings().steps())
            .containsExactly(org.assertj.core.groups.Tuple.tuple(ModelFamily.WGAN_GP, 100), org.assertj.core.groups.Tuple.tuple(ModelFamily.VAE_GAN, 200));
        assertThatThrownBy(() -> TurkStudy.plans(List.of("wgan-gp"), Map.of("wgan", 100, "wgan-gp", 200), null, TurkStudy.Setup.PAPER))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("--steps names the model family wgan-gp twice");
        assertThatThrownBy(() -> TurkStudy.plans(List.of("vae", "gpt"), Map.of(), null, TurkStudy.Setup.PAPER))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("--families: unknown model family 'gpt' (known: vae, wgan-gp, vae-gan)");
    }

    @Test
    void aVariantIsAPlainLowerCaseWord() {
        TurkStudy.ModelPlan vae = TurkStudy.paper(ModelFamily.VAE, 10);
        assertThatThrownBy(() -> new TurkStudy.ModelPlan(vae.family(), vae.settings(), 1, vae.decoding(), "Wide/../x"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Wide/../x");
    }
}
