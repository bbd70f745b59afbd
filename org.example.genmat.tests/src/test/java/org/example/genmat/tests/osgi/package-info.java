/**
 * Tests of the built OSGi artifacts (run by failsafe after "package"): the layout of the
 * {@code org.example.genmat.nodes} bundle jar and its natives fragment, and the engine training a
 * model inside Eclipse Equinox, the OSGi framework KNIME runs on.
 */
package org.example.genmat.tests.osgi;
