/**
 * Conversion between KNIME tables and the engine's records: the standard crystal table spec (the columns of
 * {@code genmat read}), rows ↔ {@code CrystalRecord}, input checks with clear configure-time messages, and cell
 * helpers that turn empty or missing values into missing cells instead of crashes.
 */
package org.example.genmat.nodes.table;
