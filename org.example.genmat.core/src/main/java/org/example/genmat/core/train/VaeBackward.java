package org.example.genmat.core.train;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 * encoder and decoder weights, with the wide hidden layers reversed by hand ({@link Tape}) and only
 * the narrow ends left to {@code tf.gradients}: the loss heads on the decoder logits (batch × features)
 * and the reparameterisation on μ, log σ² (batch × latent).
 *
 * <p>Chain: {@code dL/dlogits} (per decoder run) → decoder tapes → {@code dL/dz} of the run that
 * reads the encoded z → {@code dμ = dz + ∂(β_t·KL)/∂μ}, {@code dlog σ² = dz·½σε + ∂(β_t·KL)/∂log σ²}
 * → encoder heads → encoder tape.
 */
final class VaeBackward {

    private VaeBackward() {
    }

    /**
     * @param weights       the weights to differentiate, in the optimiser's order
     * @param loss          the whole loss
     * @param klTerm        the part of {@code loss} that reads μ and log σ² other than through z
     * @param e             the encoder, built with a tape
     * @param z             the reparameterised latent read by the first decoder run
     * @param decoderLogits each decoder run's logits; the first reads {@code z}
     * @param decoderTapes  the tape of each decoder run (same gradients as the encoder's tape)
     */
    static List<Operand<TFloat32>> gradients(Ops o, Params.Trainable params, TrainingSettings s,
                                             List<Variable<TFloat32>> weights, Operand<TFloat32> loss,
                                             Operand<TFloat32> klTerm, Networks.Encoded e, Operand<TFloat32> z,
                                             List<Operand<TFloat32>> decoderLogits, List<Tape> decoderTapes) {
        Gradients dLogits = o.gradients(List.of(loss), decoderLogits, Gradients.dx(List.of(o.constant(1f))));
        Operand<TFloat32> dz = null;
        for (int i = 0; i < decoderTapes.size(); i++) {
            Operand<TFloat32> dInput = decoderTapes.get(i).backward(dLogits.<TFloat32>dy(i), i == 0);
            if (i == 0) {
                dz = dInput;
            }
        }
        Gradients dEncoded = o.gradients(List.of(klTerm, z), List.of(e.mu(), e.logVar()),
            Gradients.dx(List.of(o.constant(1f), dz)));
        Networks.encoderBackward(o, params, s, e, dEncoded.<TFloat32>dy(0), dEncoded.<TFloat32>dy(1));
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
