/**
 * The training engine: conditional VAE, WGAN-GP and VAE-GAN trained in TensorFlow graph mode
 * ({@link org.example.genmat.core.train.Trainer}), their settings, run options and history, and the
 * trained weights as plain named float arrays ({@link org.example.genmat.core.train.TrainedNetwork}).
 * Each {@link org.example.genmat.core.train.ModelFamily} names its networks; their layers come
 * from the {@link org.example.genmat.core.net.Architecture} and are built by a
 * {@link org.example.genmat.core.net.DifferentiableNetwork}. Nothing here knows about crystals:
 * inputs are feature vectors cut into segments by a {@link org.example.genmat.core.featurize.FeatureLayout}.
 *
 * <p>The VAE and the VAE-GAN encoder/decoder update differentiate their loss by hand
 * ({@code VaeBackward}: closed-form loss heads, then the networks' own reverse); critics and the
 * WGAN-GP generator use {@code tf.gradients} (the gradient penalty needs true second-order
 * gradients). {@code HandWrittenGradientsTest} checks both ways give the same gradients.
 */
package org.example.genmat.core.train;
