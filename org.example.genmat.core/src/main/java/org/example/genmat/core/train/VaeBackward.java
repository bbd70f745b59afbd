package org.example.genmat.core.train;

import java.util.ArrayList;
import java.util.List;

import org.example.genmat.core.net.Architecture;
import org.example.genmat.core.net.DifferentiableNetwork;
import org.example.genmat.core.net.DifferentiableNetwork.Run;
import org.example.genmat.core.net.WeightGradients;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Gradients of a VAE-type loss (VAE; the encoder + decoder update of VAE-GAN) with respect to the
 * encoder and decoder weights, written out by hand: the reconstruction and KL terms in closed form,
 * the networks by {@link DifferentiableNetwork#backward}; only an adversarial part (through the critic) is left to
 * {@code tf.gradients}. Generic differentiation spends most of its nodes on shape bookkeeping for
 * these small tensors.
 *
 * <p>Chain: {@code dL/dlogits} (per decoder run) → decoder tapes → {@code dL/dz} of the run that
 * reads the encoded z → {@code dμ = dz + ∂(β_t·KL)/∂μ}, {@code dlog σ² = dz·½σε + ∂(β_t·KL)/∂log σ²}
 * → encoder heads → encoder tape.
 */
final class VaeBackward {

    private VaeBackward() {
    }

    /**
     * The loss is {@code L = R(x, logits₀) + β_t·KL(μ, log σ²) + A}, where logits₀ is the first
     * decoder run (it reads z = μ + σ·ε) and A an optional adversarial part reading any decoder runs.
     *
     * @param net           the networks, whose encoder and decoder runs were recorded into {@code sum}
     * @param sum           the gradient sum of those runs
     * @param weights       the weights to differentiate, in the optimiser's order
     * @param x             the batch rows R compares with
     * @param batch         rows per batch (R and KL are batch means)
     * @param klWeight      β_t (a scalar operand)
     * @param e             the encoder run
     * @param eps           the reparameterisation noise ε
     * @param adversarial   A, or null
     * @param decoderRuns   each decoder run; the first reads z
     */
    static List<Operand<TFloat32>> gradients(Ops o, DifferentiableNetwork net, WeightGradients sum,
                                             List<Variable<TFloat32>> weights, Operand<TFloat32> x, int batch,
                                             Operand<TFloat32> klWeight, Run e, Operand<TFloat32> eps,
                                             Operand<TFloat32> adversarial, List<Run> decoderRuns) {
        List<Operand<TFloat32>> decoderLogits = decoderRuns.stream().map(Run::output).toList();
        Gradients dAdversarial = adversarial == null ? null
            : o.gradients(List.of(adversarial), decoderLogits, Gradients.dx(List.of(o.constant(1f))));
        Operand<TFloat32> dz = null;
        for (int i = 0; i < decoderRuns.size(); i++) {
            Operand<TFloat32> dLogits = i == 0
                ? Losses.reconstructionGradient(o, decoderLogits.get(0), x, net.architecture(), batch) : null;
            if (dAdversarial != null) {
                Operand<TFloat32> a = dAdversarial.dy(i);
                dLogits = dLogits == null ? a : o.math.add(dLogits, a);
            }
            Operand<TFloat32> dInput = net.backward(decoderRuns.get(i), List.of(dLogits), i == 0);
            if (i == 0) {
                dz = dInput;
            }
        }
        // z = μ + exp(½ log σ²)·ε; β_t·KL with KL = −½·mean Σ(1 + log σ² − μ² − σ²):
        // dμ = dz + β_t·μ/B, dlog σ² = ½·dz·exp(½ log σ²)·ε + β_t·½(σ² − 1)/B
        Operand<TFloat32> perRow = o.math.div(klWeight, o.constant((float) batch));
        Operand<TFloat32> half = o.constant(0.5f);
        Operand<TFloat32> dMu = o.math.add(dz, o.math.mul(perRow, Losses.mu(e)));
        Operand<TFloat32> dLogVar = o.math.add(
            o.math.mul(o.math.mul(dz, o.math.exp(o.math.mul(Losses.logVar(e), half))), o.math.mul(half, eps)),
            o.math.mul(o.math.mul(perRow, half), o.math.sub(o.math.exp(Losses.logVar(e)), o.constant(1f))));
        net.backward(e, headGradients(dMu, dLogVar), false);
        List<Operand<TFloat32>> out = new ArrayList<>();
        for (Variable<TFloat32> w : weights) {
            // variables are created under their weight names (Params.Trainable)
            String name = w.op().name();
            Operand<TFloat32> g = sum.get(name);
            if (g == null) {
                throw new IllegalStateException("the loss does not reach weight " + name);
            }
            out.add(g);
        }
        return out;
    }

    /** The encoder's head gradients in the order of its heads. */
    private static List<Operand<TFloat32>> headGradients(Operand<TFloat32> dMu, Operand<TFloat32> dLogVar) {
        List<Operand<TFloat32>> heads = new ArrayList<>(List.of(dMu, dMu));
        heads.set(Architecture.MEAN_HEAD, dMu);
        heads.set(Architecture.LOG_VARIANCE_HEAD, dLogVar);
        return heads;
    }
}
