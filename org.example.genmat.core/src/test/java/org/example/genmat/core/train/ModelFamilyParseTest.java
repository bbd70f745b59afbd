package org.example.genmat.core.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** The one reading of a model-family name that every command and the study use. */
class ModelFamilyParseTest {

    @Test
    void everySpellingAcceptedByAnyCommandBeforeIsAcceptedHere() {
        // the union of genmat train --model, demo/bench turk --families and the bench commands' own parsers
        Map<ModelFamily, List<String>> spellings = Map.of(
            ModelFamily.VAE, List.of("vae", "VAE", " Vae "),
            ModelFamily.WGAN_GP, List.of("wgan-gp", "WGAN-GP", "wgan_gp", "WGAN_GP", "wgan", "gan", "GAN", " wgan-gp"),
            ModelFamily.VAE_GAN, List.of("vae-gan", "VAE-GAN", "vae_gan", "VAE_GAN", "vaegan", "VAEGAN", " vae_gan"));
        spellings.forEach((family, names) -> names.forEach(
            n -> assertThat(ModelFamily.parse(n)).as("'%s'", n).isEqualTo(family)));
    }

    @Test
    void anUnknownNameIsRefusedWithTheKnownNames() {
        for (String bad : List.of("foo", "", "vae-", "wgangp", "gpt")) {
            assertThatThrownBy(() -> ModelFamily.parse(bad)).as("'%s'", bad).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("unknown model family '" + bad + "' (known: vae, wgan-gp, vae-gan)");
        }
        assertThatThrownBy(() -> ModelFamily.parse(null)).hasMessage("unknown model family '?' (known: vae, wgan-gp, vae-gan)");
        // an escape sequence in the name is shown, not sent to the terminal
        assertThatThrownBy(() -> ModelFamily.parse("v\u001bae")).hasMessageContaining("'v\\x1bae'");
    }

    @Test
    void anOptionsValueIsRefusedWithTheOptionInFront() {
        assertThat(ModelFamily.parseOption("--models", "wgan")).isEqualTo(ModelFamily.WGAN_GP);
        assertThatThrownBy(() -> ModelFamily.parseOption("--families", "foo"))
            .hasMessage("--families: unknown model family 'foo' (known: vae, wgan-gp, vae-gan)");
    }

    @Test
    void theNamesAUserTypesAreTheDisplayNamesInLowerCase() {
        assertThat(ModelFamily.optionNames()).containsExactly("vae", "wgan-gp", "vae-gan");
        for (ModelFamily f : ModelFamily.values()) {
            assertThat(ModelFamily.parse(f.optionName())).isEqualTo(f);
            assertThat(ModelFamily.parse(f.displayName())).isEqualTo(f);
            assertThat(ModelFamily.parse(f.name())).isEqualTo(f);
        }
    }
}
