/** The Filter Validity node: splits a candidate table into valid rows and rejected rows with reasons. */
package org.example.genmat.nodes.validity;
