/**
 * The sampling job: {@link org.example.genmat.core.job.sample.SampleJob} draws from the prior, interpolates between
 * two encoded crystals, encodes crystals (with their reconstruction) or decodes a latent table, configured by
 * {@link org.example.genmat.core.job.sample.SampleSettings}, and writes every mode's rows as the one
 * {@link org.example.genmat.core.job.sample.CandidateTable}.
 */
package org.example.genmat.core.job.sample;
