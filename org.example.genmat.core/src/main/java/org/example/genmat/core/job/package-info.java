/**
 * The use-case layer: one job per thing a user does (read, train, sample, filter, metrics), each in its own
 * sub-package with one settings record (validated in one place), one result type and one
 * {@link org.example.genmat.core.job.TableSchema} per output table. The {@code genmat} commands and the KNIME
 * nodes map their options onto the settings record and write the job's rows through a
 * {@link org.example.genmat.core.job.RowSink} (CSV: {@link org.example.genmat.core.job.CsvRowSink}; KNIME: a
 * data container), and nothing else, so a script and a workflow with the same settings and seed give the same
 * rows. This package holds what the jobs share: schemas, sinks, progress and cancellation.
 */
package org.example.genmat.core.job;
