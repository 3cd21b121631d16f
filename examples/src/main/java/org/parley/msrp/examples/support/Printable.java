package org.parley.msrp.examples.support;

/**
 * Makes text from the peer (texts, file names, content types) safe to print on a terminal: control characters could
 * move the cursor, rewrite earlier lines or change the terminal's settings, and bidirectional overrides could make a
 * name read differently from what it is. Each such character is shown as {@code ?}.
 */
public final class Printable {

    private Printable() {
    }

    /**
     * Makes one line: no line breaks either.
     *
     * @param text the peer's text
     * @return the text, safe to print on one line
     */
    public static String line(String text) {
        return replace(text, false);
    }

    /**
     * Makes a text of several lines: line feeds and tabs stay.
     *
     * @param text the peer's text
     * @return the text, safe to print
     */
    public static String lines(String text) {
        return replace(text, true);
    }

    private static String replace(String text, boolean keepLines) {
        StringBuilder safe = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            i += Character.charCount(c);
            boolean layout = keepLines && (c == '\n' || c == '\t');
            int type = Character.getType(c);
            if (!layout && (Character.isISOControl(c) || type == Character.FORMAT || type == Character.SURROGATE
                    || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR)) {
                safe.append('?');
            } else {
                safe.appendCodePoint(c);
            }
        }
        return safe.toString();
    }
}
