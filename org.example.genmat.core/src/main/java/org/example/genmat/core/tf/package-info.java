/**
 * The TensorFlow runtime of GenMat: {@link org.example.genmat.core.tf.TfRuntime} boots DJL's
 * TensorFlow engine offline (natives unpacked from the class path or taken from a given folder,
 * context class loader set for OSGi), and the graph-mode building blocks that the trainer and the
 * network runner share: parameters with seeded Glorot initialisation, dense layers, LeakyReLU 0.2,
 * layer normalisation, seeded random ops and a gated fused Adam optimiser.
 *
 * <p>Rule for every caller: call {@link org.example.genmat.core.tf.TfRuntime#boot()} before any
 * {@code org.tensorflow} or {@code ai.djl} class is touched; touching {@code org.tensorflow} first
 * breaks the native library for the lifetime of the JVM.
 */
package org.example.genmat.core.tf;
