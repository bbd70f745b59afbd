/**
 * {@code genmat bench}: throughput benchmarks of the engine (read, train, sample, metrics), each timed against a peer in
 * the same run where one exists (scripts in the module's {@code peers/} folder, run only from the installation). Its own
 * module, so that neither the engine nor the KNIME bundle carries benchmark code.
 */
package org.example.genmat.bench;
