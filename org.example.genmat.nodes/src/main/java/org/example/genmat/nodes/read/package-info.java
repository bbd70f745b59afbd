/** The Read Crystals node: files, folders, zips or a text column → the standard crystal table. */
package org.example.genmat.nodes.read;
