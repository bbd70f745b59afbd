package org.example.genmat.core.io;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/**
 * The bytes of one CIF, whose values {@link CifSyntax} records as byte ranges and {@link CifBlock}
 * turns into strings only when asked: a real-world CIF holds thousands of values (bond tables,
 * reflections, text fields) of which a reader looks at a few hundred.
 * <p>
 * A range is {@code [from, to)}; {@link #UNKNOWN} as {@code from} stands for the unquoted {@code ?},
 * {@link #INAPPLICABLE} for the unquoted {@code .}. Decoding: ASCII values as they are; a value with
 * other bytes in the charset of the whole file, decided once by the rule of every text input
 * ({@link Encodings#charsetOf}: UTF-8 when the whole file is valid UTF-8, else Latin-1, old CIFs; UTF-16
 * reaches this class re-encoded as UTF-8).
 */
final class CifText {

    /** {@code from} of the unquoted {@code ?} (unknown). */
    static final int UNKNOWN = -1;

    /** {@code from} of the unquoted {@code .} (inapplicable). */
    static final int INAPPLICABLE = -2;

    private final byte[] bytes;
    private Charset charset; // decided when the first non-ASCII value is decoded

    CifText(byte[] bytes) {
        this.bytes = bytes;
    }

    byte[] bytes() {
        return bytes;
    }

    /** The value of a range: null for {@link #UNKNOWN}, {@link CifSyntax#DOT} for {@link #INAPPLICABLE}. */
    String value(int from, int to) {
        if (from < 0) {
            return from == INAPPLICABLE ? CifSyntax.DOT : null;
        }
        return decode(from, to);
    }

    /** The bytes {@code [from, to)} as text. */
    String decode(int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] < 0) {
                return new String(bytes, from, to - from, charset());
            }
        }
        return new String(bytes, from, to - from, StandardCharsets.ISO_8859_1); // ASCII: the fastest exact decoder
    }

    private Charset charset() {
        if (charset == null) {
            charset = Encodings.charsetOf(bytes);
        }
        return charset;
    }

    /** The number a range holds (see {@link CifNumbers}); NaN for {@code ?}, {@code .} and text. */
    double number(int from, int to) {
        return from < 0 ? Double.NaN : CifNumbers.parse(bytes, from, to);
    }
}
