/**
 * Tests of the built OSGi artifacts (run by failsafe after "package"): the layout of the
 * {@code org.example.genmat.nodes} bundle jar and its natives fragment, and the engine training a
 * model inside Eclipse Equinox, the OSGi framework KNIME runs on, with the natives from the fragment
 * and, in a child JVM without the fragment, downloaded from a local server into the user's home.
 */
package org.example.genmat.tests.osgi;
