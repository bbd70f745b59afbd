/**
 * CDVAE's structure fingerprint of a crystal: {@link org.example.genmat.core.fingerprint.CrystalNNFingerprint}
 * (matminer's CrystalNNFingerprint "ops" preset averaged over sites) over
 * {@link org.example.genmat.core.fingerprint.CrystalNN} (Voronoi solid-angle neighbour probabilities from
 * {@link org.example.genmat.core.fingerprint.VoronoiCell}) and the local structure
 * {@link org.example.genmat.core.fingerprint.OrderParameter}s. Written from the published definitions;
 * the reference values in the tests come from pymatgen through {@code org.example.genmat.bench/peers/crystalnn_fingerprint.py}.
 */
package org.example.genmat.core.fingerprint;
