package org.example.genmat.core.study;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.example.genmat.core.crystal.Element;
import org.example.genmat.core.featurize.PrototypeSites;
import org.example.genmat.core.inference.NetworkRunner;
import org.example.genmat.core.job.JobMonitor;
import org.example.genmat.core.metrics.ElpasoliteSpace;
import org.example.genmat.core.model.GenerativeModel;
import org.example.genmat.core.surrogate.Surrogate;
import org.example.genmat.core.train.ModelFamily;
import org.example.genmat.core.train.TrainingSettings;

/**
 * Tuning experiment (test scope, not a test): the VAE-wide plan's samples moved by Metropolis chains over site
 * assignments towards p(class 1 | x)^γ · p(x | class 1)^α, both read from the model itself (its evidence bound per
 * class, classes equally likely as in class-balanced training). Args: seed, then "steps:γ:α[:sites]" settings (sites: which
 * sites the chains may change, e.g. ABC; default all) or "filter:noise:γ".
 */
public final class ClassPosteriorExperiment {

    private ClassPosteriorExperiment() {
    }

    public static void main(String[] args) throws Exception {
        long seed = Long.parseLong(args[0]);
        Path cache = Path.of(System.getProperty("user.home"), ".cache", "genmat");
        TurkStudy.Prepared p = TurkStudy.prepare(ElpasoliteDft.embedded(), Surrogate.Settings.defaults(), 1, cache,
            Runtime.getRuntime().availableProcessors(), JobMonitor.NONE);
        TurkStudy.ModelPlan plan = TurkStudy.tuned(ModelFamily.VAE, TurkStudy.TUNED_STEPS).get(1);
        TrainingSettings s = plan.settings().toBuilder().seed(seed).build();
        Path modelFile = Path.of("/tmp/cpx/vae-wide-" + seed + ".json");
        GenerativeModel model;
        if (Files.exists(modelFile)) {
            model = GenerativeModel.load(modelFile);
        } else {
            model = TurkStudy.train(p.data(), ModelFamily.VAE, s, JobMonitor.NONE);
            Files.createDirectories(modelFile.getParent());
            model.save(modelFile);
        }
        TurkStudy.Run base = TurkStudy.sample(p, plan.name(), model, 10_000, plan.temperature(), plan.decoding(), seed, 0,
            JobMonitor.NONE);
        print("plan", base.scores());
        Scorer scorer = new Scorer(model);
        try (NetworkRunner runner = new NetworkRunner(model.network())) {
            scorer.runner = runner;
            diagnose(p, scorer);
            for (int a = 1; a < args.length; a++) {
                String[] f = args[a].split(":");
                if (f[0].equals("filter")) {
                    filtered(p, model, plan, scorer, Double.parseDouble(f[1]), Double.parseDouble(f[2]), seed);
                    continue;
                }
                int steps = Integer.parseInt(f[0]);
                double gamma = Double.parseDouble(f[1]), alpha = Double.parseDouble(f[2]);
                long t0 = System.nanoTime();
                String moving = f.length > 3 ? f[3] : "ABCD";
                int[] sites = chains(scorer, base.sites(), steps, gamma, alpha, moving, seed);
                TurkStudy.Run r = score(p, "mcmc", sites, seed);
                print(String.format(Locale.ROOT, "steps %d γ %s α %s (%.0f s)", steps, f[1], f[2], (System.nanoTime() - t0) / 1e9),
                    r.scores());
            }
        }
    }

    /**
     * The plan's stream decoded at observation noise {@code noise} (multiples of √(β/2)), each well-formed sample kept
     * with probability p(1 | x)^γ by the model's own posterior; the first 10,000 kept are scored.
     */
    private static void filtered(TurkStudy.Prepared p, GenerativeModel model, TurkStudy.ModelPlan plan, Scorer scorer,
                                 double noise, double gamma, long seed) {
        org.example.genmat.core.sample.Sampler.Decoding d = plan.decoding();
        org.example.genmat.core.sample.Sampler.Decoding dn = new org.example.genmat.core.sample.Sampler.Decoding(
            noise * org.example.genmat.core.sample.Sampler.likelihoodSd(model.settings().beta()), d.guidance(), d.siteNoise(),
            d.siteGuidance(), d.guidanceSpread(), d.siteConditionGuidance(), d.siteStretch());
        int[] kept = new int[40_000];
        int nk = 0;
        long drawn = 0;
        SplittableRandom coin = new SplittableRandom(seed * 31 + 5);
        try (java.util.stream.Stream<org.example.genmat.core.featurize.Candidate> st = org.example.genmat.core.sample.Sampler.sample(
            model, 2_000_000, "1", plan.temperature(), dn, seed, 0, 1)) {
            java.util.Iterator<org.example.genmat.core.featurize.Candidate> it = st.iterator();
            String[] names = {"A", "B", "C", "D"};
            while (nk < 10_000) {
                int[] batch = new int[4 * 4096];
                int nb = 0;
                while (nb < 4096 && it.hasNext()) {
                    org.example.genmat.core.featurize.Candidate c = it.next();
                    drawn++;
                    if (!c.clean()) {
                        continue;
                    }
                    boolean ok = true;
                    for (int k = 0; k < 4; k++) {
                        batch[4 * nb + k] = ElpasoliteDft.index(c.sites().get(names[k]));
                        ok &= batch[4 * nb + k] >= 0;
                    }
                    if (ok) {
                        nb++;
                    }
                }
                double[][] lp = scorer.logPosteriorAndLikelihood(batch, nb);
                for (int i = 0; i < nb && nk < 10_000; i++) {
                    if (coin.nextDouble() < Math.exp(gamma * lp[0][i])) {
                        System.arraycopy(batch, 4 * i, kept, 4 * nk, 4);
                        nk++;
                    }
                }
            }
        }
        TurkStudy.Run r = score(p, "filtered", kept, seed);
        print(String.format(Locale.ROOT, "noise %s, kept by p(1|x)^%s (%d drawn)", noise, gamma, drawn), r.scores());
    }

    /** Scores the first 10,000 site assignments of {@code sites} (four indices each) as a stream is scored. */
    private static TurkStudy.Run score(TurkStudy.Prepared p, String name, int[] sites, long seed) {
        int[] pos = {0};
        return TurkStudy.runBaseline(p, name, x -> {
            System.arraycopy(sites, pos[0], x, 0, 4);
            pos[0] += 4;
            return true;
        }, seed, 10_000, JobMonitor.NONE);
    }

    private static void print(String what, StudyScorer.Scores sc) {
        System.out.printf(Locale.ROOT, "%s: %.1f / %.1f / %.3f (AB %.3f C %.3f D %.3f) unique %d novel c1 %d%n", what,
            100 * sc.precisionRight(), 100 * sc.coverageRight(), sc.jsMean(), sc.jsAB(), sc.jsC(), sc.jsD(), sc.unique(),
            sc.novelTarget());
    }

    /** How well the model's own class posterior separates the training rows of class 1 from the others. */
    private static void diagnose(TurkStudy.Prepared p, Scorer scorer) {
        List<ElpasoliteDft.Row> rows = p.data().rows();
        int n = rows.size();
        int[] sites = new int[4 * n];
        for (int i = 0; i < n; i++) {
            ElpasoliteDft.Row r = rows.get(i);
            sites[4 * i] = r.a();
            sites[4 * i + 1] = r.b();
            sites[4 * i + 2] = r.c();
            sites[4 * i + 3] = r.d();
        }
        double[][] lp = scorer.logPosteriorAndLikelihood(sites, n);
        double[] sum = new double[11];
        int[] count = new int[11];
        for (int i = 0; i < n; i++) {
            int c = rows.get(i).stabilityClass();
            sum[c] += Math.exp(lp[0][i]);
            count[c]++;
        }
        StringBuilder sb = new StringBuilder("mean p(1|x) of training rows by class:");
        for (int c = 1; c <= 10; c++) {
            sb.append(String.format(Locale.ROOT, " %d:%.3f", c, count[c] == 0 ? Double.NaN : sum[c] / count[c]));
        }
        System.out.println(sb);
    }

    /** Metropolis chains, one per sample, started at the plan's samples; one site changes per proposal. */
    private static int[] chains(Scorer scorer, int[] start, int steps, double gamma, double alpha, String moving, long seed) {
        int[] movable = moving.chars().map(ch -> "ABCD".indexOf(ch)).toArray();
        int n = start.length / 4;
        int[] cur = start.clone();
        double[][] lp = scorer.logPosteriorAndLikelihood(cur, n);
        double[] energy = new double[n];
        for (int i = 0; i < n; i++) {
            energy[i] = gamma * lp[0][i] + alpha * lp[1][i];
        }
        SplittableRandom rnd = new SplittableRandom(seed * 7919 + 17);
        int accepted = 0;
        for (int step = 0; step < steps; step++) {
            int[] prop = cur.clone();
            for (int i = 0; i < n; i++) {
                int site = movable[rnd.nextInt(movable.length)];
                prop[4 * i + site] = rnd.nextInt(ElpasoliteSpace.N);
            }
            double[][] q = scorer.logPosteriorAndLikelihood(prop, n);
            for (int i = 0; i < n; i++) {
                boolean distinct = prop[4 * i] != prop[4 * i + 1] && prop[4 * i] != prop[4 * i + 2] && prop[4 * i] != prop[4 * i + 3]
                    && prop[4 * i + 1] != prop[4 * i + 2] && prop[4 * i + 1] != prop[4 * i + 3] && prop[4 * i + 2] != prop[4 * i + 3];
                double e = gamma * q[0][i] + alpha * q[1][i];
                double u = rnd.nextDouble();
                if (distinct && Math.log(u) < e - energy[i]) {
                    System.arraycopy(prop, 4 * i, cur, 4 * i, 4);
                    energy[i] = e;
                    accepted++;
                }
            }
        }
        System.out.printf(Locale.ROOT, "   acceptance %.3f%n", steps == 0 ? 0 : (double) accepted / ((long) steps * n));
        return cur;
    }

    /** The model's evidence bound per class, from its mean encoding: log p(1|x) and log p(x|1). */
    private static final class Scorer {
        final GenerativeModel model;
        final PrototypeSites featurizer;
        final int classes;
        final double beta;
        final float[][] condition;
        final int target;
        NetworkRunner runner;

        Scorer(GenerativeModel model) {
            this.model = model;
            this.featurizer = (PrototypeSites) model.featurizer();
            this.classes = model.conditioning().classes().size();
            this.beta = model.settings().beta();
            this.condition = new float[classes][];
            for (int k = 0; k < classes; k++) {
                condition[k] = model.conditioning().encode(model.conditioning().classes().get(k));
            }
            this.target = model.conditioning().classIndex("1");
        }

        double[][] logPosteriorAndLikelihood(int[] sites, int n) {
            float[][] x = new float[n][];
            for (int i = 0; i < n; i++) {
                Element[] els = new Element[4];
                for (int k = 0; k < 4; k++) {
                    els[k] = Element.ofZ(ElpasoliteSpace.Z[sites[4 * i + k]]);
                }
                x[i] = featurizer.encodeSites(els);
            }
            double[][] logLik = new double[classes][];
            for (int k = 0; k < classes; k++) {
                float[][] c = new float[n][];
                java.util.Arrays.fill(c, condition[k]);
                float[][] mu = runner.encodeMean(x, c);
                float[][] xh = runner.decode(mu, c);
                logLik[k] = new double[n];
                for (int i = 0; i < n; i++) {
                    double err = 0, kl = 0;
                    for (int j = 0; j < x[i].length; j++) {
                        double d = x[i][j] - xh[i][j];
                        err += d * d;
                    }
                    for (float m : mu[i]) {
                        kl += 0.5 * m * m;
                    }
                    logLik[k][i] = -(err + beta * kl) / beta;
                }
            }
            double[] post = new double[n], lik = new double[n];
            for (int i = 0; i < n; i++) {
                double max = Double.NEGATIVE_INFINITY;
                for (int k = 0; k < classes; k++) {
                    max = Math.max(max, logLik[k][i]);
                }
                double z = 0;
                for (int k = 0; k < classes; k++) {
                    z += Math.exp(logLik[k][i] - max);
                }
                post[i] = logLik[target][i] - max - Math.log(z);
                lik[i] = logLik[target][i];
            }
            return new double[][] {post, lik};
        }
    }
}
