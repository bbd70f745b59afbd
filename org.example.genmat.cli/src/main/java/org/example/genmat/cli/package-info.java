/**
 * The {@code genmat} command line (picocli): one class per sub-command ({@code read}, {@code train},
 * {@code sample}, {@code filter}, {@code metrics}, {@code demo}; {@code bench} comes from its own module when present).
 * Commands only parse options, call the engine packages and print; no chemistry or numerics live here.
 */
package org.example.genmat.cli;
