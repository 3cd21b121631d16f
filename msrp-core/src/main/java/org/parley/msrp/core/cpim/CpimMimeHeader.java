package org.parley.msrp.core.cpim;

import java.util.Objects;

/**
 * A MIME header field of a {@code message/cpim} body: either one of the MIME headers before the message headers
 * (RFC 3862 §2.1) or one of the headers of the encapsulated MIME object, such as {@code Content-Type},
 * {@code Content-ID} or {@code Content-Disposition} (§2.4).
 *
 * <p>MIME header names compare case-insensitively ({@link #hasName(String)}); the name keeps the case it was
 * written in. A header folded over several lines is stored unfolded (RFC 5322 §2.2.3: the line breaks removed).
 * Instances are immutable and thread-safe.
 */
public final class CpimMimeHeader {

    private final String name;
    private final String value;

    CpimMimeHeader(String name, String value) {
        this.name = name;
        this.value = value;
    }

    /**
     * Returns the header name as written.
     *
     * @return the name, e.g. {@code Content-ID}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the header value, without the whitespace after the colon and at the end of the line.
     *
     * @return the value, e.g. {@code <1234567890@foo.com>}
     */
    public String value() {
        return value;
    }

    /**
     * Tells whether this header has a name, ignoring case as MIME does.
     *
     * @param headerName the name to compare with, e.g. {@code content-type}
     * @return {@code true} if the names are equal ignoring case
     * @throws NullPointerException if {@code headerName} is {@code null}
     */
    public boolean hasName(String headerName) {
        return name.equalsIgnoreCase(Objects.requireNonNull(headerName, "headerName"));
    }

    /**
     * Compares name and value exactly, so that equal headers are written identically.
     *
     * @param o the other object
     * @return {@code true} if {@code o} is a {@code CpimMimeHeader} with the same name and value
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof CpimMimeHeader other && name.equals(other.name) && value.equals(other.value);
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(name, value);
    }

    /**
     * Returns the header line as {@link CpimMessage#toBytes()} writes it, without the CRLF: {@code name: value}.
     *
     * @return the header line
     */
    @Override
    public String toString() {
        return name + ": " + value;
    }
}
