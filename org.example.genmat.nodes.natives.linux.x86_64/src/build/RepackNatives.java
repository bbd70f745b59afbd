import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Collections;
import java.util.jar.Manifest;

import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Build step (run by exec-maven-plugin in source-file mode): turns the TensorFlow native jar into the
 * OSGi fragment bundle. Writes META-INF/MANIFEST.MF first (OSGi and JarInputStream want it there),
 * then copies every other entry raw, without inflating and deflating its 1.1 GB again. The output
 * replaces the given jar atomically (the module's artifact, written by maven-jar-plugin just before).
 *
 * Arguments: native jar, fragment MANIFEST.MF, output jar.
 */
public final class RepackNatives {

    public static void main(String[] args) throws IOException {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: RepackNatives <native.jar> <MANIFEST.MF> <fragment.jar>");
        }
        Path nativeJar = Path.of(args[0]);
        Path manifestFile = Path.of(args[1]);
        Path out = Path.of(args[2]);
        byte[] manifest = Files.readAllBytes(manifestFile);
        try (InputStream in = Files.newInputStream(manifestFile)) {
            new Manifest(in); // fail here on a malformed manifest rather than in the OSGi resolver
        }
        Path tmp = out.resolveSibling(out.getFileName() + ".part");
        long started = System.nanoTime();
        int copied = 0;
        try (ZipFile zip = ZipFile.builder().setPath(nativeJar).get();
             ZipArchiveOutputStream zos = new ZipArchiveOutputStream(tmp)) {
            zos.putArchiveEntry(new ZipArchiveEntry("META-INF/"));
            zos.closeArchiveEntry();
            zos.putArchiveEntry(new ZipArchiveEntry("META-INF/MANIFEST.MF"));
            zos.write(manifest);
            zos.closeArchiveEntry();
            for (ZipArchiveEntry e : Collections.list(zip.getEntriesInPhysicalOrder())) {
                if (e.getName().equals("META-INF/") || e.getName().equalsIgnoreCase("META-INF/MANIFEST.MF")) {
                    continue;
                }
                zos.addRawArchiveEntry(e, zip.getRawInputStream(e));
                copied++;
            }
        }
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.printf("fragment %s: %d entries + manifest, %.1f MB, %.1f s%n", out.getFileName(), copied,
            Files.size(out) / 1e6, (System.nanoTime() - started) / 1e9);
    }
}
