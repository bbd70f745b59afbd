package org.example.genmat.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.example.genmat.core.featurize.FeatureLayout;
import org.example.genmat.core.tf.Adam;
import org.example.genmat.core.tf.Params;
import org.example.genmat.core.tf.SeededRandom;
import org.example.genmat.core.tf.TfRuntime;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One training run in TensorFlow graph mode. The training rows live in graph variables (uploaded
 * once); each step feeds only the batch's row indices (drawn in Java from a seeded
 * {@link BatchSampler}) and the Adam scalars; all noise comes from seeded in-graph random ops.
 *
 * <p>Losses (x a batch row, c its condition, z ~ N(0, I), all terms batch means):
 * <ul>
 *   <li><b>VAE</b>: {@code L = R(x, dec(z_x, c)) + β_t · KL}, z_x = μ + σ·ε (reparameterised, ε
 *       stop-gradient), R per segment: Σ(x − x̂)² for continuous parts (x̂ = tanh or linear output),
 *       −Σ x·log softmax for categorical parts; KL = −½ Σ(1 + log σ² − μ² − σ²);
 *       β_t = β · min(1, t / warm-up steps) (β when warm-up is 0).</li>
 *   <li><b>WGAN-GP</b>: critic {@code L_D = −D(x, c) + D(G(z, c), c) + λ·(‖∇_x̂ D(x̂, c)‖₂ − 1)²},
 *       x̂ = εx + (1−ε)G(z, c), ε ~ U[0, 1] per row; generator {@code L_G = −D(G(z, c), c)};
 *       nCritic critic updates, then one generator update (= one step). G's output gets the
 *       layout's activations (tanh / linear / softmax).</li>
 *   <li><b>VAE-GAN</b>: per step nCritic critic updates with the WGAN-GP loss where the fake rows are,
 *       per row at random (p = ½), a decoded training row dec(z_x, c) or a prior sample dec(z, c);
 *       then one encoder+decoder update on
 *       {@code L = R + β_t·KL − w_dec · D(dec(z_x, c), c) − w_prior · D(dec(z, c), c)}.</li>
 * </ul>
 * Separate Adam optimisers (same hyperparameters) update the critic and the encoder/decoder.
 */
final class TrainingRun implements AutoCloseable {

    private final ModelFamily family;
    private final TrainingData data;
    private final TrainingSettings s;
    private final TrainingListener listener;
    private final String device;
    private final Graph graph = new Graph();
    private final Ops tf = Ops.create(graph);
    private final Params.Trainable params;
    private final SeededRandom random;
    private final Placeholder<TInt32> batchIndex;
    private final Placeholder<TFloat32> klWeight;
    private final Operand<TFloat32> x;
    private final Operand<TFloat32> c;
    private final int d;
    private final int cd;
    private final Session session;
    private final List<Object[]> uploads = new ArrayList<>();

    // graph ends, by family (null where absent)
    private Adam mainAdam;
    private Adam criticAdam;
    private Operand<TFloat32> reconstruction;
    private Operand<TFloat32> kl;
    private Operand<TFloat32> generatorLoss;
    private Networks.CriticLoss criticLoss;

    private TrainingRun(ModelFamily family, TrainingData data, TrainingSettings s, TrainingListener listener) {
        this.family = family;
        this.data = data;
        this.s = s;
        this.listener = listener;
        this.d = data.dimension();
        this.cd = data.conditionDimension();
        this.device = chooseDevice(s.device());
        try {
        this.params = Params.trainable(tf, new Random(s.seed()));
        this.random = new SeededRandom(tf, s.seed());
        int b = s.batchSize();
        batchIndex = tf.withName("batch_index").placeholder(TInt32.class, Placeholder.shape(Shape.of(b)));
        klWeight = tf.withName("kl_weight").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
        x = tf.gather(upload("data", data.x(), d), batchIndex, tf.constant(0));
        c = cd == 0 ? null : tf.gather(upload("condition", data.condition(), cd), batchIndex, tf.constant(0));
        switch (family) {
            case VAE -> buildVae();
            case WGAN_GP -> buildWgan();
            case VAE_GAN -> buildVaeGan();
            default -> throw new IllegalArgumentException("unknown family " + family);
        }
        ConfigProto.Builder config = ConfigProto.newBuilder();
        if (s.threads() > 0) {
            config.setIntraOpParallelismThreads(s.threads()).setInterOpParallelismThreads(s.threads());
        }
        if (device.equals("CPU")) {
            config.putDeviceCount("GPU", 0);
        }
        session = new Session(graph, config.build());
        } catch (RuntimeException | Error e) {
            graph.close();
            throw e;
        }
    }

    private String chooseDevice(TrainingSettings.Device wanted) {
        return switch (wanted) {
            case CPU -> "CPU";
            case AUTO -> TfRuntime.gpuUsable() ? TfRuntime.deviceDescription() : "CPU";
            case GPU -> {
                if (!TfRuntime.gpuUsable()) {
                    String why = TfRuntime.gpuProblem();
                    throw new IllegalArgumentException("GPU training requested but no usable GPU"
                        + (why == null ? " (no CUDA device found)" : ": " + why));
                }
                yield TfRuntime.deviceDescription();
            }
        };
    }

    /** A graph variable holding all rows, filled once before training. */
    private Variable<TFloat32> upload(String name, float[][] rows, int width) {
        Variable<TFloat32> v = tf.withName(name).variable(Shape.of(rows.length, width), TFloat32.class);
        Placeholder<TFloat32> in = tf.withName(name + "_in").placeholder(TFloat32.class,
            Placeholder.shape(Shape.of(rows.length, width)));
        uploads.add(new Object[] {tf.assign(v, in), in, rows, width});
        return v;
    }

    private Operand<TFloat32> kWeighted(Operand<TFloat32> klTerm) {
        return tf.math.mul(klWeight, klTerm);
    }

    private Operand<TFloat32> sum(List<Operand<TFloat32>> terms) {
        Operand<TFloat32> total = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            total = tf.math.add(total, terms.get(i));
        }
        return total;
    }

    private void buildVae() {
        Networks.Encoded e = Networks.encoder(tf, params, s, x, d, c, cd);
        Operand<TFloat32> z = Networks.reparameterise(tf, e, random.normal(s.batchSize(), s.latentSize()));
        Operand<TFloat32> logits = Networks.decoderLogits(tf, params, s, z, c, cd, d);
        reconstruction = Networks.reconstruction(tf, logits, x, data.layout());
        kl = Networks.kl(tf, e);
        mainAdam = new Adam(tf, "adam", tf.math.add(reconstruction, kWeighted(kl)), allTrainable(), s.adamBeta1(),
            s.adamBeta2(), 1e-7);
    }

    private void buildWgan() {
        int b = s.batchSize();
        // critic step: fakes from their own noise op; no gradient into the generator
        Operand<TFloat32> fake = tf.stopGradient(generate(random.normal(b, s.latentSize())));
        criticLoss = Networks.criticLoss(tf, params, s, x, fake, c, cd, d, random.uniform(b, 1));
        List<Variable<TFloat32>> critic = params.withPrefix("critic");
        List<Variable<TFloat32>> generator = params.withPrefix("dec");
        criticAdam = new Adam(tf, "adam_critic", criticLoss.loss(), critic, s.adamBeta1(), s.adamBeta2(), 1e-7);
        Operand<TFloat32> genFake = generate(random.normal(b, s.latentSize()));
        generatorLoss = tf.math.neg(tf.math.mean(Networks.critic(tf, params, s, genFake, d, c, cd),
            tf.constant(new int[] {0, 1})));
        mainAdam = new Adam(tf, "adam_gen", generatorLoss, generator, s.adamBeta1(), s.adamBeta2(), 1e-7);
    }

    private Operand<TFloat32> generate(Operand<TFloat32> z) {
        return Networks.activate(tf, Networks.decoderLogits(tf, params, s, z, c, cd, d), data.layout());
    }

    private void buildVaeGan() {
        int b = s.batchSize();
        Networks.Encoded e = Networks.encoder(tf, params, s, x, d, c, cd);
        // critic step
        Operand<TFloat32> zx = Networks.reparameterise(tf, e, random.normal(b, s.latentSize()));
        Operand<TFloat32> decodedForCritic = generate(zx);
        Operand<TFloat32> priorForCritic = generate(random.normal(b, s.latentSize()));
        Operand<TFloat32> pickDecoded = tf.dtypes.cast(tf.math.less(random.uniform(b, 1), tf.constant(0.5f)),
            TFloat32.class);
        Operand<TFloat32> mixed = tf.math.add(tf.math.mul(pickDecoded, decodedForCritic),
            tf.math.mul(tf.math.sub(tf.constant(1f), pickDecoded), priorForCritic));
        criticLoss = Networks.criticLoss(tf, params, s, x, tf.stopGradient(mixed), c, cd, d, random.uniform(b, 1));
        List<Variable<TFloat32>> critic = params.withPrefix("critic");
        criticAdam = new Adam(tf, "adam_critic", criticLoss.loss(), critic, s.adamBeta1(), s.adamBeta2(), 1e-7);
        // encoder + decoder step
        Operand<TFloat32> z = Networks.reparameterise(tf, e, random.normal(b, s.latentSize()));
        Operand<TFloat32> logits = Networks.decoderLogits(tf, params, s, z, c, cd, d);
        reconstruction = Networks.reconstruction(tf, logits, x, data.layout());
        kl = Networks.kl(tf, e);
        Operand<TFloat32> decoded = Networks.activate(tf, logits, data.layout());
        Operand<TFloat32> prior = generate(random.normal(b, s.latentSize()));
        var all = tf.constant(new int[] {0, 1});
        Operand<TFloat32> advDecoded = tf.math.neg(tf.math.mean(Networks.critic(tf, params, s, decoded, d, c, cd), all));
        Operand<TFloat32> advPrior = tf.math.neg(tf.math.mean(Networks.critic(tf, params, s, prior, d, c, cd), all));
        generatorLoss = tf.math.mul(tf.constant(0.5f), tf.math.add(advDecoded, advPrior));
        Operand<TFloat32> loss = sum(List.of(reconstruction, kWeighted(kl),
            tf.math.mul(tf.constant((float) s.adversarialWeightDecoded()), advDecoded),
            tf.math.mul(tf.constant((float) s.adversarialWeightPrior()), advPrior)));
        List<Variable<TFloat32>> encDec = new ArrayList<>(params.withPrefix("enc"));
        encDec.addAll(params.withPrefix("dec"));
        mainAdam = new Adam(tf, "adam_vae", loss, encDec, s.adamBeta1(), s.adamBeta2(), 1e-7);
    }

    private List<Variable<TFloat32>> allTrainable() {
        return new ArrayList<>(params.variables().values());
    }

    static TrainedNetwork run(ModelFamily family, TrainingData data, TrainingSettings settings,
                              TrainingListener listener) throws TrainingCancelledException {
        if (settings.classBalanced() && data.classLabels() == null) {
            throw new IllegalArgumentException("class-balanced batches need a class label per row");
        }
        if (listener.isCancelled()) {
            throw new TrainingCancelledException(0, settings.steps());
        }
        try (TrainingRun run = new TrainingRun(family, data, settings, listener)) {
            return run.train();
        }
    }

    private TrainedNetwork train() throws TrainingCancelledException {
        for (Object[] u : uploads) {
            float[][] rows = (float[][]) u[2];
            int width = (Integer) u[3];
            float[] flat = new float[rows.length * width];
            for (int i = 0; i < rows.length; i++) {
                System.arraycopy(rows[i], 0, flat, i * width, width);
            }
            try (TFloat32 t = TFloat32.tensorOf(Shape.of(rows.length, width), DataBuffers.of(flat, true, false))) {
                @SuppressWarnings("unchecked")
                Placeholder<TFloat32> in = (Placeholder<TFloat32>) u[1];
                session.runner().feed(in, t).addTarget((org.tensorflow.op.Op) u[0]).run().close();
            }
        }
        BatchSampler sampler = new BatchSampler(data.rows(), s.classBalanced() ? data.classLabels() : null,
            new Random(s.seed() * 0x9E3779B97F4A7C15L + 1));
        List<HistoryRow> history = new ArrayList<>();
        long start = System.nanoTime();
        int total = s.steps();
        double[] criticTerms = {Double.NaN, Double.NaN, Double.NaN};
        for (int step = 1; step <= total; step++) {
            boolean record = step % s.historyEvery() == 0 || step == total;
            if (criticAdam != null) {
                for (int k = 0; k < s.nCritic(); k++) {
                    checkCancel(step, total);
                    boolean fetch = record && k == s.nCritic() - 1;
                    double[] out = runStep(criticAdam, sampler, step, fetch,
                        criticLoss.loss(), criticLoss.penalty(), criticLoss.wasserstein());
                    if (fetch) {
                        criticTerms = out;
                    }
                }
            }
            checkCancel(step, total);
            double[] out = family == ModelFamily.WGAN_GP
                ? runStep(mainAdam, sampler, step, record, generatorLoss)
                : family == ModelFamily.VAE ? runStep(mainAdam, sampler, step, record, reconstruction, kl)
                : runStep(mainAdam, sampler, step, record, reconstruction, kl, generatorLoss);
            if (record) {
                double seconds = (System.nanoTime() - start) / 1e9;
                double epoch = (double) step * s.batchSize() / data.rows();
                HistoryRow row = switch (family) {
                    case VAE -> new HistoryRow(step, epoch, out[0], out[1], Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, s.learningRate(), seconds, device);
                    case WGAN_GP -> new HistoryRow(step, epoch, Double.NaN, Double.NaN, criticTerms[0], out[0],
                        criticTerms[1], criticTerms[2], s.learningRate(), seconds, device);
                    case VAE_GAN -> new HistoryRow(step, epoch, out[0], out[1], criticTerms[0], out[2],
                        criticTerms[1], criticTerms[2], s.learningRate(), seconds, device);
                };
                history.add(row);
                listener.onProgress(step, total, row);
            }
        }
        checkCancel(total, total);
        return new TrainedNetwork(family, s, d, cd, data.layout(), weights(), history);
    }

    private void checkCancel(int step, int total) throws TrainingCancelledException {
        if (listener.isCancelled()) {
            throw new TrainingCancelledException(step, total);
        }
    }

    private double klWeightAt(int step) {
        if (s.betaWarmupSteps() <= 0) {
            return s.beta();
        }
        return s.beta() * Math.min(1.0, (double) step / s.betaWarmupSteps());
    }

    @SafeVarargs
    private double[] runStep(Adam adam, BatchSampler sampler, int step, boolean fetch, Operand<TFloat32>... outputs) {
        List<Tensor> feeds = new ArrayList<>(6);
        try {
            Session.Runner runner = session.runner();
            TInt32 idx = TInt32.vectorOf(sampler.next(s.batchSize()));
            feeds.add(idx);
            TFloat32 kw = TFloat32.scalarOf((float) klWeightAt(step));
            feeds.add(kw);
            runner.feed(batchIndex, idx).feed(klWeight, kw);
            adam.prepare(runner, s.learningRate(), feeds);
            if (fetch) {
                for (Operand<TFloat32> o : outputs) {
                    runner.fetch(o);
                }
            }
            try (Result r = runner.run()) {
                double[] values = new double[fetch ? outputs.length : 0];
                for (int i = 0; i < values.length; i++) {
                    values[i] = ((TFloat32) r.get(i)).getFloat();
                }
                return values;
            }
        } finally {
            feeds.forEach(Tensor::close);
        }
    }

    private Map<String, NamedArray> weights() {
        Map<String, NamedArray> out = new LinkedHashMap<>();
        Session.Runner runner = session.runner();
        List<String> names = new ArrayList<>(params.variables().keySet());
        for (String n : names) {
            runner.fetch(params.variables().get(n));
        }
        try (Result r = runner.run()) {
            for (int i = 0; i < names.size(); i++) {
                TFloat32 t = (TFloat32) r.get(i);
                float[] values = new float[(int) t.shape().size()];
                t.copyTo(DataBuffers.of(values, false, false));
                out.put(names.get(i), new NamedArray(params.shape(names.get(i)), values));
            }
        }
        return out;
    }

    @Override
    public void close() {
        session.close();
        graph.close();
    }
}
