package org.example.genmat.core.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.net.Architecture;
import org.example.genmat.core.net.Architecture.Role;
import org.example.genmat.core.net.DifferentiableNetwork;
import org.example.genmat.core.net.DifferentiableNetwork.Pass;
import org.example.genmat.core.net.DifferentiableNetwork.Run;
import org.example.genmat.core.net.KernelPolicy;
import org.example.genmat.core.net.WeightGradients;
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
 *       layout's activations (tanh / linear / softmax). With a critic pack m &gt; 1 (PacGAN) D scores m
 *       consecutive batch rows at once and x̂ interpolates packed rows.</li>
 *   <li><b>VAE-GAN</b>: per step nCritic critic updates with the WGAN-GP loss where the fake rows are,
 *       per row at random (p = ½), a decoded training row dec(z_x, c) or a prior sample dec(z, c);
 *       then one encoder+decoder update on
 *       {@code L = R + β_t·KL − w_dec · D(dec(z_x, c), c) − w_prior · D(dec(z, c), c)}.</li>
 * </ul>
 * Separate Adam optimisers (same hyperparameters) update the critic and the encoder/decoder.
 * The networks are the family's {@link Architecture} built by one {@link DifferentiableNetwork},
 * whose {@link KernelPolicy} is decided once from the run's {@link TrainingOptions} and device.
 */
final class TrainingRun implements AutoCloseable {

    private final ModelFamily family;
    private final TrainingData data;
    private final TrainingSettings s;
    private final JobMonitor monitor;
    private final Consumer<HistoryRow> historyListener;
    private final TrainingOptions options;
    private final String device;
    private final Graph graph = new Graph();
    private final Ops tf = Ops.create(graph);
    private final Params.Trainable params;
    private final DifferentiableNetwork net;
    private final SeededRandom random;
    private final Placeholder<TInt32> batchIndex;
    private final Placeholder<TFloat32> klWeight;
    private final Variable<TFloat32> allX;
    private final Variable<TFloat32> allC;
    private final int updatesPerStep;
    private final int d;
    private final int cd;
    private final Session session;
    private final List<Object[]> uploads = new ArrayList<>();

    // graph ends, by family (null where absent)
    private final List<Adam> adams = new ArrayList<>();
    private org.tensorflow.op.Op stepOp;
    private Operand<TFloat32> reconstruction;
    private Operand<TFloat32> kl;
    private Operand<TFloat32> generatorLoss;
    private Losses.CriticLoss criticLoss;

    private TrainingRun(ModelFamily family, TrainingData data, TrainingSettings s, JobMonitor monitor,
                        Consumer<HistoryRow> historyListener, TrainingOptions options) {
        this.family = family;
        this.data = data;
        this.s = s;
        this.monitor = monitor;
        this.historyListener = historyListener;
        this.options = options;
        this.d = data.dimension();
        this.cd = data.conditionDimension();
        this.device = chooseDevice(s.device());
        this.updatesPerStep = family == ModelFamily.VAE ? 1 : s.nCritic() + 1;
        KernelPolicy policy = KernelPolicy.decide(options.kernels(), device.equals("CPU"));
        try {
            this.params = Params.trainable(tf, new Random(s.seed()));
            this.net = new DifferentiableNetwork(params, family.architecture(s, data.layout(), cd), policy);
            this.random = new SeededRandom(tf, s.seed());
            int b = s.batchSize();
            batchIndex = tf.withName("batch_index").placeholder(TInt32.class,
                Placeholder.shape(Shape.of(updatesPerStep, b)));
            klWeight = tf.withName("kl_weight").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
            allX = upload("data", data.x(), d);
            allC = cd == 0 ? null : upload("condition", data.condition(), cd);
            switch (family) {
                case VAE -> buildVae();
                case WGAN_GP -> buildWgan();
                case VAE_GAN -> buildVaeGan();
                default -> throw new IllegalArgumentException("unknown family " + family);
            }
            ConfigProto.Builder config = ConfigProto.newBuilder();
            if (s.threads() > 0) {
                // own pools: TensorFlow's shared inter-op pool (and, unless TfRuntime's
                // TF_OVERRIDE_GLOBAL_THREADPOOL, its intra-op pool) take their size from the
                // process's first session and would ignore this run's thread count
                config.setIntraOpParallelismThreads(s.threads()).setInterOpParallelismThreads(s.threads())
                    .setUsePerSessionThreads(true);
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

    /** Batch rows and conditions of update {@code k} of a step (its own row of batch indices). */
    private Operand<TFloat32>[] batch(Ops o, int k) {
        Operand<TInt32> idx = o.gather(batchIndex, o.constant(k), o.constant(0));
        @SuppressWarnings("unchecked")
        Operand<TFloat32>[] xc = new Operand[2];
        xc[0] = o.gather(allX, idx, o.constant(0));
        xc[1] = allC == null ? null : o.gather(allC, idx, o.constant(0));
        return xc;
    }

    private Operand<TFloat32> sum(Ops o, List<Operand<TFloat32>> terms) {
        Operand<TFloat32> total = terms.get(0);
        for (int i = 1; i < terms.size(); i++) {
            total = o.math.add(total, terms.get(i));
        }
        return total;
    }

    /** Generator rows for latent rows {@code z}: plain ops ({@code tf.gradients} differentiates the generator update). */
    private Operand<TFloat32> generate(Ops o, Operand<TFloat32> z, Operand<TFloat32> cond) {
        return net.activate(o, net.run(Role.DECODER, o, z, cond, Pass.plain()).output());
    }

    /** The pass of a run that the encoder/decoder update differentiates: recorded for the hand-written reverse, or plain ops. */
    private Pass differentiated(WeightGradients sum) {
        return net.policy().handWrittenBackward() ? Pass.recordedInto(sum) : Pass.plain();
    }

    /**
     * The VAE: gradients written out layer by layer ({@link VaeBackward}); the same gradients as
     * {@code tf.gradients} of the same loss (checked in the tests), and a step about 40 % faster
     * (measured by {@code genmat bench train --compare-autodiff}).
     */
    private void buildVae() {
        WeightGradients grads = new WeightGradients();
        Operand<TFloat32>[] xc = batch(tf, 0);
        Run e = net.run(Role.ENCODER, tf, xc[0], xc[1], differentiated(grads));
        Operand<TFloat32> eps = random.normal(s.batchSize(), s.latentSize());
        Operand<TFloat32> z = Losses.reparameterise(tf, e, eps);
        Run decoder = net.run(Role.DECODER, tf, z, xc[1], differentiated(grads));
        Operand<TFloat32> logits = decoder.output();
        reconstruction = Losses.reconstruction(tf, logits, xc[0], net.architecture());
        kl = Losses.kl(tf, e);
        Operand<TFloat32> klTerm = tf.math.mul(klWeight, kl);
        List<Variable<TFloat32>> weights = net.variables(Role.ENCODER, Role.DECODER);
        Adam adam = new Adam(tf, "adam", weights, s.adamBeta1(), s.adamBeta2(), 1e-7);
        adams.add(adam);
        Operand<TFloat32> loss = tf.math.add(reconstruction, klTerm);
        stepOp = !net.policy().handWrittenBackward() ? adam.update(loss)
            : adam.update(VaeBackward.gradients(tf, net, grads, weights, xc[0], s.batchSize(), klWeight, e, eps, null,
                List.of(decoder)));
    }

    /**
     * nCritic critic updates, then the generator update, chained in one session run: the inputs of
     * each update are built under a control dependency on the previous update, so every update
     * reads the weights its predecessor wrote (one native call per step instead of nCritic + 1).
     */
    private Ops criticUpdates(java.util.function.BiFunction<Ops, Operand<TFloat32>[], Operand<TFloat32>> fakes) {
        int b = s.batchSize();
        Adam criticAdam = null;
        Ops o = tf;
        for (int k = 0; k < s.nCritic(); k++) {
            Operand<TFloat32>[] xc = batch(o, k);
            Operand<TFloat32> fake = o.stopGradient(fakes.apply(o, xc));
            criticLoss = Losses.criticLoss(net, o, xc[0], fake, xc[1], random.uniform(b / s.criticPack(), 1),
                s.gpLambda());
            if (criticAdam == null) {
                criticAdam = new Adam(tf, "adam_critic", net.variables(Role.CRITIC), s.adamBeta1(), s.adamBeta2(),
                    1e-7);
                adams.add(criticAdam);
            }
            o = tf.withControlDependencies(List.of(criticAdam.update(criticLoss.loss())));
        }
        return o;
    }

    private void buildWgan() {
        int b = s.batchSize();
        Ops o = criticUpdates((ops, xc) -> generate(ops, random.normal(b, s.latentSize()), xc[1]));
        Operand<TFloat32>[] xc = batch(o, s.nCritic());
        Operand<TFloat32> genFake = generate(o, random.normal(b, s.latentSize()), xc[1]);
        generatorLoss = o.math.neg(o.math.mean(Losses.critic(net, o, genFake, xc[1]), o.constant(new int[] {0, 1})));
        Adam adam = new Adam(tf, "adam_gen", net.variables(Role.DECODER), s.adamBeta1(), s.adamBeta2(), 1e-7);
        adams.add(adam);
        stepOp = adam.update(generatorLoss);
    }

    private void buildVaeGan() {
        int b = s.batchSize();
        // create encoder/decoder parameters before the critic's, so that the weight order reads enc, dec, critic
        Operand<TFloat32>[] firstBatch = batch(tf, 0);
        Run first = net.run(Role.ENCODER, tf, firstBatch[0], firstBatch[1], Pass.plain());
        net.run(Role.DECODER, tf, Losses.mu(first), firstBatch[1], Pass.plain());
        Ops o = criticUpdates((ops, xc) -> {
            // each row is decoded on its own, so picking the latent row (z_x or a prior z) before one
            // decoder run gives the same fakes as picking after two runs, at half the decoder cost
            // (forward only, behind a stop-gradient: the tapes just let the layers use the fused kernels)
            Run e = net.run(Role.ENCODER, ops, xc[0], xc[1], Pass.forwardOnly());
            Operand<TFloat32> encoded = Losses.reparameterise(ops, e, random.normal(b, s.latentSize()));
            Operand<TFloat32> prior = random.normal(b, s.latentSize());
            Operand<TFloat32> pickDecoded = ops.dtypes.cast(ops.math.less(random.uniform(b, 1),
                ops.constant(0.5f)), TFloat32.class);
            Operand<TFloat32> picked = ops.math.add(ops.math.mul(pickDecoded, encoded),
                ops.math.mul(ops.math.sub(ops.constant(1f), pickDecoded), prior));
            return net.activate(ops, net.run(Role.DECODER, ops, picked, xc[1], Pass.forwardOnly()).output());
        });
        Operand<TFloat32>[] xc = batch(o, s.nCritic());
        WeightGradients grads = new WeightGradients();
        Run e = net.run(Role.ENCODER, o, xc[0], xc[1], differentiated(grads));
        Operand<TFloat32> eps = random.normal(b, s.latentSize());
        Operand<TFloat32> z = Losses.reparameterise(o, e, eps);
        Run decoder = net.run(Role.DECODER, o, z, xc[1], differentiated(grads));
        Operand<TFloat32> logits = decoder.output();
        reconstruction = Losses.reconstruction(o, logits, xc[0], net.architecture());
        kl = Losses.kl(o, e);
        Operand<TFloat32> decoded = net.activate(o, logits);
        Run priorDecoder = net.run(Role.DECODER, o, random.normal(b, s.latentSize()), xc[1], differentiated(grads));
        Operand<TFloat32> prior = net.activate(o, priorDecoder.output());
        var all = o.constant(new int[] {0, 1});
        Operand<TFloat32> advDecoded = o.math.neg(o.math.mean(Losses.critic(net, o, decoded, xc[1]), all));
        Operand<TFloat32> advPrior = o.math.neg(o.math.mean(Losses.critic(net, o, prior, xc[1]), all));
        generatorLoss = o.math.mul(o.constant(0.5f), o.math.add(advDecoded, advPrior));
        Operand<TFloat32> klTerm = o.math.mul(klWeight, kl);
        Operand<TFloat32> adversarial = o.math.add(
            o.math.mul(o.constant((float) s.adversarialWeightDecoded()), advDecoded),
            o.math.mul(o.constant((float) s.adversarialWeightPrior()), advPrior));
        Operand<TFloat32> loss = sum(o, List.of(reconstruction, klTerm, adversarial));
        List<Variable<TFloat32>> encDec = net.variables(Role.ENCODER, Role.DECODER);
        Adam adam = new Adam(tf, "adam_vae", encDec, s.adamBeta1(), s.adamBeta2(), 1e-7);
        adams.add(adam);
        // the critic's part (decoded and prior rows → D) is left to tf.gradients inside VaeBackward
        stepOp = !net.policy().handWrittenBackward() ? adam.update(loss)
            : adam.update(VaeBackward.gradients(o, net, grads, encDec, xc[0], b, klWeight, e, eps, adversarial,
                List.of(decoder, priorDecoder)));
    }

    static TrainedNetwork run(ModelFamily family, TrainingData data, TrainingSettings settings,
                              JobMonitor monitor, Consumer<HistoryRow> historyListener, TrainingOptions options) {
        if (settings.classBalanced() && data.classLabels() == null) {
            throw new IllegalArgumentException("class-balanced batches need a class label per row");
        }
        if (monitor.cancelled()) {
            throw cancelledAt(0, settings.steps());
        }
        try (TrainingRun run = new TrainingRun(family, data, settings, monitor, historyListener, options)) {
            return run.train();
        }
    }

    private TrainedNetwork train() {
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
        String stage = "training " + family.displayName();
        for (int step = 1; step <= total; step++) {
            boolean record = step % s.historyEvery() == 0 || step == total;
            checkCancel(step, total);
            double[] out = switch (family) {
                case VAE -> runStep(sampler, step, record, reconstruction, kl);
                case WGAN_GP -> runStep(sampler, step, record, criticLoss.loss(), criticLoss.penalty(),
                    criticLoss.wasserstein(), generatorLoss);
                case VAE_GAN -> runStep(sampler, step, record, criticLoss.loss(), criticLoss.penalty(),
                    criticLoss.wasserstein(), generatorLoss, reconstruction, kl);
            };
            if (record) {
                double seconds = (System.nanoTime() - start) / 1e9;
                double epoch = (double) step * s.batchSize() / data.rows();
                HistoryRow row = switch (family) {
                    case VAE -> new HistoryRow(step, epoch, out[0], out[1], Double.NaN, Double.NaN, Double.NaN,
                        Double.NaN, s.learningRate(), seconds, device);
                    case WGAN_GP -> new HistoryRow(step, epoch, Double.NaN, Double.NaN, out[0], out[3], out[1], out[2],
                        s.learningRate(), seconds, device);
                    case VAE_GAN -> new HistoryRow(step, epoch, out[4], out[5], out[0], out[3], out[1], out[2],
                        s.learningRate(), seconds, device);
                };
                for (double v : out) {
                    if (!Double.isFinite(v)) {
                        throw new IllegalStateException("training diverged at step " + step + " of " + total
                            + " (a loss became " + v + "); lower the learning rate or check the input scaling");
                    }
                }
                history.add(row);
                // the stage's progress first, then the row (a KNIME node shows the row's loss as the message)
                monitor.progress(stage, step, total);
                if (historyListener != null) {
                    historyListener.accept(row);
                }
            }
        }
        checkCancel(total, total);
        if (options.profileSteps() > 0) {
            profile(sampler, options.profileSteps());
        }
        TrainedNetwork net = new TrainedNetwork(family, s, d, cd, data.layout(), weights(), history);
        // the losses above are those before each update: the last update can still turn the weights into NaN
        if (!net.finite()) {
            throw new IllegalStateException(TrainedNetwork.DIVERGED);
        }
        return net;
    }

    private void checkCancel(int step, int total) {
        if (monitor.cancelled()) {
            throw cancelledAt(step, total);
        }
    }

    /** Training stopped by its monitor: nothing of the run is returned or kept. */
    private static CancellationException cancelledAt(int step, int total) {
        return new CancellationException("training cancelled at step " + step + " of " + total);
    }

    private double klWeightAt(int step) {
        if (s.betaWarmupSteps() <= 0) {
            return s.beta();
        }
        return s.beta() * Math.min(1.0, (double) step / s.betaWarmupSteps());
    }

    /** A runner with the next step's batch indices, KL weight and Adam schedules fed (tensors added to {@code feeds}). */
    private Session.Runner prepareStep(BatchSampler sampler, int step, List<Tensor> feeds) {
        Session.Runner runner = session.runner();
        int b = s.batchSize();
        int[] idx = new int[updatesPerStep * b];
        for (int k = 0; k < updatesPerStep; k++) {
            System.arraycopy(sampler.next(b), 0, idx, k * b, b);
        }
        TInt32 idxT = TInt32.tensorOf(Shape.of(updatesPerStep, b), DataBuffers.of(idx, true, false));
        feeds.add(idxT);
        TFloat32 kw = TFloat32.scalarOf((float) klWeightAt(step));
        feeds.add(kw);
        runner.feed(batchIndex, idxT).feed(klWeight, kw);
        for (Adam adam : adams) {
            adam.prepare(runner, s.learningRate(), feeds);
        }
        return runner;
    }

    /** One step: all its updates in one session run; returns the fetched values when {@code fetch}. */
    @SafeVarargs
    private double[] runStep(BatchSampler sampler, int step, boolean fetch, Operand<TFloat32>... outputs) {
        List<Tensor> feeds = new ArrayList<>(4);
        try {
            Session.Runner runner = prepareStep(sampler, step, feeds);
            runner.addTarget(stepOp);
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

    /**
     * Diagnostics for {@code genmat bench train --profile}: runs {@code n} more steps with
     * TensorFlow's full trace and prints, to standard error, the kernel time per op type (after
     * graph rewriting: oneDNN kernels show as {@code _Mkl…}) and, with
     * {@code -Dgenmat.profile.ops=true}, every kernel's mean time over the traced steps.
     */
    private void profile(BatchSampler sampler, int n) {
        Map<String, long[]> byType = new java.util.HashMap<>();
        Map<String, long[]> byKernel = new java.util.LinkedHashMap<>();
        long wallMicros = 0;
        boolean each = options.profileEachKernel();
        for (int i = 0; i < n; i++) {
            List<Tensor> feeds = new ArrayList<>();
            try {
                Session.Runner runner = prepareStep(sampler, 1, feeds).addTarget(stepOp)
                    .setOptions(org.tensorflow.proto.RunOptions.newBuilder()
                        .setTraceLevel(org.tensorflow.proto.RunOptions.TraceLevel.FULL_TRACE).build());
                long t0 = System.nanoTime();
                try (Result r = runner.runAndFetchMetadata()) {
                    wallMicros += (System.nanoTime() - t0) / 1000;
                    for (var dev : r.getMetadata().orElseThrow().getStepStats().getDevStatsList()) {
                        for (var ns : dev.getNodeStatsList()) {
                            String label = ns.getTimelineLabel();
                            int eq = label.indexOf(" = ");
                            int paren = label.indexOf('(', eq + 3);
                            String type = eq < 0 || paren < 0 ? ns.getNodeName() : label.substring(eq + 3, paren);
                            long[] acc = byType.computeIfAbsent(type, k -> new long[2]);
                            acc[0] += ns.getAllEndRelMicros();
                            acc[1]++;
                            if (each && i == n - 1 && options.profileKernelOrder()) {
                                System.err.printf(Locale.ROOT, "  order %8d +%6d us  %s%n", ns.getAllStartMicros(),
                                    ns.getAllEndRelMicros(), label);
                            }
                            if (each) {
                                byKernel.computeIfAbsent(label.replaceFirst("^\\[[^]]*\\] ", ""), k -> new long[1])[0] += ns.getAllEndRelMicros();
                            }
                        }
                    }
                }
            } finally {
                feeds.forEach(Tensor::close);
            }
        }
        long sum = byType.values().stream().mapToLong(a -> a[0]).sum();
        System.err.printf(Locale.ROOT, "profile %s: %d traced steps, %.3f ms/step wall, %.3f ms/step in kernels%n",
            family, n, wallMicros / 1000.0 / n, sum / 1000.0 / n);
        byType.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(25)
            .forEach(en -> System.err.printf(Locale.ROOT, "  %-32s %8.3f ms/step %5.1f %% %5d kernels/step%n",
                en.getKey(), en.getValue()[0] / 1000.0 / n, 100.0 * en.getValue()[0] / sum, en.getValue()[1] / n));
        byKernel.entrySet().stream().sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]))
            .forEach(en -> System.err.printf(Locale.ROOT, "  %8.1f us/step  %s%n", en.getValue()[0] / (double) n, en.getKey()));
    }

    /** The trained weights in the architecture's order (the order of the model file's arrays). */
    private Map<String, NamedArray> weights() {
        Map<String, NamedArray> out = new LinkedHashMap<>();
        Session.Runner runner = session.runner();
        List<String> names = new ArrayList<>(net.architecture().weights(false).keySet());
        if (!names.equals(new ArrayList<>(params.variables().keySet()))) {
            throw new IllegalStateException("the training graph's weights " + params.variables().keySet()
                + " differ from the architecture's " + names);
        }
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
