package org.example.genmat.core.train;

import java.util.List;

/**
 * One row of the training history. Loss terms that a family does not have are NaN.
 *
 * @param step                 update step (generator/decoder updates; for WGAN-GP one step = nCritic
 *                             critic updates + one generator update)
 * @param epoch                passes over the training rows so far (fractional)
 * @param reconstruction       VAE reconstruction loss (batch mean)
 * @param kl                   VAE KL divergence to N(0, I) (batch mean, before the β weight)
 * @param critic               critic loss −D(x) + D(x̃) + λ·GP of the last critic update
 * @param generator            generator loss −D(G(z)) (VAE-GAN: the adversarial terms of the decoder)
 * @param gradientPenalty      GP = mean((‖∇D(x̂)‖₂ − 1)²), before λ
 * @param wassersteinEstimate  mean D(x) − mean D(x̃) of the last critic update
 * @param learningRate         Adam learning rate in use
 * @param seconds              wall-clock seconds since training started (graph build excluded)
 * @param device               "CPU" or "GPU: …"
 */
public record HistoryRow(int step, double epoch, double reconstruction, double kl, double critic, double generator,
                         double gradientPenalty, double wassersteinEstimate, double learningRate, double seconds,
                         String device) {

    /** Column names in record order, for CSV files. */
    public static final List<String> COLUMNS = List.of("step", "epoch", "reconstruction", "kl", "critic", "generator",
        "gradient_penalty", "wasserstein_estimate", "learning_rate", "seconds", "device");

    /** Values in {@link #COLUMNS} order as text (NaN as empty). */
    public List<String> values() {
        return List.of(Integer.toString(step), num(epoch), num(reconstruction), num(kl), num(critic), num(generator),
            num(gradientPenalty), num(wassersteinEstimate), num(learningRate), num(seconds), device);
    }

    private static String num(double v) {
        return Double.isNaN(v) ? "" : Double.toString(v);
    }
}
