/**
 * Featurizers: turn crystals or compositions into fixed-length float vectors for the models and
 * decode model outputs back into candidates. Representations: prototype sites (elpasolite,
 * perovskite), composition vector, periodic structure. Each featurizer describes its vector with a
 * {@link org.example.genmat.core.featurize.FeatureLayout} and serialises its vocabulary and scaling
 * into the model file. A decoded output is a {@link org.example.genmat.core.featurize.Candidate}.
 * Structure decoding of single-element crystals draws the positions with the
 * {@link org.example.genmat.core.featurize.LearnedDenoiser} (annealed Langevin dynamics on a
 * permutation-invariant periodic score fitted by denoising score matching), and every structure
 * decode ends with a {@link org.example.genmat.core.featurize.ContactRelaxation} that pushes apart
 * atoms decoded closer than the contact distances fitted from the training crystals.
 */
package org.example.genmat.core.featurize;
