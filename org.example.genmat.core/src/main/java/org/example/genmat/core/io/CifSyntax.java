package org.example.genmat.core.io;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A lean CIF 1.1 tokenizer and block builder that also accepts the CIF 2.0 syntax one meets in
 * practice (triple-quoted strings, lists and tables kept as raw text, DDLm dotted tag names).
 * Tag names are lower-cased and {@code .} becomes {@code _}, so {@code _cell.length_a} and
 * {@code _cell_length_a} are the same item. Unquoted {@code ?} and {@code .} are read as null.
 * One pass over the text, no regular expressions: this is the hot path of reading.
 */
final class CifSyntax {

    /** Blocks read before any syntax error, plus that error (null when the whole text is fine). */
    record Result(List<CifBlock> blocks, String failedBlock, int failedBlockLine, CifException error) {
    }

    private final String s;
    private final int n;
    private final boolean cif2;
    private int pos;
    private int line = 1;

    // the token just read
    private int tokType;
    private String tok;
    private int tokLine;
    private boolean tokQuoted;

    private static final int EOF = 0, TAG = 1, VALUE = 2, DATA = 3, LOOP = 4, SAVE = 5, GLOBAL = 6, STOP = 7;

    private CifSyntax(String text) {
        // a byte-order mark is not part of the CIF
        this.s = text.startsWith("\uFEFF") ? text.substring(1) : text;
        this.n = s.length();
        this.cif2 = s.startsWith("#\\#CIF_2.0");
    }

    /** Splits CIF text into data blocks; never throws for bad input (the error is in the result). */
    static Result parse(String text) {
        return new CifSyntax(text).run();
    }

    private Result run() {
        List<CifBlock> blocks = new ArrayList<>();
        CifBlock current = null;
        try {
            next();
            while (tokType != EOF) {
                switch (tokType) {
                    case DATA -> {
                        if (current != null) {
                            blocks.add(current);
                        }
                        current = new CifBlock(tok, tokLine);
                        next();
                    }
                    case SAVE, GLOBAL, STOP -> next(); // save frames belong to dictionaries; read their items as the block's
                    case TAG -> {
                        if (current == null) {
                            current = new CifBlock("", tokLine); // items before any data_ (lenient)
                        }
                        String tag = tok;
                        int tagLine = tokLine;
                        next();
                        if (tokType != VALUE) {
                            throw new CifException(tagLine, "tag " + tag + " has no value");
                        }
                        current.putItem(tag, tok, tagLine);
                        next();
                    }
                    case LOOP -> {
                        if (current == null) {
                            current = new CifBlock("", tokLine);
                        }
                        readLoop(current);
                    }
                    case VALUE -> throw new CifException(tokLine, "value '" + abbreviate(tok) + "' without a tag");
                    default -> throw new IllegalStateException();
                }
            }
            if (current != null) {
                blocks.add(current);
            }
            return new Result(blocks, null, 0, null);
        } catch (CifException e) {
            return new Result(blocks, current == null ? "" : current.name(), current == null ? 1 : current.line(), e);
        }
    }

    private void readLoop(CifBlock block) throws CifException {
        int loopLine = tokLine;
        next();
        List<String> tags = new ArrayList<>();
        while (tokType == TAG) {
            tags.add(tok);
            next();
        }
        if (tags.isEmpty()) {
            throw new CifException(loopLine, "loop_ without tags");
        }
        List<String> values = new ArrayList<>();
        int[] lines = new int[16];
        while (tokType == VALUE) {
            if (values.size() == lines.length) {
                lines = java.util.Arrays.copyOf(lines, lines.length * 2);
            }
            lines[values.size()] = tokLine;
            values.add(tok);
            next();
        }
        if (values.size() % tags.size() != 0) {
            throw new CifException(loopLine, "loop of " + tags.size() + " tags (" + tags.get(0) + " ...) has "
                + values.size() + " values, not a multiple of " + tags.size());
        }
        block.putLoop(tags, values, java.util.Arrays.copyOf(lines, values.size()), loopLine);
    }

    private static String abbreviate(String v) {
        if (v == null) {
            return "?";
        }
        return v.length() > 40 ? v.substring(0, 40) + "..." : v;
    }

    /** Reads the next token into tokType/tok/tokLine. */
    private void next() throws CifException {
        skipSpaceAndComments();
        tokQuoted = false;
        if (pos >= n) {
            tokType = EOF;
            return;
        }
        tokLine = line;
        char c = s.charAt(pos);
        boolean atLineStart = pos == 0 || s.charAt(pos - 1) == '\n' || s.charAt(pos - 1) == '\r';
        if (c == ';' && atLineStart) {
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
        while (pos < n && !isSpace(s.charAt(pos))) {
            pos++;
        }
        String word = s.substring(start, pos);
        if (c == '_') {
            tokType = TAG;
            tok = normaliseTag(word);
            return;
        }
        int len = word.length();
        if (len >= 5 && (c == 'd' || c == 'D') && word.regionMatches(true, 0, "data_", 0, 5)) {
            tokType = DATA;
            tok = word.substring(5);
            return;
        }
        if (len == 5 && word.equalsIgnoreCase("loop_")) {
            tokType = LOOP;
            return;
        }
        if (len >= 5 && (c == 's' || c == 'S') && word.regionMatches(true, 0, "save_", 0, 5)) {
            tokType = SAVE;
            return;
        }
        if (len == 7 && word.equalsIgnoreCase("global_")) {
            tokType = GLOBAL;
            return;
        }
        if (len == 5 && word.equalsIgnoreCase("stop_")) {
            tokType = STOP;
            return;
        }
        tokType = VALUE;
        tok = len == 1 && (c == '?' || c == '.') ? null : word;
    }

    static String normaliseTag(String word) {
        // tags are case-insensitive; DDLm writes _category.item where CIF 1.1 writes _category_item
        boolean plain = true;
        for (int i = 0; i < word.length(); i++) {
            char ch = word.charAt(i);
            if (ch == '.' || (ch >= 'A' && ch <= 'Z') || ch > 127) {
                plain = false;
                break;
            }
        }
        return plain ? word : word.toLowerCase(Locale.ROOT).replace('.', '_');
    }

    private void skipSpaceAndComments() {
        while (pos < n) {
            char c = s.charAt(pos);
            if (c == '\n') {
                line++;
                pos++;
            } else if (c == '\r') {
                line++;
                pos++;
                if (pos < n && s.charAt(pos) == '\n') {
                    pos++;
                }
            } else if (c == ' ' || c == '\t' || c == '\f' || c == '\u000b') {
                pos++;
            } else if (c == '#') {
                while (pos < n && s.charAt(pos) != '\n' && s.charAt(pos) != '\r') {
                    pos++;
                }
            } else {
                return;
            }
        }
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f' || c == '\u000b';
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
            if (pos < n && s.charAt(pos) == ';') {
                int end = pos;
                // drop the line break before the closing ';'
                if (end > start && s.charAt(end - 1) == '\n') {
                    end--;
                }
                if (end > start && s.charAt(end - 1) == '\r') {
                    end--;
                }
                tok = s.substring(start, Math.max(start, end));
                if (tok.startsWith("\r\n")) {
                    tok = tok.substring(2);
                } else if (tok.startsWith("\n")) {
                    tok = tok.substring(1);
                }
                pos++;
                tokType = VALUE;
                tokQuoted = true;
                return;
            }
        }
    }

    /** Index of the first character of the next line after p, or -1 at end of text. */
    private int nextLineStart(int p) {
        int i = s.indexOf('\n', p);
        int r = s.indexOf('\r', p);
        if (i < 0 && r < 0) {
            return -1;
        }
        if (r >= 0 && (i < 0 || r < i)) {
            return r + 1 < n && s.charAt(r + 1) == '\n' ? r + 2 : r + 1;
        }
        return i + 1;
    }

    private void readQuoted(char q) throws CifException {
        int startLine = line;
        if (cif2 && pos + 2 < n && s.charAt(pos + 1) == q && s.charAt(pos + 2) == q) {
            String delim = "" + q + q + q;
            int end = s.indexOf(delim, pos + 3);
            if (end < 0) {
                throw new CifException(startLine, "triple-quoted string is never closed");
            }
            tok = s.substring(pos + 3, end);
            for (int i = pos; i < end; i++) {
                if (s.charAt(i) == '\n') {
                    line++;
                }
            }
            pos = end + 3;
            tokType = VALUE;
            tokQuoted = true;
            return;
        }
        int start = pos + 1;
        int i = start;
        while (true) {
            if (i >= n || s.charAt(i) == '\n' || s.charAt(i) == '\r') {
                throw new CifException(startLine, "quoted string " + q + abbreviate(s.substring(start, Math.min(i, n)))
                    + " is not closed on its line");
            }
            if (s.charAt(i) == q) {
                // CIF 1.1: a quote closes only when followed by whitespace (so O'Brien stays inside)
                if (cif2 || i + 1 >= n || isSpace(s.charAt(i + 1))) {
                    break;
                }
            }
            i++;
        }
        tok = s.substring(start, i);
        pos = i + 1;
        tokType = VALUE;
        tokQuoted = true;
    }

    private void readBracketed() throws CifException {
        int startLine = line;
        int depth = 0;
        int start = pos;
        while (pos < n) {
            char c = s.charAt(pos);
            if (c == '[' || c == '{') {
                depth++;
            } else if (c == ']' || c == '}') {
                depth--;
                if (depth == 0) {
                    pos++;
                    tok = s.substring(start, pos);
                    tokType = VALUE;
                    return;
                }
            } else if (c == '\n') {
                line++;
            } else if (c == '\'' || c == '"') {
                int end = s.indexOf(c, pos + 1);
                if (end > 0) {
                    pos = end;
                }
            }
            pos++;
        }
        throw new CifException(startLine, "list or table opened with '" + s.charAt(start) + "' is never closed");
    }
}
