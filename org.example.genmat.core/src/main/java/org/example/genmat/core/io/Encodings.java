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

    /** Bytes of a table's start that {@link #looksBinaryTable} judges. */
    static final int SNIFF_BYTES = 8192;

    /** Control bytes (NULs included) that make a table's start binary: the "more than a few" of {@link #looksBinaryTable}. */
    private static final int MIN_CONTROL_BYTES = 8;

    /**
     * True when the start of a table (its first {@link #SNIFF_BYTES}) is binary data, not text with a damaged cell.
     * A NUL byte alone is no proof: one in a cell costs only that row (the cell's reader reports it), so it must not
     * cost the whole table. Binary needs a NUL and either a NUL in the header line (a table's header is text; zip,
     * gzip and most binary formats put NUL bytes in their first bytes) or control bytes making up at least 1 in 32 of
     * the block, and more than a few of them (random or compressed bytes have about 1 in 9; a text table has none but
     * its damaged cells). UTF-16 text, whose zero bytes are half its bytes, is no binary.
     */
    static boolean looksBinaryTable(byte[] d, int len) {
        int n = Math.min(len, SNIFF_BYTES);
        if (utf16(d, n) != null) {
            return false;
        }
        boolean nul = false;
        boolean headerLine = true;
        int controls = 0;
        for (int i = 0; i < n; i++) {
            byte b = d[i];
            if (b == '\n' || b == '\r') {
                headerLine = false;
            } else if (b == 0) {
                if (headerLine) {
                    return true;
                }
                nul = true;
                controls++;
            } else if (b > 0 && b < 0x20 && b != '\t' && b != '\f' || b == 0x7f) {
                controls++;
            }
        }
        return nul && controls >= MIN_CONTROL_BYTES && controls * 32L >= n;
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
