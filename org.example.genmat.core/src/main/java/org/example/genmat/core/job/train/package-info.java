/**
 * The training job: {@link org.example.genmat.core.job.train.TrainJob} trains a VAE, WGAN-GP or VAE-GAN on crystal
 * rows, configured by {@link org.example.genmat.core.job.train.TrainSettings}, and gives the model, its history
 * rows ({@link org.example.genmat.core.job.train.TrainJob#HISTORY}) and the skipped rows; {@code genmat train} and
 * the three Train nodes run it.
 */
package org.example.genmat.core.job.train;
