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
 * <p>Update, per parameter θ with gradient g at step t (β1ᵗ, β2ᵗ computed in Java and fed):
 * m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; θ ← θ − lr·√(1−β2ᵗ)/(1−β1ᵗ) · m / (√v + ε).
 * Not thread-safe: one training loop drives it.
 */
public final class Adam {

    private final double beta1;
    private final double beta2;
    private final Placeholder<TFloat32> lr;
    private final Placeholder<TFloat32> beta1Power;
    private final Placeholder<TFloat32> beta2Power;
    private final Op step;
    private long t;

    /**
     * Builds gradients of {@code loss} with respect to {@code params} and the gated updates.
     * The gradient seed is passed explicitly (an implicit one inserts {@code OnesLike}, which has no
     * gradient and breaks second-order losses).
     */
    public Adam(Ops tf, String name, Operand<TFloat32> loss, List<Variable<TFloat32>> params, double beta1,
                double beta2, double epsilon) {
        this.beta1 = beta1;
        this.beta2 = beta2;
        Ops scoped = tf.withSubScope(name);
        lr = scoped.withName("lr").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        beta1Power = scoped.withName("beta1_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        beta2Power = scoped.withName("beta2_power").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        Gradients grads = scoped.gradients(List.of(loss), params, Gradients.dx(List.of(tf.constant(1f))));
        List<Op> gates = new ArrayList<>();
        List<Operand<TFloat32>> gated = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Operand<TFloat32> g = grads.<TFloat32>dy(i);
            var id = scoped.identity(g);
            gates.add(id);
            gated.add(id);
        }
        Ops gatedOps = scoped.withControlDependencies(gates);
        Operand<TFloat32> b1 = scoped.constant((float) beta1);
        Operand<TFloat32> b2 = scoped.constant((float) beta2);
        Operand<TFloat32> eps = scoped.constant((float) epsilon);
        List<Op> updates = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            Variable<TFloat32> p = params.get(i);
            Operand<TFloat32> zeros = scoped.zeros(scoped.constant(p.shape()), TFloat32.class);
            Variable<TFloat32> m = scoped.variable(zeros);
            Variable<TFloat32> v = scoped.variable(scoped.zeros(scoped.constant(p.shape()), TFloat32.class));
            updates.add(gatedOps.train.applyAdam(p, m, v, beta1Power, beta2Power, lr, b1, b2, eps, gated.get(i)));
        }
        step = scoped.withControlDependencies(updates).withName("step").noOp();
    }

    /** The op that applies one update. */
    public Op step() {
        return step;
    }

    /**
     * Adds the step target and its scalar feeds for the next update at learning rate {@code rate};
     * the fed tensors are added to {@code toClose}, which the caller closes after the run.
     */
    public void prepare(Session.Runner runner, double rate, List<Tensor> toClose) {
        t++;
        TFloat32 a = TFloat32.scalarOf((float) rate);
        toClose.add(a);
        TFloat32 p1 = TFloat32.scalarOf((float) Math.pow(beta1, t));
        toClose.add(p1);
        TFloat32 p2 = TFloat32.scalarOf((float) Math.pow(beta2, t));
        toClose.add(p2);
        runner.feed(lr, a).feed(beta1Power, p1).feed(beta2Power, p2).addTarget(step);
    }

    /** Updates applied so far. */
    public long updates() {
        return t;
    }
}
