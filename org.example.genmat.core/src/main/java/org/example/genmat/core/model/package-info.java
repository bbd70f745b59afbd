/**
 * The trained model as a value and as a file: {@link org.example.genmat.core.model.GenerativeModel}
 * (network weights + featurizer + conditioning + provenance), the {@code .genmat} zip
 * ({@link org.example.genmat.core.model.ModelArchive}: JSON manifest, little-endian float32 arrays,
 * SHA-256 checksums, defensive loading; arrays checked against the model's
 * {@link org.example.genmat.core.net.Architecture}; no TensorFlow is needed to load or save), and
 * {@link org.example.genmat.core.model.ModelTrainer}, which turns a crystal table into a model
 * (featurize, condition, train, record provenance).
 */
package org.example.genmat.core.model;
