/**
 * The project's own embedded default data and the main job that runs on it ({@code genmat demo}):
 * {@link org.example.genmat.core.demo.DefaultElpasolites} enumerates a charge-balanced elpasolite
 * halide composition set by a fixed, documented rule (nothing is copied from elsewhere).
 */
package org.example.genmat.core.demo;
