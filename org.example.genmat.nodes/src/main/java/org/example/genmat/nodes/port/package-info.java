/** The "Generative Model" port type: the trained {@code .genmat} model file and its configure-time spec. */
package org.example.genmat.nodes.port;
