package org.example.genmat.core.io;

/**
 * User-facing text made safe to print and to store: control characters, terminal escape
 * sequences and lone UTF-16 surrogates become visible escapes ({@code \x1b}, {@code \u0007},
 * {@code \ud83d}), and long text is cut. Every error and warning a reader emits passes through
 * {@link #clean}; every input value echoed into a message passes through {@link #value}.
 */
public final class Messages {

    /** Characters of an input value echoed into a message; the rest is cut with "... (N chars)". */
    public static final int MAX_ECHOED_VALUE = 60;

    /** Characters of a whole message (a file name, an error, a warning). */
    public static final int MAX_MESSAGE = 2000;

    private Messages() {
    }

    /** An input value as echoed into a message: escaped, at most {@link #MAX_ECHOED_VALUE} characters of it. */
    public static String value(String v) {
        if (v == null) {
            return "?";
        }
        if (v.length() <= MAX_ECHOED_VALUE) {
            return clean(v);
        }
        int cut = MAX_ECHOED_VALUE;
        if (Character.isHighSurrogate(v.charAt(cut - 1))) {
            cut--;
        }
        return clean(v.substring(0, cut)) + "... (" + v.length() + " chars)";
    }

    /** The text with every unsafe character escaped and cut to {@link #MAX_MESSAGE} characters; null stays null. */
    public static String clean(String s) {
        if (s == null) {
            return null;
        }
        int n = s.length();
        int i = 0;
        while (i < n && safe(s, i)) {
            i++;
        }
        if (i == n && n <= MAX_MESSAGE) {
            return s; // the common case: nothing to do
        }
        StringBuilder b = new StringBuilder(Math.min(n, MAX_MESSAGE) + 16);
        b.append(s, 0, i);
        for (; i < n && b.length() < MAX_MESSAGE; i++) {
            char c = s.charAt(i);
            if (safe(s, i)) {
                b.append(c);
                if (Character.isHighSurrogate(c)) {
                    b.append(s.charAt(++i)); // a whole pair (e.g. an emoji) is fine to print
                }
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c < 0x100) {
                b.append(String.format("\\x%02x", (int) c));
            } else {
                b.append(String.format("\\u%04x", (int) c));
            }
        }
        if (i < n) {
            b.append("... (").append(n).append(" chars)");
        }
        return b.toString();
    }

    /** Printable: no C0/C1 control, no DEL, no lone surrogate, no bidi override. */
    private static boolean safe(String s, int i) {
        char c = s.charAt(i);
        if (c >= 0x20 && c < 0x7f) {
            return true;
        }
        if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0)) {
            return false;
        }
        if (c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069) {
            return false; // bidirectional overrides can make a terminal line read differently
        }
        if (Character.isHighSurrogate(c)) {
            return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
        }
        if (Character.isLowSurrogate(c)) {
            return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
        }
        return true;
    }
}
