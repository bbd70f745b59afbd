package org.example.genmat.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text encodings of inputs: UTF-8 (with or without a byte-order mark), ASCII, Latin-1 (old CIFs)
 * and UTF-16 (Windows editors; with a byte-order mark, or recognised by its zero bytes). One place
 * decides, so a UTF-16 CIF and a CSV whose header starts with a UTF-8 BOM read like any other.
 */
final class Encodings {

    private Encodings() {
    }

    /** The UTF-16 charset the bytes are in, or null when they are not UTF-16. */
    static Charset utf16(byte[] d, int len) {
        if (len >= 2 && (d[0] & 0xff) == 0xFE && (d[1] & 0xff) == 0xFF) {
            return StandardCharsets.UTF_16; // big-endian with BOM (the decoder drops it)
        }
        if (len >= 2 && (d[0] & 0xff) == 0xFF && (d[1] & 0xff) == 0xFE) {
            return StandardCharsets.UTF_16; // little-endian with BOM
        }
        // no mark: ASCII text in UTF-16 has a zero in every other byte
        if (len >= 4 && d[0] == 0 && d[1] != 0 && d[2] == 0 && d[3] != 0) {
            return StandardCharsets.UTF_16BE;
        }
        if (len >= 4 && d[0] != 0 && d[1] == 0 && d[2] != 0 && d[3] == 0) {
            return StandardCharsets.UTF_16LE;
        }
        return null;
    }

    /** UTF-16 input re-encoded as UTF-8; anything else unchanged (the same array). */
    static byte[] toUtf8(byte[] d) {
        Charset cs = utf16(d, d.length);
        if (cs == null) {
            return d;
        }
        return new String(d, cs).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * A reader of a table: UTF-16 by its mark or zero bytes, else UTF-8 with a leading BOM dropped;
     * bytes that are not valid UTF-8 read as U+FFFD instead of failing the whole table.
     */
    static Reader tableReader(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 4);
        byte[] head = new byte[4];
        int n = in.readNBytes(head, 0, 4);
        Charset cs = utf16(head, n);
        int skip = 0;
        if (cs == null) {
            cs = StandardCharsets.UTF_8;
            if (n >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF) {
                skip = 3;
            }
        }
        in.unread(head, skip, n - skip);
        CharsetDecoder dec = cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE);
        return new InputStreamReader(in, dec);
    }

    /** True when the bytes look like binary data (NUL bytes in the first 8 KiB of non-UTF-16 input). */
    static boolean looksBinary(byte[] d, int len) {
        if (utf16(d, len) != null) {
            return false;
        }
        for (int i = 0, n = Math.min(len, 8192); i < n; i++) {
            if (d[i] == 0) {
                return true;
            }
        }
        return false;
    }
}
