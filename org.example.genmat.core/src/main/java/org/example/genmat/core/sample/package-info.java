/**
 * Sampling from a {@link org.example.genmat.core.model.GenerativeModel}: the counter-based latent
 * stream ({@link org.example.genmat.core.sample.LatentBatch}), batched decoding into
 * {@link org.example.genmat.core.featurize.Candidate}s with sharding, interpolation between encoded rows
 * and latent means ({@link org.example.genmat.core.sample.Sampler}).
 */
package org.example.genmat.core.sample;
