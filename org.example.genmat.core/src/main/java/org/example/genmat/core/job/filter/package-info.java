/**
 * The filter job: {@link org.example.genmat.core.job.filter.FilterJob} judges every row of a candidate or crystal
 * table by the one {@link org.example.genmat.core.validity.ValidityOptions} and hands valid and rejected rows (with
 * the verdict columns) to the face that writes them; {@code genmat filter} and Filter Validity both run it.
 */
package org.example.genmat.core.job.filter;
