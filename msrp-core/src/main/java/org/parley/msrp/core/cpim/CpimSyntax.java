package org.parley.msrp.core.cpim;

import org.parley.msrp.core.internal.UntrustedText;

import java.util.Set;
import java.util.regex.Pattern;

/** Character classes, the escape mechanism and value checks of the message header syntax (RFC 3862 §2.3, §3.6). */
final class CpimSyntax {

    /** The namespace of every header RFC 3862 §4 defines, and the default namespace of message/cpim (§7.1). */
    static final String CPIM_NAMESPACE = "urn:ietf:params:cpim-headers:";

    /** The headers of RFC 3862 §4, all in {@link #CPIM_NAMESPACE}; names are case-sensitive. */
    static final Set<String> CORE_HEADERS = Set.of("From", "To", "cc", "DateTime", "Subject", "NS", "Require");

    /** RFC 3066 Language-tag: {@code Primary-subtag *( "-" Subtag )}, 1 to 8 letters, then 1 to 8 alphanumerics. */
    private static final Pattern LANGUAGE_TAG = Pattern.compile("[A-Za-z]{1,8}(-[A-Za-z0-9]{1,8})*");

    /** RFC 2396 scheme: {@code alpha *( alpha | digit | "+" | "-" | "." )}. */
    private static final Pattern URI_SCHEME = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*");

    /** Longest part of untrusted text quoted in an exception message. */

    private CpimSyntax() {
    }

    /** NAMECHAR: US-ASCII except ".", CTLs and SEPARATORS. */
    static boolean isNameChar(int c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D
                || (c >= 0x5E && c <= 0x60) || c == 0x7C || c == 0x7E
                || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }

    /** TOKENCHAR: NAMECHAR, "." or anything beyond US-ASCII. */
    static boolean isTokenChar(int c) {
        return isNameChar(c) || c == '.' || c >= 0x80;
    }

    /** CTL: %x00-1F and %x7F. */
    static boolean isControl(int c) {
        return c < 0x20 || c == 0x7F;
    }

    /** Name = 1*NAMECHAR. */
    static boolean isName(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isNameChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** Header-name = [ Name-prefix "." ] Name. */
    static boolean isHeaderName(String s) {
        int dot = s.indexOf('.');
        return dot < 0 ? isName(s) : isName(s.substring(0, dot)) && isName(s.substring(dot + 1));
    }

    /** Token = 1*TOKENCHAR. */
    static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isLanguageTag(String s) {
        return LANGUAGE_TAG.matcher(s).matches();
    }

    /**
     * Checks the URI of an address or NS header: a scheme, a colon and at least one more character, none of them a
     * space, a control character, {@code <}, {@code >} or {@code "} (RFC 3862 §3.6 {@code URI}, the RFC 2396
     * absolute URI). Returns the reason it fails, or {@code null} if it passes.
     */
    static String uriProblem(String uri) {
        int colon = uri.indexOf(':');
        if (colon < 0 || !URI_SCHEME.matcher(uri.substring(0, colon)).matches()) {
            return "URI " + UntrustedText.quote(uri) + " does not start with a scheme and ':', so it is not an absolute URI";
        }
        if (colon == uri.length() - 1) {
            return "URI " + UntrustedText.quote(uri) + " has nothing after its scheme";
        }
        for (int i = 0; i < uri.length(); i++) {
            char c = uri.charAt(i);
            if (c == ' ' || c == '<' || c == '>' || c == '"' || isControl(c)) {
                return "URI " + UntrustedText.quote(uri) + " contains " + UntrustedText.describe(c);
            }
        }
        return null;
    }

    /**
     * Encodes text for a header per RFC 3862 §2.3.1: backslash, backspace, tab, linefeed and carriage return as
     * their special sequences, other control characters as {@code \}{@code uxxxx}, and a double quote as
     * {@code \"} only inside a double-quoted string. Every other character is written as it is.
     */
    static String escape(String text, boolean insideDoubleQuotes) {
        StringBuilder sb = new StringBuilder(text.length() + 8);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> sb.append("\\\\");
                case '\b' -> sb.append("\\b");
                case '\t' -> sb.append("\\t");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '"' -> sb.append(insideDoubleQuotes ? "\\\"" : "\"");
                default -> {
                    if (isControl(c)) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    /**
     * Decodes the escape sequences of RFC 3862 §2.3 in {@code text}. As §2.3.1 asks, an unrecognized sequence
     * stands for the character after the backslash, and a backslash that ends the text is ignored.
     */
    static String unescape(String text) {
        if (text.indexOf('\\') < 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i++);
            if (c != '\\') {
                sb.append(c);
            } else if (i < text.length()) {
                char escaped = text.charAt(i++);
                switch (escaped) {
                    case 'b' -> sb.append('\b');
                    case 't' -> sb.append('\t');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 'u' -> {
                        if (i + 4 <= text.length() && isHex(text, i, i + 4)) {
                            sb.append((char) Integer.parseInt(text, i, i + 4, 16));
                            i += 4;
                        } else {
                            sb.append('u');
                        }
                    }
                    default -> sb.append(escaped);
                }
            }
        }
        return sb.toString();
    }

    /**
     * Finds the closing quote of a String (RFC 3862 §3.6) that opens at {@code openQuote}: the first double quote
     * not preceded by an escaping backslash. Returns its index, or -1 if the string is not closed.
     */
    static int closingQuote(String text, int openQuote) {
        for (int i = openQuote + 1; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '"') {
                return i;
            }
        }
        return -1;
    }

    /** Removes spaces and tabs at both ends, but no other whitespace, unlike {@link String#strip()}. */
    static String trimWhitespace(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && (s.charAt(start) == ' ' || s.charAt(start) == '\t')) {
            start++;
        }
        while (end > start && (s.charAt(end - 1) == ' ' || s.charAt(end - 1) == '\t')) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isHex(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'))) {
                return false;
            }
        }
        return true;
    }
}
