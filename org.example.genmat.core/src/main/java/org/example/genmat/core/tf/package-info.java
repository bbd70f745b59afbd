/**
 * The TensorFlow runtime of GenMat: {@link org.example.genmat.core.tf.TfRuntime} boots DJL's
 * TensorFlow engine (natives from a given folder, unpacked from the class path, or DJL's CPU build
 * for this {@link org.example.genmat.core.tf.NativePlatform} fetched into DJL's cache by
 * {@link org.example.genmat.core.tf.NativeDownload}; context class loader set for OSGi), and the graph-mode building blocks that the trainer and the
 * network runner share: parameters with seeded Glorot initialisation, dense layers, LeakyReLU 0.2,
 * layer normalisation, seeded random ops and a gated fused Adam optimiser.
 *
 * <p>Training speed: layers built with a {@link org.example.genmat.core.tf.Tape} record their
 * hand-written reverse (gradients summed per weight in {@link org.example.genmat.core.tf.WeightGradients}),
 * which replaces {@code tf.gradients} for the wide layers; on the CPU, layer norm + LeakyReLU and
 * its reverse run as GenMat's own fused kernels ({@link org.example.genmat.core.tf.FusedKernels},
 * C source in {@code src/main/c}, loaded into TensorFlow through its C kernel API), and so do the
 * matrix products with a thin (at most 16 wide) output side ({@link org.example.genmat.core.tf.Layers#affine});
 * plain TensorFlow ops are the fallback.
 *
 * <p>Rule for every caller: call {@link org.example.genmat.core.tf.TfRuntime#boot()} before any
 * {@code org.tensorflow} or {@code ai.djl} class is touched; touching {@code org.tensorflow} first
 * breaks the native library for the lifetime of the JVM.
 */
package org.example.genmat.core.tf;
