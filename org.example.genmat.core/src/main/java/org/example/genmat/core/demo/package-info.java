/**
 * Small embedded examples: the example crystals and {@link org.example.genmat.core.demo.DemoModel}, a
 * briefly trained elpasolite VAE on the embedded DFT data for the sampling benchmark. The main job is
 * the DFT study in {@code org.example.genmat.core.study}; the old 600 hand-enumerated halides are a
 * test fixture only.
 */
package org.example.genmat.core.demo;
