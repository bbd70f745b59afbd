package org.example.genmat.core.io;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Locates ../shared (system property genmat.shared.dir, else relative to the module); tests skip when absent. */
final class SharedData {

    private SharedData() {
    }

    static Path dir() {
        String prop = System.getProperty("genmat.shared.dir");
        for (Path p : new Path[] {prop == null ? null : Path.of(prop), Path.of("..", "..", "shared"), Path.of("..", "shared")}) {
            if (p != null && Files.isDirectory(p.resolve("data"))) {
                return p.normalize();
            }
        }
        return null;
    }

    /** The shared data path given, or a skipped test with a message when it is absent. */
    static Path require(String relative) {
        Path d = dir();
        Assumptions.assumeTrue(d != null && Files.exists(d.resolve(relative)),
            "shared data " + relative + " not found (../shared absent): skipped");
        return d.resolve(relative);
    }
}
