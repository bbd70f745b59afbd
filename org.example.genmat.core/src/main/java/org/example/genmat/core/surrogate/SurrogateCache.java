package org.example.genmat.core.surrogate;

import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.zip.CRC32C;
import java.util.zip.CheckedOutputStream;

import org.example.genmat.core.io.Messages;
import org.example.genmat.core.io.OutputFiles;
import org.example.genmat.core.metrics.ElpasoliteSpace;

/**
 * On-disk cache of a {@link Surrogate.Result}: one file {@code elpasolite-surrogate-<key>.bin} per
 * data + settings (the key is a SHA-256 of the rows, the energies' bits, the settings and the format
 * version). Written to a temporary file in the same folder and renamed, so a reader never sees a
 * half-written file; the file ends with a CRC32C of all bytes before it, so a file changed on disk is found
 * ({@link Damaged}) and rebuilt instead of read as labels.
 */
public final class SurrogateCache {

    private static final String MAGIC = "genmat-elpasolite-surrogate";
    /** 2: a CRC32C of every byte before it closes the file. */
    private static final int VERSION = 2;
    private static final int CHECKSUM_BYTES = Integer.BYTES;

    private SurrogateCache() {
    }

    /** System property naming the cache folder, read by {@link #defaultDir}. */
    public static final String DIR_PROPERTY = "genmat.cache.dir";

    /** The cache folder when none is given: the system property {@value #DIR_PROPERTY}, else ~/.cache/genmat. */
    public static Path defaultDir() {
        String dir = System.getProperty(DIR_PROPERTY);
        return dir != null && !dir.isBlank() ? Path.of(dir) : Path.of(System.getProperty("user.home"), ".cache", "genmat");
    }

    /** The cache key of data and settings. */
    public static String key(int[][] sites, double[] energies, String settings) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((MAGIC + VERSION + settings).getBytes(StandardCharsets.UTF_8));
            java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4 * 4 + 8);
            for (int i = 0; i < sites.length; i++) {
                buf.clear();
                for (int v : sites[i]) {
                    buf.putInt(v);
                }
                buf.putLong(Double.doubleToLongBits(energies[i]));
                md.update(buf.array(), 0, buf.position());
            }
            return HexFormat.of().formatHex(md.digest()).substring(0, 32);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this Java runtime", e);
        }
    }

    /** The file of {@code key} in {@code dir}. */
    public static Path file(Path dir, String key) {
        return dir.resolve("elpasolite-surrogate-" + key + ".bin");
    }

    /**
     * The cached result of {@code key} (built with {@code settings}, which the key covers), or null when there is none.
     *
     * @throws Damaged when the file is there but cannot be trusted: shorter than written, or its bytes no longer match the
     *                 checksum written with them (a changed byte in the label table would otherwise pass as labels)
     */
    public static Surrogate.Result read(Path dir, String key, Surrogate.Settings settings) throws Damaged {
        Path f = file(dir, key);
        if (!Files.isRegularFile(f)) {
            return null;
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(f);
        } catch (IOException e) {
            throw new Damaged(f, "unreadable: " + Messages.clean(String.valueOf(e.getMessage())));
        }
        if (bytes.length < CHECKSUM_BYTES) {
            throw new Damaged(f, "truncated");
        }
        int payload = bytes.length - CHECKSUM_BYTES;
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, payload);
        if ((int) crc.getValue() != java.nio.ByteBuffer.wrap(bytes, payload, CHECKSUM_BYTES).getInt()) {
            throw new Damaged(f, "checksum mismatch");
        }
        try (DataInputStream d = new DataInputStream(new ByteArrayInputStream(bytes, 0, payload))) {
            if (!MAGIC.equals(d.readUTF()) || d.readInt() != VERSION || !key.equals(d.readUTF())) {
                throw new Damaged(f, "not the surrogate of this data and settings");
            }
            double sigma = d.readDouble(), lambda = d.readDouble();
            int nCv = d.readInt();
            List<Surrogate.CvPoint> cv = new ArrayList<>();
            for (int i = 0; i < nCv; i++) {
                cv.add(new Surrogate.CvPoint(d.readDouble(), d.readDouble(), d.readDouble()));
            }
            int trainRows = d.readInt(), holdRows = d.readInt();
            double mae = d.readDouble(), rmse = d.readDouble(), agree = d.readDouble();
            int nPar = d.readInt();
            List<Surrogate.ParityPoint> parity = new ArrayList<>();
            for (int i = 0; i < nPar; i++) {
                parity.add(new Surrogate.ParityPoint(d.readByte(), d.readByte(), d.readByte(), d.readByte(), d.readDouble(), d.readDouble()));
            }
            int n = ElpasoliteSpace.N;
            float[] e = new float[n * n * n * n];
            byte[] raw = d.readNBytes(4 * e.length);
            if (raw.length != 4 * e.length || d.read() != -1) {
                throw new Damaged(f, "not of the length written");
            }
            java.nio.ByteBuffer.wrap(raw).asFloatBuffer().get(e);
            return new Surrogate.Result(key, settings, sigma, lambda, cv, trainRows, holdRows, mae, rmse, agree, parity, new SpaceLabels(e),
                0, 0, true, "");
        } catch (Damaged e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new Damaged(f, "truncated");
        }
    }

    /**
     * A cache file that is there but cannot be trusted; it is fitted again and overwritten. The message is the one line the
     * user sees: "the cached surrogate FILE is damaged (checksum mismatch); fitting it again".
     */
    public static final class Damaged extends IOException {

        private static final long serialVersionUID = 1L;

        Damaged(Path file, String why) {
            super(Messages.clean("the cached surrogate " + file + " is damaged (" + why + "); fitting it again"));
        }
    }

    /**
     * Makes sure the cache folder can take a result <em>before</em> the fit that makes it (minutes of work): creates it,
     * and refuses a path that is a file or a folder that cannot be written (or made) with an {@link UnusableFolder}
     * naming the folder as given and the reason.
     */
    public static void requireUsable(Path dir) throws IOException {
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw aFile(dir);
        }
        // checked before it is made: the system names a folder it cannot make by its absolute path
        String why = OutputFiles.whyCannotWriteIn(dir);
        if (why != null) {
            throw new UnusableFolder(dir, why);
        }
        try {
            Files.createDirectories(dir);
        } catch (FileAlreadyExistsException e) {
            throw aFile(dir); // made a file since the check above, or a link to nothing
        }
    }

    /** The refusal of a cache folder that is a file. */
    private static UnusableFolder aFile(Path dir) {
        return new UnusableFolder(dir, "the cache folder is a file, not a folder");
    }

    /**
     * The cache folder cannot take a result: "cache: cannot write in . (read-only file system)", the folder as the user
     * gave it. A face puts the option or setting that chose the folder in front ({@link #namedBy}), as its messages
     * about outputs do.
     */
    public static final class UnusableFolder extends IOException {

        private static final long serialVersionUID = 1L;

        private final String folder;
        private final String why;

        UnusableFolder(Path folder, String why) {
            this(folder.toString(), why);
        }

        private UnusableFolder(String folder, String why) {
            super(Messages.clean(folder + ": " + why));
            this.folder = folder;
            this.why = why;
        }

        /** The same refusal naming the option that chose the folder: "--cache-dir cache: cannot write in ...". */
        public UnusableFolder namedBy(String option) {
            UnusableFolder named = new UnusableFolder(option + " " + folder, why);
            named.initCause(this);
            return named;
        }
    }

    /** Writes {@code r} atomically (temporary file + rename). */
    public static void write(Path dir, Surrogate.Result r) throws IOException {
        Files.createDirectories(dir);
        Path target = file(dir, r.key());
        Path tmp = Files.createTempFile(dir, "elpasolite-surrogate-", ".tmp");
        try {
            CRC32C crc = new CRC32C();
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16);
                 DataOutputStream d = new DataOutputStream(new CheckedOutputStream(out, crc))) {
                d.writeUTF(MAGIC);
                d.writeInt(VERSION);
                d.writeUTF(r.key());
                d.writeDouble(r.sigma());
                d.writeDouble(r.lambda());
                d.writeInt(r.cv().size());
                for (Surrogate.CvPoint p : r.cv()) {
                    d.writeDouble(p.sigma());
                    d.writeDouble(p.lambda());
                    d.writeDouble(p.mae());
                }
                d.writeInt(r.trainRows());
                d.writeInt(r.holdoutRows());
                d.writeDouble(r.holdoutMae());
                d.writeDouble(r.holdoutRmse());
                d.writeDouble(r.classAgreement());
                d.writeInt(r.parity().size());
                for (Surrogate.ParityPoint p : r.parity()) {
                    d.writeByte(p.a());
                    d.writeByte(p.b());
                    d.writeByte(p.c());
                    d.writeByte(p.d());
                    d.writeDouble(p.dft());
                    d.writeDouble(p.predicted());
                }
                float[] e = r.labels().table();
                java.nio.ByteBuffer buf = java.nio.ByteBuffer.allocate(4 * e.length);
                buf.asFloatBuffer().put(e);
                d.write(buf.array());
                d.flush();
                new DataOutputStream(out).writeInt((int) crc.getValue()); // the checksum itself is not summed
            }
            try {
                Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
