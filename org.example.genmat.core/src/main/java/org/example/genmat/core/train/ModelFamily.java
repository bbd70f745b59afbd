package org.example.genmat.core.train;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.example.genmat.core.featurize.FeatureLayout;
import org.example.genmat.core.io.Messages;
import org.example.genmat.core.net.Architecture;
import org.example.genmat.core.net.Architecture.Role;

/** The generative model families the trainer knows, each with the networks it is made of. */
public enum ModelFamily {
    /** Conditional variational autoencoder. */
    VAE(Role.ENCODER, Role.DECODER),
    /** Conditional Wasserstein GAN with gradient penalty (its decoder is the generator). */
    WGAN_GP(Role.DECODER, Role.CRITIC),
    /** VAE whose decoder is also trained against a WGAN-GP critic. */
    VAE_GAN(Role.ENCODER, Role.DECODER, Role.CRITIC);

    /**
     * The spellings a user may give for each family, after trimming, lower-casing and reading '_' as '-': the union of
     * what {@code genmat train --model}, {@code genmat demo/bench turk --families} and the bench commands accepted when
     * each had a parser of its own, so no command line that worked stops working.
     */
    private static final Map<String, ModelFamily> SPELLINGS = Map.of(
        "vae", VAE,
        "wgan-gp", WGAN_GP, "wgan", WGAN_GP, "gan", WGAN_GP,
        "vae-gan", VAE_GAN, "vaegan", VAE_GAN);

    private final Set<Role> networks;

    ModelFamily(Role first, Role... rest) {
        this.networks = java.util.Collections.unmodifiableSet(EnumSet.of(first, rest));
    }

    /** The family's name as tables and progress show it: VAE, WGAN-GP, VAE-GAN. */
    public String displayName() {
        return name().replace('_', '-');
    }

    /** The name a user types for the family: vae, wgan-gp, vae-gan. */
    public String optionName() {
        return displayName().toLowerCase(Locale.ROOT);
    }

    /** The names a user types, in the enum's order: vae, wgan-gp, vae-gan. */
    public static List<String> optionNames() {
        return Arrays.stream(values()).map(ModelFamily::optionName).toList();
    }

    /**
     * The family a user names: vae; wgan-gp, wgan or gan; vae-gan or vaegan; in any case, with '_' for '-' and
     * blanks around.
     *
     * @throws IllegalArgumentException {@code unknown model family 'x' (known: vae, wgan-gp, vae-gan)}, for the caller
     *                                  to put its option in front of
     */
    public static ModelFamily parse(String name) {
        ModelFamily family = name == null ? null : SPELLINGS.get(name.trim().toLowerCase(Locale.ROOT).replace('_', '-'));
        if (family == null) {
            throw new IllegalArgumentException("unknown model family '" + Messages.value(name) + "' (known: "
                + String.join(", ", optionNames()) + ")");
        }
        return family;
    }

    /**
     * {@link #parse} of an option's value, its message with the option in front:
     * {@code --families: unknown model family 'x' (known: vae, wgan-gp, vae-gan)}.
     */
    public static ModelFamily parseOption(String option, String value) {
        try {
            return parse(value);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }

    /** The networks a model of this family has. */
    public Set<Role> networks() {
        return networks;
    }

    /** Whether the family has an encoder (encoding rows and interpolating between them need one). */
    public boolean hasEncoder() {
        return networks.contains(Role.ENCODER);
    }

    /**
     * The architecture of a model of this family with the layer sizes of {@code settings}, feature
     * rows of {@code layout} and conditions {@code conditionDimension} wide (0: unconditional).
     */
    public Architecture architecture(TrainingSettings settings, FeatureLayout layout, int conditionDimension) {
        return Architecture.of(networks, settings.hiddenLayers(), settings.criticLayers(), settings.latentSize(),
            settings.layerNorm(), layout, conditionDimension, settings.criticPack());
    }
}
