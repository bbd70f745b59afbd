/**
 * Implementation support of the KNIME API stand-in and the test harness that runs {@code DefaultNodeFactory}
 * nodes as KNIME would (configure with specs, execute with port objects, settings save/load, port object
 * serialization). Nothing here exists in KNIME; node code must never import this package.
 */
package org.example.genmat.knimestandin;
