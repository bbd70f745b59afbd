package org.example.genmat.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * Text encodings of inputs: UTF-8 (with or without a byte-order mark), ASCII, Latin-1 (old CIFs)
 * and UTF-16 (Windows editors; with a byte-order mark, or recognised by its zero bytes). One place
 * decides, {@link #charsetOf}, so a UTF-16 CIF, POSCAR or CSV and one that starts with a UTF-8 BOM
 * read like any other.
 * <p>
 * UTF-16 is read, not refused: Windows editors save "Unicode" text as UTF-16 with a byte-order mark,
 * which names the charset beyond doubt, and tables were read so before CIFs and POSCARs were; every
 * text input now follows that one rule.
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

    /**
     * The charset of a text input read whole (a CIF, a POSCAR, an archive entry): the one rule of every text input,
     * which a table follows as it streams ({@link #tableReader}). UTF-16 by its byte-order mark or zero bytes; else
     * UTF-8 when every byte is UTF-8 (ASCII is); else Latin-1 (ISO-8859-1), the charset of old CIFs, in which every
     * byte is a character ({@link #readAsLatin1} is the warning that says so).
     */
    static Charset charsetOf(byte[] d) {
        Charset utf16 = utf16(d, d.length);
        return utf16 != null ? utf16 : firstNonUtf8(d) < 0 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1;
    }

    /**
     * A text input read whole, as text in its {@link #charsetOf}. A leading byte-order mark is dropped, UTF-8's as
     * UTF-16's: it is no text (a POSCAR's comment line names the species of a VASP 4 file), and tables and CIFs drop it.
     */
    static String decode(byte[] d) {
        String text = new String(d, charsetOf(d));
        return text.startsWith("\uFEFF") ? text.substring(1) : text;
    }

    /**
     * The bytes a byte-level parser (the CIF reader, the sniffing of a file's format) reads: UTF-16 input re-encoded as
     * UTF-8, a UTF-8 byte-order mark dropped (as {@link #decode} drops it); anything else unchanged (the same array), its
     * non-ASCII values then decoded by {@link #charsetOf} of the whole.
     */
    static byte[] toUtf8(byte[] d) {
        Charset cs = utf16(d, d.length);
        if (cs != null) {
            return new String(d, cs).getBytes(StandardCharsets.UTF_8); // the UTF-16 decoder drops the mark
        }
        return hasUtf8Bom(d, d.length) ? java.util.Arrays.copyOfRange(d, 3, d.length) : d;
    }

    /** Whether the bytes start with UTF-8's byte-order mark, EF BB BF. */
    private static boolean hasUtf8Bom(byte[] d, int len) {
        return len >= 3 && (d[0] & 0xff) == 0xEF && (d[1] & 0xff) == 0xBB && (d[2] & 0xff) == 0xBF;
    }

    /**
     * A reader of a table: UTF-16 by its mark or zero bytes, else UTF-8 with a leading BOM dropped, falling back to
     * Latin-1 (the rule of {@link CifText}: old files that are not UTF-8 are Latin-1) from the first byte that is not
     * valid UTF-8 on, so "M\u00fcller" in a Latin-1 table is no U+FFFD. A table is read as it streams, so text before
     * that byte stays UTF-8: the same as the CIF rule for the whole file unless valid UTF-8 non-ASCII text came first.
     * {@link #latin1From} says whether, and from which byte, it fell back.
     */
    static Reader tableReader(InputStream raw) throws IOException {
        PushbackInputStream in = new PushbackInputStream(raw, 4);
        byte[] head = new byte[4];
        int n = in.readNBytes(head, 0, 4);
        Charset cs = utf16(head, n);
        if (cs != null) {
            in.unread(head, 0, n);
            CharsetDecoder dec = cs.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
            return new InputStreamReader(in, dec);
        }
        int skip = hasUtf8Bom(head, n) ? 3 : 0;
        in.unread(head, skip, n - skip);
        return new Utf8OrLatin1Reader(in, skip);
    }

    /**
     * Where a reader from {@link #tableReader} met the first byte that is not UTF-8 and went on in Latin-1: its
     * offset in the file, 0 for the first byte (a byte-order mark counted); -1 while every byte so far was UTF-8.
     */
    static long latin1From(Reader r) {
        return r instanceof Utf8OrLatin1Reader u ? u.latin1From : -1;
    }

    /**
     * The offset of the first byte of a whole file that is not UTF-8 ({@link #charsetOf} then reads the file as
     * Latin-1); -1 when it is UTF-8 (ASCII too) or UTF-16.
     */
    static long firstNonUtf8(byte[] d) {
        int i = 0;
        while (i < d.length && d[i] >= 0) {
            i++; // ASCII, as most crystal files are through and through
        }
        if (i == d.length || utf16(d, d.length) != null) {
            return -1;
        }
        ByteBuffer in = ByteBuffer.wrap(d, i, d.length - i);
        CharBuffer out = CharBuffer.allocate(1 << 12);
        CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        while (true) {
            CoderResult cr = utf8.decode(in, out, true);
            if (cr.isError()) {
                return in.position();
            }
            if (cr.isUnderflow()) {
                return -1;
            }
            out.clear();
        }
    }

    /**
     * The one warning of a text input that is not UTF-8 and was read as Latin-1 (a table from that byte on, a CIF or
     * POSCAR file whole): "FILE: not UTF-8 from byte N on; read as Latin-1 (ISO-8859-1)", N counted from 1 as
     * {@code cmp} counts, so the user can find the byte or convert the file.
     *
     * @param input  the input as messages name it (a file, an archive entry)
     * @param offset the first byte that is not UTF-8, 0 for the file's first ({@link #latin1From},
     *               {@link #firstNonUtf8})
     */
    static String readAsLatin1(String input, long offset) {
        return input + ": not UTF-8 from byte " + (offset + 1) + " on; read as Latin-1 (ISO-8859-1)";
    }

    /** UTF-8 until the first byte that is not valid UTF-8, Latin-1 from there on (see {@link #tableReader}). */
    private static final class Utf8OrLatin1Reader extends Reader {
        private final InputStream in;
        private final ByteBuffer bytes = ByteBuffer.allocate(1 << 13).flip();
        private final CharBuffer chars = CharBuffer.allocate(1 << 13).flip();
        private final CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        private boolean eof;
        private boolean flushed;
        /** Bytes of the file before {@link #bytes}' first: the byte-order mark skipped, then those compacted away. */
        private long consumed;
        /** The offset of the first byte that is not UTF-8; -1 while there is none (the text is read as UTF-8). */
        volatile long latin1From = -1;

        Utf8OrLatin1Reader(InputStream in, long skipped) {
            this.in = in;
            this.consumed = skipped;
        }

        @Override
        public int read(char[] cbuf, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            while (!chars.hasRemaining()) {
                if (!fill()) {
                    return -1;
                }
            }
            int n = Math.min(len, chars.remaining());
            chars.get(cbuf, off, n);
            return n;
        }

        /** Whether the bytes are read as Latin-1: one was not UTF-8. */
        private boolean latin1() {
            return latin1From >= 0;
        }

        /** Decodes more bytes into {@link #chars}; false at the end. */
        private boolean fill() throws IOException {
            if (!bytes.hasRemaining() || !latin1() && bytes.remaining() < 4 && !eof) {
                if (eof) {
                    if (latin1() || flushed) {
                        return false;
                    }
                } else {
                    consumed += bytes.position();
                    bytes.compact();
                    int r = in.read(bytes.array(), bytes.position(), bytes.remaining());
                    if (r < 0) {
                        eof = true;
                    } else {
                        bytes.position(bytes.position() + r);
                    }
                    bytes.flip();
                }
            }
            chars.clear();
            if (latin1()) {
                while (bytes.hasRemaining() && chars.hasRemaining()) {
                    chars.put((char) (bytes.get() & 0xff));
                }
            } else {
                CoderResult cr = utf8.decode(bytes, chars, eof);
                if (cr.isError()) {
                    latin1From = consumed + bytes.position(); // the bytes at the position are read again as Latin-1
                } else if (eof && !bytes.hasRemaining()) {
                    utf8.flush(chars);
                    flushed = true;
                }
            }
            chars.flip();
            return chars.hasRemaining() || !(eof && !bytes.hasRemaining() && (latin1() || flushed));
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
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
