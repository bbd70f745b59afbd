/**
 * The read job: {@link org.example.genmat.core.job.read.ReadJob} turns files, folders, zip archives, CSV tables or
 * table cells of CIF/POSCAR/formula text into rows of the standard crystal table
 * ({@link org.example.genmat.core.job.CrystalSchema#TABLE}), configured by
 * {@link org.example.genmat.core.job.read.ReadSettings}, followed by the input's other columns
 * ({@link org.example.genmat.core.job.read.PassThrough}); {@code genmat read} and Read Crystals both run it.
 */
package org.example.genmat.core.job.read;
