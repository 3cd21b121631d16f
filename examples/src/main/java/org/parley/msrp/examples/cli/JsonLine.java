package org.parley.msrp.examples.cli;

/**
 * One flat JSON object (RFC 8259) on one line, built member by member. Strings are escaped so that the line holds
 * only printable ASCII: quotes, backslashes and control characters get their escapes, and everything beyond ASCII
 * becomes a backslash-u escape of four hex digits (UTF-16 units, so a character outside the BMP becomes its
 * surrogate pair, and an unpaired surrogate still yields valid JSON text). The output therefore survives any terminal or platform encoding,
 * and a line break inside a value can never split a record.
 */
public final class JsonLine {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder text = new StringBuilder("{");

    /**
     * Adds a string member.
     *
     * @param name the member's name
     * @param value the value, or null for JSON {@code null}
     * @return this
     */
    public JsonLine put(String name, String value) {
        name(name);
        if (value == null) {
            text.append("null");
        } else {
            quote(value);
        }
        return this;
    }

    /**
     * Adds a number member.
     *
     * @param name the member's name
     * @param value the value
     * @return this
     */
    public JsonLine put(String name, long value) {
        name(name);
        text.append(value);
        return this;
    }

    /**
     * Adds a boolean member.
     *
     * @param name the member's name
     * @param value the value
     * @return this
     */
    public JsonLine put(String name, boolean value) {
        name(name);
        text.append(value);
        return this;
    }

    /**
     * Returns the object.
     *
     * @return the JSON text, without a line end
     */
    @Override
    public String toString() {
        return text + "}";
    }

    private void name(String name) {
        if (text.length() > 1) {
            text.append(',');
        }
        quote(name);
        text.append(':');
    }

    private void quote(String value) {
        text.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> text.append("\\\"");
                case '\\' -> text.append("\\\\");
                case '\n' -> text.append("\\n");
                case '\r' -> text.append("\\r");
                case '\t' -> text.append("\\t");
                case '\b' -> text.append("\\b");
                case '\f' -> text.append("\\f");
                default -> {
                    if (c < 0x20 || c > 0x7e) {
                        text.append("\\u").append(HEX[c >> 12]).append(HEX[(c >> 8) & 0xf])
                                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
                    } else {
                        text.append(c);
                    }
                }
            }
        }
        text.append('"');
    }
}
