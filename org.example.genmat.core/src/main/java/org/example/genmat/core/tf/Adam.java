package org.example.genmat.core.tf;

import java.util.ArrayList;
import java.util.List;

import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam on graph variables with TensorFlow's fused {@code ApplyAdam} op, gated: every gradient
 * passes through an {@code Identity} and every update waits (control dependencies) for all those
 * identities. Without the gate the fused update of a late layer overwrites its weights in place
 * while back-propagation into earlier layers still reads them, which makes runs nondeterministic
 * and the gradients slightly wrong.
 *
 * <p>Update, per parameter θ with gradient g at update t (β1ᵗ, β2ᵗ computed in Java and fed):
 * m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; θ ← θ − lr·√(1−β2ᵗ)/(1−β1ᵗ) · m / (√v + ε).
 *
 * <p>One optimiser may own several update ops ({@link #update}) that share its moment slots, so
 * that one session run can apply several updates in a row (e.g. the critic updates of a WGAN
 * step): each update's inputs must be built under a control dependency on the previous update.
 * All of an optimiser's update ops run in every session run that {@link #prepare} feeds. Not
 * thread-safe: one training loop drives it.
 */
public final class Adam {

    private final Ops tf;
    private final List<Variable<TFloat32>> params;
    private final double beta1;
    private final double beta2;
    private final Operand<TFloat32> b1;
    private final Operand<TFloat32> b2;
    private final Operand<TFloat32> eps;
    private final List<Variable<TFloat32>> m = new ArrayList<>();
    private final List<Variable<TFloat32>> v = new ArrayList<>();
    /** Per run: [lr, β1ᵗ, β2ᵗ] for each update op, in build order. */
    private final Placeholder<TFloat32> schedule;
    private int updateOps;
    private long t;

    public Adam(Ops tf, String name, List<Variable<TFloat32>> params, double beta1, double beta2, double epsilon) {
        this.tf = tf.withSubScope(name);
        this.params = List.copyOf(params);
        this.beta1 = beta1;
        this.beta2 = beta2;
        b1 = this.tf.constant((float) beta1);
        b2 = this.tf.constant((float) beta2);
        eps = this.tf.constant((float) epsilon);
        for (Variable<TFloat32> p : params) {
            m.add(this.tf.variable(this.tf.zeros(this.tf.constant(p.shape()), TFloat32.class)));
            v.add(this.tf.variable(this.tf.zeros(this.tf.constant(p.shape()), TFloat32.class)));
        }
        schedule = this.tf.withName("schedule").placeholder(TFloat32.class, Placeholder.shape(Shape.of(-1)));
    }

    /**
     * Builds gradients of {@code loss} with respect to the parameters and one gated update; returns
     * the op that completes it. The gradient seed is passed explicitly (an implicit one inserts
     * {@code OnesLike}, which has no gradient and breaks second-order losses).
     */
    public Op update(Operand<TFloat32> loss) {
        Gradients grads = tf.gradients(List.of(loss), params, Gradients.dx(List.of(tf.constant(1f))));
        List<Operand<TFloat32>> list = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            list.add(grads.<TFloat32>dy(i));
        }
        return update(list);
    }

    /**
     * One gated update from gradients built elsewhere (e.g. on a {@link Tape}), one per parameter
     * in the order given to the constructor; returns the op that completes it.
     */
    public Op update(List<Operand<TFloat32>> gradients) {
        if (gradients.size() != params.size()) {
            throw new IllegalArgumentException(gradients.size() + " gradients for " + params.size() + " parameters");
        }
        int k = updateOps++;
        List<Op> gates = new ArrayList<>();
        for (Operand<TFloat32> g : gradients) {
            gates.add(tf.identity(g));
        }
        Operand<TFloat32> lr = tf.gather(schedule, tf.constant(3 * k), tf.constant(0));
        Operand<TFloat32> p1 = tf.gather(schedule, tf.constant(3 * k + 1), tf.constant(0));
        Operand<TFloat32> p2 = tf.gather(schedule, tf.constant(3 * k + 2), tf.constant(0));
        Ops gated = tf.withControlDependencies(gates);
        List<Op> applied = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            @SuppressWarnings("unchecked")
            Operand<TFloat32> g = (Operand<TFloat32>) gates.get(i);
            applied.add(gated.train.applyAdam(params.get(i), m.get(i), v.get(i), p1, p2, lr, b1, b2, eps, g));
        }
        return tf.withControlDependencies(applied).noOp();
    }

    /**
     * Feeds the schedule of all update ops for the next run at learning rate {@code rate}; the fed
     * tensor is added to {@code toClose}, which the caller closes after the run.
     */
    public void prepare(Session.Runner runner, double rate, List<Tensor> toClose) {
        float[] values = new float[3 * updateOps];
        for (int k = 0; k < updateOps; k++) {
            t++;
            values[3 * k] = (float) rate;
            values[3 * k + 1] = (float) Math.pow(beta1, t);
            values[3 * k + 2] = (float) Math.pow(beta2, t);
        }
        TFloat32 tensor = TFloat32.vectorOf(values);
        toClose.add(tensor);
        runner.feed(schedule, tensor);
    }

    /** Updates applied so far. */
    public long updates() {
        return t;
    }
}
