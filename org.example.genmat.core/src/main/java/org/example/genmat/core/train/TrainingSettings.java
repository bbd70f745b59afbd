package org.example.genmat.core.train;

import java.util.List;

import org.example.genmat.core.job.NumberRange;
import org.example.genmat.core.job.SettingException;

/**
 * Hyperparameters of one training run; immutable, JSON-serialisable with Gson (plain fields only).
 *
 * @param hiddenLayers             hidden layer sizes of encoder and decoder/generator (encoder uses them
 *                                 in order, the decoder in reverse order)
 * @param criticLayers             hidden layer sizes of the WGAN-GP critic (WGAN-GP, VAE-GAN)
 * @param latentSize               size of the latent vector z
 * @param beta                     weight of the KL term (VAE, VAE-GAN)
 * @param betaWarmupSteps          β grows linearly from 0 to {@code beta} over these steps (0 = off)
 * @param layerNorm                layer normalisation after every hidden dense layer of encoder and
 *                                 decoder/generator (never in the critic: it would couple the rows whose
 *                                 gradient the penalty constrains)
 * @param learningRate             Adam learning rate (all networks)
 * @param adamBeta1                Adam β1
 * @param adamBeta2                Adam β2
 * @param batchSize                rows per batch
 * @param steps                    decoder/generator updates; WGAN-GP and VAE-GAN run {@code nCritic}
 *                                 critic updates before each
 * @param gpLambda                 gradient-penalty weight λ
 * @param nCritic                  critic updates per generator update
 * @param adversarialWeightDecoded VAE-GAN: weight of −D(decoder(encoder(x)))
 * @param adversarialWeightPrior   VAE-GAN: weight of −D(decoder(z)), z ~ N(0, I)
 * @param classBalanced            draw batch rows with probability ∝ 1 / frequency of their class
 *                                 (needs class labels in the data)
 * @param seed                     seed of weights, batches and every random op
 * @param device                   where to train
 * @param historyEvery             record a history row every this many steps (and at the last step)
 * @param threads                  TensorFlow intra-op threads (0 = one per core)
 * @param criticPack               PacGAN (Lin et al. 2018): the critic scores this many rows (with their
 *                                 conditions) at once, so it can see a batch's lack of variety; 1 = off.
 *                                 Model files written before it read 0 and mean 1
 */
public record TrainingSettings(List<Integer> hiddenLayers, List<Integer> criticLayers, int latentSize, double beta,
                               int betaWarmupSteps, boolean layerNorm, double learningRate, double adamBeta1,
                               double adamBeta2, int batchSize, int steps, double gpLambda, int nCritic,
                               double adversarialWeightDecoded, double adversarialWeightPrior, boolean classBalanced,
                               long seed, Device device, int historyEvery, int threads,
                               int criticPack) {

    /** Where training runs. */
    public enum Device {
        /** The GPU when CUDA is present and usable, else the CPU. */
        AUTO,
        CPU,
        /** The GPU; training fails with a clear message when it cannot be used. */
        GPU
    }

    /** Widest layer (and latent) accepted: a 8192 x 8192 layer already holds 256 MB of weights. */
    public static final int MAX_WIDTH = 8192;

    /** Most hidden layers in one network. */
    public static final int MAX_LAYERS = 64;

    /** Most rows the critic scores at once. */
    public static final int MAX_PACK = 64;

    /** Largest batch. */
    public static final int MAX_BATCH = 1_000_000;

    // The ranges of the numeric hyperparameters: checked here (the real-valued ones within float32, the networks' type), shown by the Train nodes' dialogs, named by genmat train.
    public static final NumberRange HIDDEN_WIDTH = NumberRange.between("hiddenLayers", "a hidden layer size", 1, MAX_WIDTH);
    public static final NumberRange CRITIC_WIDTH = NumberRange.between("criticLayers", "a critic layer size", 1, MAX_WIDTH);
    public static final NumberRange LATENT_SIZE = NumberRange.between("latentSize", "the latent size", 1, MAX_WIDTH);
    public static final NumberRange BETA = NumberRange.atLeast("beta", "the KL weight beta", 0).float32();
    public static final NumberRange BETA_WARMUP_STEPS = NumberRange.atLeast("betaWarmupSteps", "the beta warm-up steps", 0);
    public static final NumberRange LEARNING_RATE = NumberRange.positive("learningRate", "the learning rate").float32();
    public static final NumberRange ADAM_BETA1 = NumberRange.from("adamBeta1", "Adam beta1", 0, 1);
    public static final NumberRange ADAM_BETA2 = NumberRange.from("adamBeta2", "Adam beta2", 0, 1);
    public static final NumberRange BATCH_SIZE = NumberRange.between("batchSize", "the batch size", 1, MAX_BATCH);
    public static final NumberRange STEPS = NumberRange.atLeast("steps", "the steps", 1);
    public static final NumberRange GP_LAMBDA = NumberRange.atLeast("gpLambda", "the gradient-penalty weight", 0).float32();
    public static final NumberRange N_CRITIC = NumberRange.atLeast("nCritic", "the critic steps per generator step", 1);
    public static final NumberRange ADVERSARIAL_WEIGHT_DECODED = NumberRange.atLeast("adversarialWeightDecoded",
        "the adversarial weight of reconstructions", 0).float32();
    public static final NumberRange ADVERSARIAL_WEIGHT_PRIOR = NumberRange.atLeast("adversarialWeightPrior",
        "the adversarial weight of prior samples", 0).float32();
    public static final NumberRange HISTORY_EVERY = NumberRange.atLeast("historyEvery", "the history interval", 1);
    public static final NumberRange THREADS = NumberRange.between("threads", "the TensorFlow threads", 0, 1024);
    public static final NumberRange CRITIC_PACK = NumberRange.between("criticPack", "the critic pack", 1, MAX_PACK);

    /** @throws SettingException naming the first hyperparameter outside its range */
    public TrainingSettings {
        hiddenLayers = layers(hiddenLayers, HIDDEN_WIDTH);
        criticLayers = layers(criticLayers, CRITIC_WIDTH);
        LATENT_SIZE.check(latentSize);
        BETA.check(beta);
        BETA_WARMUP_STEPS.check(betaWarmupSteps);
        LEARNING_RATE.check(learningRate);
        ADAM_BETA1.check(adamBeta1);
        ADAM_BETA2.check(adamBeta2);
        BATCH_SIZE.check(batchSize);
        STEPS.check(steps);
        GP_LAMBDA.check(gpLambda);
        N_CRITIC.check(nCritic);
        ADVERSARIAL_WEIGHT_DECODED.check(adversarialWeightDecoded);
        ADVERSARIAL_WEIGHT_PRIOR.check(adversarialWeightPrior);
        HISTORY_EVERY.check(historyEvery);
        THREADS.check(threads);
        if (device == null) {
            device = Device.AUTO;
        }
        if (criticPack == 0) {
            criticPack = 1;
        }
        CRITIC_PACK.check(criticPack);
        if (batchSize % criticPack != 0) {
            throw new SettingException("criticPack", "the batch size (" + batchSize + ") must be a multiple of the critic pack ("
                + criticPack + ")");
        }
    }

    private static List<Integer> layers(List<Integer> sizes, NumberRange width) {
        if (sizes == null || sizes.isEmpty() || sizes.size() > MAX_LAYERS || sizes.stream().anyMatch(java.util.Objects::isNull)) {
            throw new SettingException(width.setting(), "the " + (width == HIDDEN_WIDTH ? "hidden" : "critic")
                + " layers must be 1 to " + MAX_LAYERS + " sizes, was " + sizes);
        }
        sizes.forEach(width::check);
        return List.copyOf(sizes);
    }

    /**
     * Defaults after Türk et al. (2022): VAE 2×256 hidden, latent 8, β 0.1, Adam 1e-3, batch 500,
     * 10,000 updates, layer norm; WGAN-GP 1×512 generator and critic, latent 8, λ 10, n_critic 5,
     * Adam 1e-5 (β 0.9, 0.999), batch 100. VAE-GAN (no published default; ours): the VAE's
     * encoder/decoder with a 1×512 WGAN-GP critic, n_critic 1, Adam 1e-4 (β 0.5, 0.9), adversarial
     * weights 0.05.
     */
    public static TrainingSettings defaults(ModelFamily family) {
        Builder b = new Builder();
        switch (family) {
            case VAE -> b.hiddenLayers(List.of(256, 256)).latentSize(8).beta(0.1).layerNorm(true)
                .learningRate(1e-3).adam(0.9, 0.999).batchSize(500).steps(10_000);
            case WGAN_GP -> b.hiddenLayers(List.of(512)).criticLayers(List.of(512)).latentSize(8).layerNorm(false)
                .learningRate(1e-5).adam(0.9, 0.999).batchSize(100).steps(10_000).gpLambda(10).nCritic(5);
            case VAE_GAN -> b.hiddenLayers(List.of(256, 256)).criticLayers(List.of(512)).latentSize(8).beta(0.1)
                .layerNorm(true).learningRate(1e-4).adam(0.5, 0.9).batchSize(500).steps(10_000).gpLambda(10)
                .nCritic(1).adversarialWeights(0.05, 0.05);
            default -> throw new IllegalArgumentException("unknown family " + family);
        }
        return b.build();
    }

    /**
     * A named preset: "default" (= {@link #defaults}) or "fast" (the defaults with Adam 1e-4,
     * β (0.5, 0.9): the usual WGAN-GP setting, far quicker to converge than 1e-5).
     */
    public static TrainingSettings preset(ModelFamily family, String name) {
        return switch (name.toLowerCase(java.util.Locale.ROOT)) {
            case "default", "turk" -> defaults(family);
            case "fast" -> defaults(family).toBuilder().learningRate(1e-4).adam(0.5, 0.9).build();
            default -> throw new IllegalArgumentException("unknown preset '" + name + "' (known: default, fast)");
        };
    }

    /** A builder starting from {@link #defaults(ModelFamily)}. */
    public static Builder builder(ModelFamily family) {
        return defaults(family).toBuilder();
    }

    public Builder toBuilder() {
        return new Builder().hiddenLayers(hiddenLayers).criticLayers(criticLayers).latentSize(latentSize).beta(beta)
            .betaWarmupSteps(betaWarmupSteps).layerNorm(layerNorm).learningRate(learningRate).adam(adamBeta1, adamBeta2)
            .batchSize(batchSize).steps(steps).gpLambda(gpLambda).nCritic(nCritic)
            .adversarialWeights(adversarialWeightDecoded, adversarialWeightPrior).classBalanced(classBalanced).seed(seed)
            .device(device).historyEvery(historyEvery).threads(threads).criticPack(criticPack);
    }

    /** Mutable builder; unset values are those of a VAE default. */
    public static final class Builder {
        private List<Integer> hiddenLayers = List.of(256, 256);
        private List<Integer> criticLayers = List.of(512);
        private int latentSize = 8;
        private double beta = 0.1;
        private int betaWarmupSteps;
        private boolean layerNorm = true;
        private double learningRate = 1e-3;
        private double adamBeta1 = 0.9;
        private double adamBeta2 = 0.999;
        private int batchSize = 500;
        private int steps = 10_000;
        private double gpLambda = 10;
        private int nCritic = 5;
        private double adversarialWeightDecoded = 0.05;
        private double adversarialWeightPrior = 0.05;
        private boolean classBalanced;
        private long seed = 42;
        private Device device = Device.AUTO;
        private int historyEvery = 10;
        private int threads;
        private int criticPack = 1;

        public Builder hiddenLayers(List<Integer> v) { hiddenLayers = v; return this; }
        public Builder criticLayers(List<Integer> v) { criticLayers = v; return this; }
        public Builder latentSize(int v) { latentSize = v; return this; }
        public Builder beta(double v) { beta = v; return this; }
        public Builder betaWarmupSteps(int v) { betaWarmupSteps = v; return this; }
        public Builder layerNorm(boolean v) { layerNorm = v; return this; }
        public Builder learningRate(double v) { learningRate = v; return this; }
        public Builder adamBeta1(double v) { adamBeta1 = v; return this; }
        public Builder adamBeta2(double v) { adamBeta2 = v; return this; }
        public Builder adam(double b1, double b2) { adamBeta1 = b1; adamBeta2 = b2; return this; }
        public Builder batchSize(int v) { batchSize = v; return this; }
        public Builder steps(int v) { steps = v; return this; }
        public Builder gpLambda(double v) { gpLambda = v; return this; }
        public Builder nCritic(int v) { nCritic = v; return this; }
        public Builder adversarialWeightDecoded(double v) { adversarialWeightDecoded = v; return this; }
        public Builder adversarialWeightPrior(double v) { adversarialWeightPrior = v; return this; }
        public Builder adversarialWeights(double decoded, double prior) {
            adversarialWeightDecoded = decoded;
            adversarialWeightPrior = prior;
            return this;
        }
        public Builder classBalanced(boolean v) { classBalanced = v; return this; }
        public Builder seed(long v) { seed = v; return this; }
        public Builder device(Device v) { device = v; return this; }
        public Builder historyEvery(int v) { historyEvery = v; return this; }
        public Builder threads(int v) { threads = v; return this; }
        public Builder criticPack(int v) { criticPack = v; return this; }

        public TrainingSettings build() {
            // a pack of 0 is read as 1 only for model files written before the pack existed; one set here is checked
            CRITIC_PACK.check(criticPack);
            return new TrainingSettings(hiddenLayers, criticLayers, latentSize, beta, betaWarmupSteps, layerNorm,
                learningRate, adamBeta1, adamBeta2, batchSize, steps, gpLambda, nCritic, adversarialWeightDecoded,
                adversarialWeightPrior, classBalanced, seed, device, historyEvery, threads, criticPack);
        }
    }
}
