/**
 * The study report of {@code genmat demo} and {@code genmat bench turk}: {@link org.example.genmat.cli.report.StudyReport}
 * writes index.html, PNG plots rendered by JFreeChart ({@link org.example.genmat.cli.report.Charts}), the CSV
 * behind every plot, the samples of every model and baseline, the trained models and the ranked novel candidates.
 */
package org.example.genmat.cli.report;
