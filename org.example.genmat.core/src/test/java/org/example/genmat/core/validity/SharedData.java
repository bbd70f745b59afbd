package org.example.genmat.core.validity;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Assumptions;

/** Locates {@code ../shared/data} for data-set tests; skips the test when it is absent. */
public final class SharedData {

    private SharedData() {
    }

    public static Path require(String relative) {
        String prop = System.getProperty("genmat.shared.dir");
        Path base = prop != null ? Path.of(prop) : Path.of("..", "..", "shared");
        if (!Files.isDirectory(base)) {
            base = Path.of("..", "shared");
        }
        Path p = base.resolve("data").resolve(relative);
        Assumptions.assumeTrue(Files.exists(p), "shared data not available: " + p);
        return p;
    }
}
