package org.example.genmat.core.io;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * A lean CIF 1.1 tokenizer and block builder that also accepts the CIF 2.0 syntax one meets in
 * practice (triple-quoted strings, lists and tables kept as raw text, DDLm dotted tag names).
 * Tag names are lower-cased and {@code .} becomes {@code _}, so {@code _cell.length_a} and
 * {@code _cell_length_a} are the same item. Unquoted {@code ?} is read as null, unquoted {@code .} as
 * {@link #DOT} (which {@link CifBlock} also answers as null, but lets a reader tell the two apart).
 * <p>
 * Lenient where real files need it, with a warning on the block: a quoted value not closed on its
 * line is read to the end of the line. Bounded: a loop of more than {@link #MAX_LOOP_VALUES} values
 * is an error, not an out-of-memory.
 * <p>
 * It scans the raw bytes in one pass (all CIF syntax is ASCII), without regular expressions: this is
 * the hot path of reading. Values are kept as byte ranges into a {@link CifText} and decoded only
 * when a reader asks for them.
 */
final class CifSyntax {

    /** Blocks read before any syntax error, plus that error (null when the whole text is fine). */
    record Result(List<CifBlock> blocks, String failedBlock, int failedBlockLine, CifException error) {
    }

    /** The unquoted {@code .} (inapplicable); compare by identity. */
    @SuppressWarnings("StringOperationCanBeSimplified")
    static final String DOT = new String(".");

    /** Values in one loop; more is refused (a 64 MB loop of one-character values would need gigabytes as strings). */
    static final int MAX_LOOP_VALUES = 4_000_000;

    /** Leniency warnings not yet attached to a block. */
    private final List<String> warnings = new ArrayList<>(0);

    private final byte[] s;
    private final int n;
    private final boolean cif2;
    private final CifText text;
    private int pos;
    private int line = 1;

    // the token just read: a tag or block name as text, a value as a byte range (see CifText)
    private int tokType;
    private String tok;
    private int tokFrom;
    private int tokTo;
    private int tokLine;

    /** Loop values of the whole text as (from, to, line) triples; loops keep views of it. */
    private int[] loopValues = new int[3 * 64];
    private int loopValuesUsed;

    private static final int EOF = 0, TAG = 1, VALUE = 2, DATA = 3, LOOP = 4, SAVE = 5, GLOBAL = 6, STOP = 7;

    /** {@code data}: as {@link Encodings#toUtf8} hands them over (UTF-16 re-encoded, a byte-order mark dropped). */
    private CifSyntax(byte[] data) {
        this.s = data;
        this.pos = 0;
        this.n = data.length;
        this.cif2 = startsWith(data, 0, "#\\#CIF_2.0");
        this.text = new CifText(data);
    }

    private static boolean startsWith(byte[] d, int at, String prefix) {
        if (d.length - at < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (d[at + i] != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Splits CIF bytes (UTF-8, ASCII or Latin-1, as {@link Encodings#toUtf8} hands them over) into data blocks; never
     * throws for bad input (the error is in the result).
     */
    static Result parse(byte[] data) {
        return new CifSyntax(data).run();
    }

    private Result run() {
        List<CifBlock> blocks = new ArrayList<>(2);
        CifBlock current = null;
        try {
            next();
            while (tokType != EOF) {
                switch (tokType) {
                    case DATA -> {
                        if (current != null) {
                            attachWarnings(current);
                            blocks.add(current);
                        }
                        current = new CifBlock(tok, tokLine, text);
                        next();
                    }
                    case SAVE, GLOBAL, STOP -> next(); // save frames belong to dictionaries; read their items as the block's
                    case TAG -> {
                        if (current == null) {
                            current = new CifBlock("", tokLine, text); // items before any data_ (lenient)
                        }
                        String tag = tok;
                        int tagLine = tokLine;
                        next();
                        if (tokType != VALUE) {
                            throw new CifException(tagLine, "tag " + tag + " has no value");
                        }
                        current.putItem(tag, tokFrom, tokTo, tagLine);
                        next();
                    }
                    case LOOP -> {
                        if (current == null) {
                            current = new CifBlock("", tokLine, text);
                        }
                        readLoop(current);
                    }
                    case VALUE -> throw new CifException(tokLine, "value '" + abbreviate(text.value(tokFrom, tokTo))
                        + "' without a tag");
                    default -> throw new IllegalStateException();
                }
            }
            if (current != null) {
                attachWarnings(current);
                blocks.add(current);
            }
            return new Result(blocks, null, 0, null);
        } catch (CifException e) {
            return new Result(blocks, current == null ? "" : current.name(), current == null ? 1 : current.line(), e);
        }
    }

    private void attachWarnings(CifBlock b) {
        for (String w : warnings) {
            b.warn(w);
        }
        warnings.clear();
    }

    private void readLoop(CifBlock block) throws CifException {
        int loopLine = tokLine;
        next();
        List<String> tags = new ArrayList<>(8);
        while (tokType == TAG) {
            tags.add(tok);
            next();
        }
        if (tags.isEmpty()) {
            throw new CifException(loopLine, "loop_ without tags");
        }
        int base = loopValuesUsed / 3;
        int count = 0;
        while (tokType == VALUE) {
            if (count == MAX_LOOP_VALUES) {
                throw new CifException(loopLine, "loop of " + Messages.value(tags.get(0)) + " ... has more than "
                    + MAX_LOOP_VALUES + " values (the limit)");
            }
            int at = loopValuesUsed;
            if (at + 3 > loopValues.length) {
                loopValues = Arrays.copyOf(loopValues, loopValues.length * 2); // loops made before keep the old array
            }
            loopValues[at] = tokFrom;
            loopValues[at + 1] = tokTo;
            loopValues[at + 2] = tokLine;
            loopValuesUsed = at + 3;
            count++;
            next();
        }
        if (count % tags.size() != 0) {
            throw new CifException(loopLine, "loop of " + tags.size() + " tags (" + Messages.value(tags.get(0)) + " ...) has "
                + count + " values, not a multiple of " + tags.size());
        }
        block.putLoop(tags, loopValues, base, count, loopLine);
    }

    private static String abbreviate(String v) {
        return Messages.value(v);
    }

    private String str(int from, int to) {
        return text.decode(from, to);
    }

    private void value(int from, int to) {
        tokType = VALUE;
        tokFrom = from;
        tokTo = to;
    }

    private static boolean isSpace(byte c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b;
    }

    /** Reads the next token into tokType/tok/tokLine. */
    private void next() throws CifException {
        skipSpaceAndComments();
        if (pos >= n) {
            tokType = EOF;
            return;
        }
        tokLine = line;
        byte c = s[pos];
        if (c == ';' && (pos == 0 || s[pos - 1] == '\n' || s[pos - 1] == '\r')) {
            readTextField();
            return;
        }
        if (c == '\'' || c == '"') {
            readQuoted(c);
            return;
        }
        if (cif2 && (c == '[' || c == '{')) {
            readBracketed();
            return;
        }
        int start = pos;
        int p = pos;
        final byte[] b = s;
        final int end = n;
        while (p < end) {
            byte x = b[p];
            // one comparison for the usual printable byte: all CIF white space is 9..13 or 32
            if (x <= ' ' && (x == ' ' || (x >= '\t' && x <= '\r'))) {
                break;
            }
            p++;
        }
        pos = p;
        int len = p - start;
        if (c == '_') {
            tokType = TAG;
            tok = tagName(start, p);
            return;
        }
        if (len >= 5 && b[start + 4] == '_') {
            if ((c == 'd' || c == 'D') && regionIgnoreCase(start, "data_")) {
                tokType = DATA;
                tok = str(start + 5, p);
                return;
            }
            if (len == 5 && (c == 'l' || c == 'L') && regionIgnoreCase(start, "loop_")) {
                tokType = LOOP;
                return;
            }
            if ((c == 's' || c == 'S') && regionIgnoreCase(start, "save_")) {
                tokType = SAVE;
                return;
            }
            if (len == 5 && regionIgnoreCase(start, "stop_")) {
                tokType = STOP;
                return;
            }
        }
        if (len == 7 && (c == 'g' || c == 'G') && regionIgnoreCase(start, "global_")) {
            tokType = GLOBAL;
            return;
        }
        value(len != 1 ? start : c == '?' ? CifText.UNKNOWN : c == '.' ? CifText.INAPPLICABLE : start, p);
    }

    private boolean regionIgnoreCase(int at, String word) {
        for (int i = 0; i < word.length(); i++) {
            int ch = s[at + i];
            if (ch >= 'A' && ch <= 'Z') {
                ch += 'a' - 'A';
            }
            if (ch != word.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    /** Tags are case-insensitive; DDLm writes _category.item where CIF 1.1 writes _category_item. */
    private String tagName(int from, int to) {
        byte[] lower = null;
        for (int i = from; i < to; i++) {
            byte ch = s[i];
            if (ch < 0) {
                return str(from, to).toLowerCase(Locale.ROOT).replace('.', '_'); // non-ASCII tag: rare
            }
            if (ch == '.' || (ch >= 'A' && ch <= 'Z')) {
                if (lower == null) {
                    lower = Arrays.copyOfRange(s, from, to);
                }
                lower[i - from] = ch == '.' ? (byte) '_' : (byte) (ch + ('a' - 'A'));
            }
        }
        return lower == null ? str(from, to) : new String(lower, StandardCharsets.ISO_8859_1);
    }

    private void skipSpaceAndComments() {
        final byte[] b = s;
        int p = pos;
        while (p < n) {
            byte c = b[p];
            if (c == ' ') {
                p++;
            } else if (c > ' ' && c != '#') {
                break; // the start of a token, in two comparisons
            } else if (c == '\n') {
                line++;
                p++;
            } else if (c == '\r') {
                line++;
                p++;
                if (p < n && b[p] == '\n') {
                    p++;
                }
            } else if (c == '\t' || c == '\f' || c == 0x0b) {
                p++;
            } else if (c == '#') {
                while (p < n && b[p] != '\n' && b[p] != '\r') {
                    p++;
                }
            } else {
                break;
            }
        }
        pos = p;
    }

    private void readTextField() throws CifException {
        int startLine = line;
        pos++; // the ';'
        int start = pos;
        while (true) {
            int nl = nextLineStart(pos);
            if (nl < 0) {
                throw new CifException(startLine, "text field starting with ';' is never closed (a line starting with ';' is missing)");
            }
            line++;
            pos = nl;
            if (pos < n && s[pos] == ';') {
                int end = pos;
                // drop the line break before the closing ';'
                if (end > start && s[end - 1] == '\n') {
                    end--;
                }
                if (end > start && s[end - 1] == '\r') {
                    end--;
                }
                int from = start;
                // and the one right after the opening ';'
                if (from < end && s[from] == '\r') {
                    from++;
                }
                if (from < end && s[from] == '\n') {
                    from++;
                }
                value(from, Math.max(from, end));
                pos++;
                return;
            }
        }
    }

    /** Index of the first character of the next line after p, or -1 at end of text. */
    private int nextLineStart(int p) {
        for (int i = p; i < n; i++) {
            byte c = s[i];
            if (c > '\r') {
                continue; // the usual byte of a text field, in one comparison
            }
            if (c == '\n') {
                return i + 1;
            }
            if (c == '\r') {
                return i + 1 < n && s[i + 1] == '\n' ? i + 2 : i + 1;
            }
        }
        return -1;
    }

    private void readQuoted(byte q) throws CifException {
        int startLine = line;
        if (cif2 && pos + 2 < n && s[pos + 1] == q && s[pos + 2] == q) {
            int end = -1;
            for (int i = pos + 3; i + 2 < n; i++) {
                if (s[i] == q && s[i + 1] == q && s[i + 2] == q) {
                    end = i;
                    break;
                }
            }
            if (end < 0) {
                throw new CifException(startLine, "triple-quoted string is never closed");
            }
            value(pos + 3, end);
            for (int i = pos; i < end; i++) {
                if (s[i] == '\n') {
                    line++;
                }
            }
            pos = end + 3;
            return;
        }
        int start = pos + 1;
        int i = start;
        while (true) {
            if (i >= n || s[i] == '\n' || s[i] == '\r') {
                // real files (old COD, hand edits) lose a closing quote: the value is the rest of the line
                int end = i;
                while (end > start && (s[end - 1] == ' ' || s[end - 1] == '\t')) {
                    end--;
                }
                warnings.add("line " + startLine + ": quoted value " + (char) q + abbreviate(str(start, end))
                    + " is not closed on its line; read to the end of the line");
                value(start, end);
                pos = i;
                return;
            }
            // CIF 1.1: a quote closes only when followed by whitespace (so O'Brien stays inside)
            if (s[i] == q && (cif2 || i + 1 >= n || isSpace(s[i + 1]))) {
                break;
            }
            i++;
        }
        value(start, i);
        pos = i + 1;
    }

    private void readBracketed() throws CifException {
        int startLine = line;
        int depth = 0;
        int start = pos;
        while (pos < n) {
            byte c = s[pos];
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    pos++;
                    value(start, pos);
                    return;
                }
            } else if (c == '\n') {
                line++;
            } else if (c == '\'' || c == '"') {
                for (int j = pos + 1; j < n; j++) {
                    if (s[j] == c) {
                        pos = j;
                        break;
                    }
                }
            }
            pos++;
        }
        throw new CifException(startLine, "list or table opened with '" + (char) s[start] + "' is never closed");
    }
}
