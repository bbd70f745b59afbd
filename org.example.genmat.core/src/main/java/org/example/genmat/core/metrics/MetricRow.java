package org.example.genmat.core.metrics;

/** One line of the metrics table: name, value, the number of samples it was computed on, and its definition. */
public record MetricRow(String metric, double value, long n, String definition) {
}
