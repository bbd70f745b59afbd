package org.example.genmat.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.example.genmat.core.featurize.FeatureLayout;
import org.example.genmat.core.tf.Params;
import org.example.genmat.core.tf.Tape;
import org.example.genmat.core.tf.WeightGradients;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Gradients of a VAE-type loss (VAE; the encoder + decoder update of VAE-GAN) with respect to the
 * encoder and decoder weights, written out by hand: the reconstruction and KL terms in closed form,
 * the layers by their {@link Tape}s; only an adversarial part (through the critic) is left to
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
     * @param weights       the weights to differentiate, in the optimiser's order
     * @param x             the batch rows R compares with
     * @param batch         rows per batch (R and KL are batch means)
     * @param klWeight      β_t (a scalar operand)
     * @param e             the encoder, built with a tape
     * @param eps           the reparameterisation noise ε
     * @param adversarial   A, or null
     * @param decoderLogits each decoder run's logits; the first reads z
     * @param decoderTapes  the tape of each decoder run (same gradients as the encoder's tape)
     */
    static List<Operand<TFloat32>> gradients(Ops o, Params.Trainable params, TrainingSettings s,
                                             List<Variable<TFloat32>> weights, Operand<TFloat32> x,
                                             FeatureLayout layout, int batch, Operand<TFloat32> klWeight,
                                             Networks.Encoded e, Operand<TFloat32> eps, Operand<TFloat32> adversarial,
                                             List<Operand<TFloat32>> decoderLogits, List<Tape> decoderTapes) {
        Gradients dAdversarial = adversarial == null ? null
            : o.gradients(List.of(adversarial), decoderLogits, Gradients.dx(List.of(o.constant(1f))));
        Operand<TFloat32> dz = null;
        for (int i = 0; i < decoderTapes.size(); i++) {
            Operand<TFloat32> dLogits = i == 0
                ? Networks.reconstructionGradient(o, decoderLogits.get(0), x, layout, batch) : null;
            if (dAdversarial != null) {
                Operand<TFloat32> a = dAdversarial.dy(i);
                dLogits = dLogits == null ? a : o.math.add(dLogits, a);
            }
            Operand<TFloat32> dInput = decoderTapes.get(i).backward(dLogits, i == 0);
            if (i == 0) {
                dz = dInput;
            }
        }
        // z = μ + exp(½ log σ²)·ε; β_t·KL with KL = −½·mean Σ(1 + log σ² − μ² − σ²):
        // dμ = dz + β_t·μ/B, dlog σ² = ½·dz·exp(½ log σ²)·ε + β_t·½(σ² − 1)/B
        Operand<TFloat32> perRow = o.math.div(klWeight, o.constant((float) batch));
        Operand<TFloat32> half = o.constant(0.5f);
        Operand<TFloat32> dMu = o.math.add(dz, o.math.mul(perRow, e.mu()));
        Operand<TFloat32> dLogVar = o.math.add(
            o.math.mul(o.math.mul(dz, o.math.exp(o.math.mul(e.logVar(), half))), o.math.mul(half, eps)),
            o.math.mul(o.math.mul(perRow, half), o.math.sub(o.math.exp(e.logVar()), o.constant(1f))));
        Networks.encoderBackward(o, params, s, e, dMu, dLogVar);
        WeightGradients grads = e.tape().gradients();
        Map<String, Variable<TFloat32>> byName = params.variables();
        List<Operand<TFloat32>> out = new ArrayList<>();
        for (Variable<TFloat32> w : weights) {
            String name = byName.entrySet().stream().filter(en -> en.getValue() == w).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a trainable weight: " + w)).getKey();
            Operand<TFloat32> g = grads.get(name);
            if (g == null) {
                throw new IllegalStateException("the loss does not reach weight " + name);
            }
            out.add(g);
        }
        return out;
    }
}
