/**
 * The trained model as a value and as a file: {@link org.example.genmat.core.model.GenerativeModel}
 * (network weights + featurizer + conditioning + provenance) and the {@code .genmat} zip
 * ({@link org.example.genmat.core.model.ModelArchive}: JSON manifest, little-endian float32 arrays,
 * SHA-256 checksums, defensive loading). No TensorFlow is needed to load or save.
 */
package org.example.genmat.core.model;
