/**
 * The GenMat KNIME nodes (KNIME Analytics Platform 5.8, fluent {@code DefaultNode} API): one sub-package per
 * node family, each node one factory plus one parameters class; {@code port} owns the "Generative Model" port
 * type and {@code table} the conversion between KNIME tables and the engine's records. All numerics live in
 * {@code org.example.genmat.core}; this layer only adapts settings, tables, progress and cancellation.
 */
package org.example.genmat.nodes;
