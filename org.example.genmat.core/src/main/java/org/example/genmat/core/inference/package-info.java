/**
 * Inference beside the model: {@link org.example.genmat.core.inference.NetworkRunner} decodes latent
 * rows and encodes feature rows of a trained network in batches, on an inference-only TensorFlow
 * graph built from the model's {@link org.example.genmat.core.net.Architecture} (constants, no
 * training graph).
 */
package org.example.genmat.core.inference;
