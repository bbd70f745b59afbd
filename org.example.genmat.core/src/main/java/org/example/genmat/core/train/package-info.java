/**
 * The training engine: conditional VAE, WGAN-GP and VAE-GAN trained in TensorFlow graph mode
 * ({@link org.example.genmat.core.train.Trainer}), their settings and history, the trained weights
 * as plain named float arrays ({@link org.example.genmat.core.train.TrainedNetwork}) and the
 * inference-only {@link org.example.genmat.core.train.NetworkRunner} that decodes and encodes in
 * batches without any training graph. Nothing here knows about crystals: inputs are feature vectors
 * cut into segments by a {@link org.example.genmat.core.featurize.FeatureLayout}.
 *
 * <p>The VAE and the VAE-GAN encoder/decoder update differentiate their loss by hand
 * ({@code VaeBackward}: closed-form loss heads, layers reversed on {@link org.example.genmat.core.tf.Tape}s);
 * critics and the WGAN-GP generator use {@code tf.gradients} (the gradient penalty needs true
 * second-order gradients). {@code HandWrittenGradientsTest} checks both ways give the same gradients.
 */
package org.example.genmat.core.train;
