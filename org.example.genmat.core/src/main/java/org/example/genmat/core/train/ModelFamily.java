package org.example.genmat.core.train;

/** The generative model families the trainer knows. */
public enum ModelFamily {
    /** Conditional variational autoencoder. */
    VAE,
    /** Conditional Wasserstein GAN with gradient penalty. */
    WGAN_GP,
    /** VAE whose decoder is also trained against a WGAN-GP critic. */
    VAE_GAN
}
