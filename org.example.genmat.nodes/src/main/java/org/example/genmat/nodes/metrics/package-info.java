/** The Diversity Metrics node: validity, uniqueness, novelty, coverage, EMDs, class metrics, discovery curve. */
package org.example.genmat.nodes.metrics;
