package org.parley.msrp.examples.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads one flat JSON object (strings, integers, booleans, null; no nesting), strictly, as the tests' independent
 * check of what {@link JsonLine} writes: a line it cannot read is a test failure.
 */
final class FlatJson {

    private final String text;
    private int position;

    private FlatJson(String text) {
        this.text = text;
    }

    static Map<String, Object> parse(String line) {
        FlatJson parser = new FlatJson(line);
        Map<String, Object> object = parser.object();
        if (parser.position != line.length()) {
            throw parser.error("text after the object");
        }
        return object;
    }

    private Map<String, Object> object() {
        Map<String, Object> members = new LinkedHashMap<>();
        expect('{');
        if (peek() == '}') {
            position++;
            return members;
        }
        do {
            String name = string();
            expect(':');
            if (members.put(name, value()) != null) {
                throw error("duplicate member " + name);
            }
        } while (accept(','));
        expect('}');
        return members;
    }

    private Object value() {
        char c = peek();
        if (c == '"') {
            return string();
        }
        for (String literal : new String[] {"true", "false", "null"}) {
            if (text.startsWith(literal, position)) {
                position += literal.length();
                return literal.equals("null") ? null : Boolean.valueOf(literal);
            }
        }
        int start = position;
        if (c == '-') {
            position++;
        }
        while (position < text.length() && Character.isDigit(text.charAt(position))) {
            position++;
        }
        if (position == start) {
            throw error("no value");
        }
        return Long.parseLong(text.substring(start, position));
    }

    private String string() {
        expect('"');
        StringBuilder value = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return value.toString();
            }
            if (c < 0x20) {
                throw error("raw control character in a string");
            }
            if (c != '\\') {
                value.append(c);
                continue;
            }
            char escape = next();
            switch (escape) {
                case '"', '\\', '/' -> value.append(escape);
                case 'n' -> value.append('\n');
                case 'r' -> value.append('\r');
                case 't' -> value.append('\t');
                case 'b' -> value.append('\b');
                case 'f' -> value.append('\f');
                case 'u' -> {
                    if (position + 4 > text.length()) {
                        throw error("short \\u escape");
                    }
                    value.append((char) Integer.parseInt(text.substring(position, position + 4), 16));
                    position += 4;
                }
                default -> throw error("unknown escape \\" + escape);
            }
        }
    }

    private char peek() {
        if (position >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(position);
    }

    private char next() {
        char c = peek();
        position++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected " + c);
        }
    }

    private boolean accept(char c) {
        if (position < text.length() && text.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    private IllegalArgumentException error(String problem) {
        return new IllegalArgumentException(problem + " at " + position + " in " + text);
    }
}
