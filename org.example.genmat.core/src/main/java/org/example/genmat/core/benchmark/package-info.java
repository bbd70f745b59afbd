/**
 * Benchmarks of generation as the field measures it: {@link org.example.genmat.core.benchmark.CdvaeBenchmark}
 * trains each model family on the structure representation of Perov-5 or Carbon-24, generates crystals
 * and scores them by CDVAE's protocol (validity, COV-R/COV-P with structure and composition
 * fingerprints, EMDs), beside CDVAE's published figures; property-conditioned generation is judged
 * with a {@link org.example.genmat.core.benchmark.PropertySurrogate}.
 */
package org.example.genmat.core.benchmark;
