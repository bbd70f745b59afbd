/**
 * The training nodes Train VAE, Train WGAN-GP and Train VAE-GAN: crystal table → Generative Model port +
 * training-history table. {@link org.example.genmat.nodes.train.TrainingNode} holds what the three share
 * (input checks, specs, progress "step 1200/10000 · loss 0.410", cancellation, model serialization).
 */
package org.example.genmat.nodes.train;
