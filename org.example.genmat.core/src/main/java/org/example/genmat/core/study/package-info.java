/**
 * Türk et al.'s elpasolite study on DFT data, end to end: the embedded data
 * ({@link org.example.genmat.core.study.ElpasoliteDft}), the study itself
 * ({@link org.example.genmat.core.study.TurkStudy}: surrogate, training, class-conditioned sampling),
 * the scores of a generated stream against the surrogate-labelled space
 * ({@link org.example.genmat.core.study.StudyScorer}, {@link org.example.genmat.core.study.StudyReference}),
 * the uniform and prevalence baselines ({@link org.example.genmat.core.study.Baselines}), tables of generated
 * elpasolites read for scoring ({@link org.example.genmat.core.study.SampleFile}) and the
 * ranked novel candidates ({@link org.example.genmat.core.study.NovelCandidates}).
 */
package org.example.genmat.core.study;
