package org.example.genmat.core.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;

import org.example.genmat.core.featurize.FeatureLayout;
import org.example.genmat.core.net.DifferentiableNetwork;
import org.example.genmat.core.net.KernelPolicy;
import org.example.genmat.core.tf.Params;
import org.example.genmat.core.tf.TfRuntime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gradients;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * The WGAN-GP critic loss gradient (with its second-order penalty part) against central finite
 * differences on the first critic weight matrix, h = 1e-4 (LeakyReLU is piecewise linear: larger
 * steps may cross a kink), for a plain critic and a packed one (PacGAN: two rows per critic input,
 * the penalty on packed interpolates).
 */
class GradientPenaltyTest {

    private static final int B = 32;
    private static final int D = 8;
    private static final int CD = 2;

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void penaltyGradientMatchesFiniteDifferences(int pack) {
        TfRuntime.boot();
        TrainingSettings s = TrainingSettings.builder(ModelFamily.WGAN_GP).criticLayers(List.of(16, 16))
            .gpLambda(10).criticPack(pack).build();
        int in = pack * D;
        int packedRows = B / pack;
        Random r = new Random(11);
        float[] real = gaussian(r, B * D, 1f);
        float[] fake = gaussian(r, B * D, 0.3f);
        float[] cond = new float[B * CD];
        float[] eps = new float[packedRows];
        for (int i = 0; i < B; i++) {
            cond[i * CD + (i % CD)] = 1f;
        }
        for (int i = 0; i < packedRows; i++) {
            eps[i] = r.nextFloat();
        }
        try (Graph g = new Graph()) {
            Ops tf = Ops.create(g);
            Params.Trainable p = Params.trainable(tf, new Random(5));
            Placeholder<TFloat32> realIn = placeholder(tf, "real", B, D);
            Placeholder<TFloat32> fakeIn = placeholder(tf, "fake", B, D);
            Placeholder<TFloat32> condIn = placeholder(tf, "cond", B, CD);
            Placeholder<TFloat32> epsIn = placeholder(tf, "eps", packedRows, 1);
            DifferentiableNetwork net = new DifferentiableNetwork(p, ModelFamily.WGAN_GP.architecture(s,
                new FeatureLayout.Builder().add("x", FeatureLayout.Kind.CONTINUOUS_TANH, D).build(), CD),
                KernelPolicy.AUTODIFF);
            Losses.CriticLoss loss = Losses.criticLoss(net, tf, realIn, fakeIn, condIn, epsIn, s.gpLambda());
            Variable<TFloat32> w0 = p.variables().get("critic0_w");
            Operand<TFloat32> grad = tf.gradients(List.of(loss.loss()), List.of(w0),
                Gradients.dx(List.of(tf.constant(1f)))).<TFloat32>dy(0);
            Operand<TFloat32> firstOrderGrad = tf.gradients(List.of(tf.math.neg(loss.wasserstein())), List.of(w0),
                Gradients.dx(List.of(tf.constant(1f)))).<TFloat32>dy(0);
            Placeholder<TFloat32> wIn = placeholder(tf, "w_in", in, 16);
            var assign = tf.assign(w0, wIn);
            try (Session session = new Session(g);
                 TFloat32 realT = tensor(real, B, D); TFloat32 fakeT = tensor(fake, B, D);
                 TFloat32 condT = tensor(cond, B, CD); TFloat32 epsT = tensor(eps, packedRows, 1)) {
                float[] w = new float[in * 16];
                float[] analytic = new float[in * 16];
                float[] firstOrder = new float[in * 16];
                float penalty;
                try (Result res = session.runner().feed(realIn, realT).feed(fakeIn, fakeT).feed(condIn, condT)
                    .feed(epsIn, epsT).fetch(w0).fetch(grad).fetch(firstOrderGrad).fetch(loss.penalty()).run()) {
                    ((TFloat32) res.get(0)).copyTo(DataBuffers.of(w, false, false));
                    ((TFloat32) res.get(1)).copyTo(DataBuffers.of(analytic, false, false));
                    ((TFloat32) res.get(2)).copyTo(DataBuffers.of(firstOrder, false, false));
                    penalty = ((TFloat32) res.get(3)).getFloat();
                }
                assertThat(penalty).isGreaterThan(0.01f);
                assertThat(p.shape("critic0_w")).containsExactly(in, 16);
                assertThat(p.shape("critic0_wc")).containsExactly(pack * CD, 16);
                double h = 1e-4;
                double maxPenaltyPart = 0;
                Random pick = new Random(3);
                for (int probe = 0; probe < 24; probe++) {
                    int k = pick.nextInt(w.length);
                    double plus = lossAt(session, assign, wIn, w, k, h, loss, realIn, realT, fakeIn, fakeT, condIn, condT,
                        epsIn, epsT);
                    double minus = lossAt(session, assign, wIn, w, k, -h, loss, realIn, realT, fakeIn, fakeT, condIn,
                        condT, epsIn, epsT);
                    double fd = (plus - minus) / (2 * h);
                    assertThat(Math.abs(fd - analytic[k]))
                        .as("entry %d: finite difference %s vs analytic %s", k, fd, analytic[k])
                        .isLessThan(5e-3 + 0.02 * Math.abs(analytic[k]));
                    maxPenaltyPart = Math.max(maxPenaltyPart, Math.abs(analytic[k] - firstOrder[k]));
                }
                // the penalty's (second-order) part is large enough that dropping it would fail the check
                assertThat(maxPenaltyPart).isGreaterThan(0.05);
            }
        }
    }

    private static double lossAt(Session session, org.tensorflow.op.Op assign, Placeholder<TFloat32> wIn, float[] w,
                                 int k, double delta, Losses.CriticLoss loss, Placeholder<TFloat32> realIn,
                                 TFloat32 realT, Placeholder<TFloat32> fakeIn, TFloat32 fakeT,
                                 Placeholder<TFloat32> condIn, TFloat32 condT, Placeholder<TFloat32> epsIn,
                                 TFloat32 epsT) {
        float[] moved = w.clone();
        moved[k] = (float) (w[k] + delta);
        try (TFloat32 wt = tensor(moved, w.length / 16, 16)) {
            session.runner().feed(wIn, wt).addTarget(assign).run().close();
        }
        try (Result res = session.runner().feed(realIn, realT).feed(fakeIn, fakeT).feed(condIn, condT)
            .feed(epsIn, epsT).fetch(loss.loss()).run()) {
            return ((TFloat32) res.get(0)).getFloat();
        } finally {
            try (TFloat32 wt = tensor(w, w.length / 16, 16)) {
                session.runner().feed(wIn, wt).addTarget(assign).run().close();
            }
        }
    }

    private static Placeholder<TFloat32> placeholder(Ops tf, String name, int rows, int cols) {
        return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.of(rows, cols)));
    }

    private static TFloat32 tensor(float[] v, int rows, int cols) {
        return TFloat32.tensorOf(Shape.of(rows, cols), DataBuffers.of(v, true, false));
    }

    private static float[] gaussian(Random r, int n, float scale) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian() * scale;
        }
        return v;
    }
}
