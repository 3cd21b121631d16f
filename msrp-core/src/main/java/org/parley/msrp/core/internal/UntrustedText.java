package org.parley.msrp.core.internal;

/**
 * Quotes text that came from the network for exception and log messages: control characters become escapes and
 * long text is cut, so that a peer cannot forge log lines or flood a log through what it sends. Shared by every
 * Parley module; not API.
 */
public final class UntrustedText {

    /** Longest part of a text quoted; the rest is replaced by {@code ...}. */
    private static final int MAX_QUOTED_LENGTH = 200;

    private UntrustedText() {
    }

    /**
     * Quotes text.
     *
     * @param text the text, or null
     * @return the text in double quotes with CR, LF and TAB as {@code \r \n \t}, other control characters as
     *     a backslash, {@code u} and four hex digits, cut after {@value #MAX_QUOTED_LENGTH} characters;
     *     {@code (null)} for null
     */
    public static String quote(CharSequence text) {
        if (text == null) {
            return "(null)";
        }
        int end = Math.min(text.length(), MAX_QUOTED_LENGTH);
        StringBuilder sb = new StringBuilder(end + 8).append('"');
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\r' -> sb.append("\\r");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20 || c == 0x7F) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        if (end < text.length()) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }

    /**
     * Names one character: visible ASCII in single quotes, anything else by its code point.
     *
     * @param c the character
     * @return e.g. {@code 'x'} or {@code U+0009}
     */
    public static String describe(char c) {
        return c > 0x20 && c < 0x7F ? "'" + c + "'" : String.format("U+%04X", (int) c);
    }
}
