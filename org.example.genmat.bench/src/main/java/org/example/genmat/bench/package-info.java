/**
 * {@code genmat bench}: throughput benchmarks of the engine (read, train, sample, metrics), each timed against a peer in
 * the same run where one exists (scripts in the module's {@code peers/} folder, run only from the installation). Its own
 * module, so that neither the engine nor the KNIME bundle carries benchmark code. {@code genmat bench perov5 | carbon24}
 * ({@link org.example.genmat.bench.CdvaeBenchmark}) measure generation quality by CDVAE's protocol instead, beside CDVAE's
 * published figures; {@code peers/crystalnn_fingerprint.py} computes the reference values of the structure fingerprint.
 */
package org.example.genmat.bench;
