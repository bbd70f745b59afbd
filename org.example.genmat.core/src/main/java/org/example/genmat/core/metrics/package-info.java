/**
 * Generation metrics with their published definitions: counts and rates (validity, uniqueness,
 * novelty, rediscovery, repetitions), per-sample tags and the cumulative discovery curve
 * ({@link org.example.genmat.core.metrics.DiscoveryTracker}, streaming with compact primitive keys
 * from {@link org.example.genmat.core.metrics.CompositionKey} in {@link org.example.genmat.core.metrics.LongHashSet}),
 * Türk et al. precision/coverage and site-wise Jensen–Shannon distance
 * ({@link org.example.genmat.core.metrics.ClassMetrics}, {@link org.example.genmat.core.metrics.JensenShannon}),
 * CDVAE's Magpie composition fingerprint, COV-R/COV-P (with the structure fingerprint of
 * {@link org.example.genmat.core.fingerprint.CrystalNNFingerprint} where both sets have crystals), EMD and diversity
 * ({@link org.example.genmat.core.metrics.MagpieFingerprint}, {@link org.example.genmat.core.metrics.Coverage},
 * {@link org.example.genmat.core.metrics.Wasserstein}), the Fréchet distance of Gaussian fits
 * ({@link org.example.genmat.core.metrics.Frechet}), and the engine that puts them into one table
 * ({@link org.example.genmat.core.metrics.MetricsEngine} → {@link org.example.genmat.core.metrics.MetricRow};
 * streaming through {@link org.example.genmat.core.metrics.MetricsEngine.Accumulator}). Table rows become
 * checked {@link org.example.genmat.core.metrics.Sample}s in {@link org.example.genmat.core.metrics.SampleRows};
 * {@link org.example.genmat.core.metrics.ElpasoliteSpace} and {@link org.example.genmat.core.metrics.ElpasoliteBenchmark}
 * hold Türk et al.'s 39-element elpasolite space and the 25-million-sample benchmark.
 */
package org.example.genmat.core.metrics;
