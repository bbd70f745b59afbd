package org.example.genmat.core.train;

import java.util.EnumSet;
import java.util.Set;

import org.example.genmat.core.featurize.FeatureLayout;
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

    private final Set<Role> networks;

    ModelFamily(Role first, Role... rest) {
        this.networks = java.util.Collections.unmodifiableSet(EnumSet.of(first, rest));
    }

    /** The family's name as tables and progress show it: VAE, WGAN-GP, VAE-GAN. */
    public String displayName() {
        return name().replace('_', '-');
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
