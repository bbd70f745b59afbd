package org.example.genmat.nodes.read;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import org.example.genmat.core.io.CifReader;
import org.example.genmat.core.io.CrystalRecord;

/** Lists and reads input files (interim: CIF only until the engine's CrystalReader lands). */
final class CrystalFiles {

    private CrystalFiles() {
    }

    static List<Path> list(final Path location) throws IOException {
        if (Files.isDirectory(location)) {
            try (Stream<Path> s = Files.walk(location)) {
                return s.filter(Files::isRegularFile).sorted().toList();
            }
        }
        return List.of(location);
    }

    static List<CrystalRecord> read(final Path file, final ReadCrystalsParameters.Format format) throws IOException {
        final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (format == ReadCrystalsParameters.Format.CIF || name.endsWith(".cif")) {
            return CifReader.read(file);
        }
        return ReadCrystalsNodeFactory.parse(Files.readString(file, StandardCharsets.UTF_8),
            file.getFileName().toString(), format);
    }

    static List<CrystalRecord> poscar(final String text, final String source) {
        return List.of(CrystalRecord.failed(source, source + ": POSCAR reading is not available yet"));
    }
}
