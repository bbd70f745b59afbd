/**
 * The crystal domain: small immutable value types in the spirit of pymatgen's core objects.
 * {@link org.example.genmat.core.crystal.Element} (element data from CDK),
 * {@link org.example.genmat.core.crystal.Composition} (element to amount, formulas),
 * {@link org.example.genmat.core.crystal.Lattice} (parameters, matrix, volume, reciprocal),
 * {@link org.example.genmat.core.crystal.Site} (species with occupancy at fractional coordinates) and
 * {@link org.example.genmat.core.crystal.Crystal} (lattice + sites, density, periodic distances),
 * {@link org.example.genmat.core.crystal.Prototype} (named sites of elpasolite and perovskite, their
 * multiplicities and which sites must differ).
 * Reading and writing files lives in {@code io}, never here.
 */
package org.example.genmat.core.crystal;
