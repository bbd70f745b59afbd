/** The Sample Latent node: prior samples, decoded latent vectors, interpolations and encodings of a model. */
package org.example.genmat.nodes.sample;
