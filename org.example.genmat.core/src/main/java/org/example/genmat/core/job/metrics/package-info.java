/**
 * The metrics job: {@link org.example.genmat.core.job.metrics.MetricsJob} measures a generated set against its
 * training set and an optional reference by {@link org.example.genmat.core.job.metrics.MetricsSettings}, streaming
 * the generated rows, and defines the tables both {@code genmat metrics} and Diversity Metrics write
 * ({@link org.example.genmat.core.job.metrics.MetricsTables}).
 */
package org.example.genmat.core.job.metrics;
