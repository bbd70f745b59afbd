package org.example.genmat.core.study;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import org.example.genmat.core.featurize.Candidate;
import org.example.genmat.core.inference.NetworkRunner;
import org.example.genmat.core.io.CrystalRecord;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.model.ModelTrainer;
import org.example.genmat.core.sample.LatentBatch;
import org.example.genmat.core.sample.Sampler;
import org.example.genmat.core.job.JobMonitor;

/**
 * The study's latent property model ({@link LatentClassifier}, measured in docs/main-job.md, used by no
 * shipped setup, so it lives beside {@link StudyExperiment}): fitting it on a model's training rows and
 * sampling the model through it.
 */
final class LatentClassifierSampling {

    /** Shrinkage of the classifier's covariances (of a class with 76 encoded rows in 8 dimensions). */
    static final double SHRINKAGE = 0.2;

    /** Salt of the keep-coin stream, so that it differs from the latent and noise streams of the same (seed, batch). */
    private static final long KEEP_SALT = 0x510E527FADE682D1L;

    private LatentClassifierSampling() {
    }

    /**
     * The classifier of the target class on the latent means of the training rows of a VAE-family model
     * (each encoded with its own class), keep probability p(target | z)^{@code strength}. Training labels
     * only, never the surrogate's.
     */
    static LatentClassifier fit(TurkStudy.Prepared p, GenerativeModel model, double strength) {
        List<ModelTrainer.Row> rows = TurkStudy.trainingRows(p.data());
        List<CrystalRecord> records = new ArrayList<>();
        List<String> labels = new ArrayList<>();
        boolean[] inTarget = new boolean[rows.size()];
        String target = Integer.toString(p.reference().targetClass());
        for (int i = 0; i < rows.size(); i++) {
            records.add(rows.get(i).record());
            labels.add(rows.get(i).condition());
            inTarget[i] = target.equals(rows.get(i).condition());
        }
        return LatentClassifier.fit(Sampler.encode(model, records, labels), inTarget, SHRINKAGE, strength);
    }

    /**
     * The prior draws of {@code n} (the stream of {@link Sampler#sample} with this seed) that {@code keep}
     * accepts, decoded as {@code decoding} says; the keep coins of batch b depend only on (seed, b).
     */
    static Stream<Candidate> sample(GenerativeModel model, long n, String condition, double temperature, Sampler.Decoding decoding,
                                    LatentClassifier keep, long seed) {
        NetworkRunner runner = new NetworkRunner(model.network());
        return java.util.stream.LongStream.range(0, Sampler.batches(n))
            .mapToObj(b -> kept(LatentBatch.make(model, condition, temperature, seed, b, Sampler.batchRows(n, b)), keep, seed))
            .flatMap(batch -> Stream.of(Sampler.decodeBatch(model, model.featurizer(), runner, batch, decoding, seed)))
            .onClose(runner::close);
    }

    /** Samples {@code model} through {@code keep} conditioned on the target class and scores the stream. */
    static TurkStudy.Run run(TurkStudy.Prepared p, String name, GenerativeModel model, int samples, double temperature,
                             Sampler.Decoding decoding, LatentClassifier keep, long seed, double trainSeconds) {
        String target = Integer.toString(p.reference().targetClass());
        try (Stream<Candidate> stream = sample(model, TurkStudy.maxDraws(samples), target, temperature, decoding, keep, seed)) {
            return TurkStudy.score(p, name, model, samples, stream, seed, trainSeconds, JobMonitor.NONE);
        }
    }

    /** The rows of {@code batch} that {@code keep} accepts, in order (coins from (seed, batch)). */
    private static LatentBatch kept(LatentBatch batch, LatentClassifier keep, long seed) {
        SplittableRandom coins = LatentBatch.random(seed ^ KEEP_SALT, batch.index());
        List<Integer> rows = new ArrayList<>();
        for (int i = 0; i < batch.rows(); i++) {
            if (keep.keep(batch.z()[i], coins)) {
                rows.add(i);
            }
        }
        float[][] z = new float[rows.size()][];
        float[][] cond = batch.condition() == null ? null : new float[rows.size()][];
        String[] labels = new String[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            z[r] = batch.z()[rows.get(r)];
            if (cond != null) {
                cond[r] = batch.condition()[rows.get(r)];
            }
            labels[r] = batch.labels()[rows.get(r)];
        }
        return new LatentBatch(batch.index(), z, cond, labels);
    }
}
