/**
 * The study's surrogate of DFT formation energies over Türk et al.'s elpasolite space: kernel ridge
 * regression with a Laplacian kernel on the (period, group) numbers of the four sites, symmetric in
 * A↔B ({@link org.example.genmat.core.surrogate.KernelRidge}, {@link org.example.genmat.core.surrogate.SiteKernel}),
 * σ and λ by seeded k-fold cross-validation, a hold-out error
 * ({@link org.example.genmat.core.surrogate.Surrogate}), the labels of all 1,974,024 site assignments in
 * one factorised matrix product ({@link org.example.genmat.core.surrogate.SpaceLabels}), Türk et al.'s
 * ten stability classes ({@link org.example.genmat.core.surrogate.StabilityClasses}) and an on-disk
 * cache keyed by data and settings ({@link org.example.genmat.core.surrogate.SurrogateCache}).
 */
package org.example.genmat.core.surrogate;
