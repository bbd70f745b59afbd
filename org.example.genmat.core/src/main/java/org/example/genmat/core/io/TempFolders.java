package org.example.genmat.core.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Temporary folders (a download's, a report's staging folder). A class of its own, with no static state: a download's
 * shutdown hook cleans up through it, and a class loaded that late must not register anything at start-up (as
 * {@link OutputFiles} registers its own hook).
 */
public final class TempFolders {

    private TempFolders() {
    }

    /**
     * Deletes a folder and everything in it, never following a link out of it, as far as it can: a leftover costs disk,
     * not correctness, and a failure to clean up must not hide the error that made the folder a leftover.
     */
    public static void deleteQuietly(Path dir) {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException ignored) {
                    // best effort, as said above
                }
            });
        } catch (IOException | UncheckedIOException ignored) {
            // best effort
        }
    }
}
