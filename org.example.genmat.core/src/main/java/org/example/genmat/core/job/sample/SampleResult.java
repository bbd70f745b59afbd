package org.example.genmat.core.job.sample;

/**
 * What a sampling run wrote.
 *
 * @param rows    candidate rows written
 * @param unclean rows that did not decode cleanly or could not be decoded (their note says why)
 */
public record SampleResult(long rows, long unclean) {
}
