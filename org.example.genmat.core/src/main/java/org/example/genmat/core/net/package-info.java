/**
 * The network floor: one {@link org.example.genmat.core.net.Architecture} (networks, layers, weight
 * names and shapes) that training, inference and the model file share, and one
 * {@link org.example.genmat.core.net.DifferentiableNetwork} that builds those networks in a
 * TensorFlow graph on given parameters, with a {@link org.example.genmat.core.net.KernelPolicy}
 * decided once per graph.
 *
 * <p>Inside (package-private): the layers (dense, layer norm, LeakyReLU) with their hand-written
 * reverse recorded on a tape and replayed by {@code DifferentiableNetwork.backward}; gradients
 * summed per weight in {@link org.example.genmat.core.net.WeightGradients}. It replaces
 * {@code tf.gradients} for the wide layers: its generic rules spend most of their nodes on shape
 * bookkeeping. On the CPU, layer norm + LeakyReLU and its reverse run as GenMat's own fused
 * kernels ({@link org.example.genmat.core.net.FusedKernels}, C source in {@code src/main/c},
 * loaded into TensorFlow through its C kernel API), and so do the matrix products with a thin (at
 * most 16 wide) output side; plain TensorFlow ops are the fallback and the autodiff reference.
 * Nothing here knows about crystals or training objectives: feature rows are cut into segments
 * by a {@link org.example.genmat.core.featurize.FeatureLayout}.
 */
package org.example.genmat.core.net;
