/**
 * Small embedded fixtures: {@link org.example.genmat.core.demo.DefaultElpasolites} enumerates 600
 * charge-balanced elpasolite halides by a fixed, documented rule (used by tests and the sampling
 * benchmark; no longer the main job, which is the DFT study in {@code org.example.genmat.core.study}),
 * and the example crystals.
 */
package org.example.genmat.core.demo;
