/**
 * Reading and writing crystals: CIF 1.1 / 2.0 ({@link org.example.genmat.core.io.CifReader},
 * {@link org.example.genmat.core.io.CifWriter}), VASP POSCAR/CONTCAR
 * ({@link org.example.genmat.core.io.PoscarReader}, {@link org.example.genmat.core.io.PoscarWriter}),
 * formula tables, and the standard crystal table ({@link org.example.genmat.core.io.CrystalTable}).
 * {@link org.example.genmat.core.io.CrystalReader} walks files, folders and zip archives.
 * The P1 text our writer puts in the {@code cif} cell (how crystals travel between jobs) is read back
 * by {@code P1CifReader} behind {@code CifReader.read}, without the general machinery and with the
 * same result; anything else takes the general path.
 * Every reader turns bad input into a {@link org.example.genmat.core.io.CrystalRecord} whose
 * {@code error} names the file, the line and the problem; none throws for bad input.
 * Space-group tables (symmetry operators by symbol, Hall symbol or number) live in
 * {@link org.example.genmat.core.io.SpaceGroups} and load lazily.
 */
package org.example.genmat.core.io;
