/**
 * The TensorFlow runtime of GenMat: {@link org.example.genmat.core.tf.TfRuntime} boots DJL's
 * TensorFlow engine (natives from a given folder, unpacked from the class path, or DJL's CPU build
 * for this {@link org.example.genmat.core.tf.NativePlatform} fetched into DJL's cache by
 * {@link org.example.genmat.core.tf.NativeDownload}; context class loader set for OSGi), and the
 * graph-mode building blocks below the networks: parameters with seeded Glorot initialisation
 * ({@link org.example.genmat.core.tf.Params}), seeded random ops and a gated fused Adam optimiser.
 * The networks themselves are built in {@code org.example.genmat.core.net}.
 *
 * <p>Rule for every caller: call {@link org.example.genmat.core.tf.TfRuntime#boot()} before any
 * {@code org.tensorflow} or {@code ai.djl} class is touched; touching {@code org.tensorflow} first
 * breaks the native library for the lifetime of the JVM.
 */
package org.example.genmat.core.tf;
