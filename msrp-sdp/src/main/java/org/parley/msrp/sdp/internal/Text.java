package org.parley.msrp.sdp.internal;

import java.util.Objects;

/** Quoting of untrusted text for exception messages. */
public final class Text {

    /** Longest part of a line quoted in a message; the rest is replaced by "...". */
    private static final int MAX_QUOTED_LENGTH = 200;

    private Text() {
    }

    /**
     * Builds the message of an {@code SdpNegotiationException}: the problem, the quoted line if any, the rule.
     *
     * @param problem what is wrong
     * @param line    the offending line, or null
     * @param rule    the rule that is broken
     * @return {@code problem, in line "line" (rule)} or {@code problem (rule)}
     */
    public static String problemMessage(String problem, String line, String rule) {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(rule, "rule");
        return line == null ? problem + " (" + rule + ")" : problem + ", in line " + quote(line) + " (" + rule + ")";
    }

    /**
     * Quotes text for a message: control characters and the quote become escapes, and long text is cut.
     *
     * @param text the text, or null
     * @return the quoted text, or {@code null} written out for null
     */
    public static String quote(CharSequence text) {
        if (text == null) {
            return "null";
        }
        StringBuilder sb = new StringBuilder(Math.min(text.length(), MAX_QUOTED_LENGTH) + 8).append('"');
        int end = Math.min(text.length(), MAX_QUOTED_LENGTH);
        for (int i = 0; i < end; i++) {
            char c = text.charAt(i);
            if (c == '\r') {
                sb.append("\\r");
            } else if (c == '\n') {
                sb.append("\\n");
            } else if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c == 0x7F) {
                sb.append(String.format("\\u%04X", (int) c));
            } else {
                sb.append(c);
            }
        }
        if (text.length() > MAX_QUOTED_LENGTH) {
            sb.append("...");
        }
        return sb.append('"').toString();
    }
}
