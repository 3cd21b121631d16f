package org.parley.msrp.core.cpim;

import java.util.Objects;

/**
 * The value of a {@code From}, {@code To} or {@code cc} header (RFC 3862 §4.1 to §4.3):
 * {@code [ Formal-name ] "<" URI ">"}, an optional display name and an absolute URI such as
 * {@code sip:alice@example.com} or {@code im:pooh@100akerwood.com}.
 *
 * <p>Instances are immutable and thread-safe. {@link #equals(Object)} compares display name and URI exactly.
 */
public final class CpimAddress {

    private final String displayName;
    private final String uri;

    private CpimAddress(String displayName, String uri) {
        this.displayName = displayName;
        this.uri = uri;
    }

    /**
     * Creates an address without display name, written {@code <uri>}.
     *
     * @param uri an absolute URI, e.g. {@code sip:bob@example.com}
     * @return the address
     * @throws NullPointerException     if {@code uri} is {@code null}
     * @throws IllegalArgumentException if {@code uri} has no scheme, nothing after the scheme, or a space, control
     *                                  character, {@code <}, {@code >} or {@code "}
     */
    public static CpimAddress of(String uri) {
        return new CpimAddress(null, checkUri(uri));
    }

    /**
     * Creates an address with a display name. {@link #toHeaderValue()} writes the name as tokens separated by
     * single spaces when it is one ({@code Winnie the Pooh <im:pooh@100akerwood.com>}) and as an escaped
     * double-quoted string otherwise ({@code "Doe, John" <sip:jd@example.com>}).
     *
     * @param displayName the person's or "real world" name; any text that is not empty
     * @param uri         an absolute URI, as for {@link #of(String)}
     * @return the address
     * @throws NullPointerException     if either argument is {@code null}
     * @throws IllegalArgumentException if {@code displayName} is empty or {@code uri} is not an absolute URI
     */
    public static CpimAddress of(String displayName, String uri) {
        Objects.requireNonNull(displayName, "displayName");
        if (displayName.isEmpty()) {
            throw new IllegalArgumentException("Empty display name: use CpimAddress.of(uri) for an address without");
        }
        return new CpimAddress(displayName, checkUri(uri));
    }

    /**
     * Parses a header value of the form {@code [ Formal-name ] "<" URI ">"}. Beyond the ABNF, a space between a
     * quoted display name and {@code <} is accepted, and a display name that is not made of tokens is taken as it
     * is written, with escapes decoded.
     *
     * @throws IllegalArgumentException naming what is wrong
     */
    static CpimAddress parse(String value) {
        String displayName;
        int lessThan;
        if (value.startsWith("\"")) {
            int closingQuote = CpimSyntax.closingQuote(value, 0);
            if (closingQuote < 0) {
                throw new IllegalArgumentException("its quoted display name is not closed");
            }
            displayName = CpimSyntax.unescape(value.substring(1, closingQuote));
            lessThan = closingQuote + 1;
            if (lessThan < value.length() && value.charAt(lessThan) == ' ') {
                lessThan++;
            }
            if (lessThan == value.length() || value.charAt(lessThan) != '<') {
                throw new IllegalArgumentException("it has no '<' after its quoted display name");
            }
        } else {
            lessThan = value.indexOf('<');
            if (lessThan < 0) {
                throw new IllegalArgumentException("it has no '<' before its URI");
            }
            // Formal-name = 1*( Token SP ): the space before '<' belongs to the name, not to the display name. Only
            // spaces and tabs are trimmed: other Unicode whitespace, such as U+3000, is a TOKENCHAR (RFC 3862 §3.6).
            displayName = CpimSyntax.unescape(CpimSyntax.trimWhitespace(value.substring(0, lessThan)));
        }
        int greaterThan = value.indexOf('>', lessThan);
        if (greaterThan < 0) {
            throw new IllegalArgumentException("it has no '>' after its URI");
        }
        if (greaterThan != value.length() - 1) {
            throw new IllegalArgumentException("it has text after the '>' that closes its URI");
        }
        String uri = value.substring(lessThan + 1, value.length() - 1);
        String uriProblem = CpimSyntax.uriProblem(uri);
        if (uriProblem != null) {
            throw new IllegalArgumentException(uriProblem);
        }
        return new CpimAddress(displayName.isEmpty() ? null : displayName, uri);
    }

    /**
     * Returns the display name ({@code Formal-name}), with quotes removed and escapes decoded.
     *
     * @return the display name, or {@code null} if the address has none
     */
    public String displayName() {
        return displayName;
    }

    /**
     * Returns the address URI, as written between {@code <} and {@code >}.
     *
     * @return the URI, e.g. {@code sip:alice@example.com}
     */
    public String uri() {
        return uri;
    }

    /**
     * Formats the address as a header value: {@code <uri>}, {@code Name Tokens <uri>} or
     * {@code "quoted name" <uri>} with the escapes of RFC 3862 §2.3.1 inside the quotes.
     *
     * @return the header value; parsing it gives an equal address
     */
    public String toHeaderValue() {
        if (displayName == null) {
            return "<" + uri + ">";
        }
        return (isTokenSequence(displayName) ? displayName : "\"" + CpimSyntax.escape(displayName, true) + "\"")
                + " <" + uri + ">";
    }

    /**
     * Compares display name and URI exactly.
     *
     * @param o the other object
     * @return {@code true} if {@code o} is a {@code CpimAddress} with the same display name and URI
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof CpimAddress other && Objects.equals(displayName, other.displayName)
                && uri.equals(other.uri);
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(displayName, uri);
    }

    /**
     * Returns the same text as {@link #toHeaderValue()}.
     *
     * @return the header value
     */
    @Override
    public String toString() {
        return toHeaderValue();
    }

    private static String checkUri(String uri) {
        Objects.requireNonNull(uri, "uri");
        String problem = CpimSyntax.uriProblem(uri);
        if (problem != null) {
            throw new IllegalArgumentException("Invalid CPIM address: " + problem + " (RFC 3862 §3.6 URI)");
        }
        return uri;
    }

    /** Formal-name = 1*( Token SP ): words of token characters separated by single spaces. */
    private static boolean isTokenSequence(String name) {
        for (String word : name.split(" ", -1)) {
            if (!CpimSyntax.isToken(word)) {
                return false;
            }
        }
        return true;
    }
}
