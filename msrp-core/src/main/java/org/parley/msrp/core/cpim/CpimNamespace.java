package org.parley.msrp.core.cpim;

import java.util.Objects;

/**
 * A namespace declared by an {@code NS} header (RFC 3862 §3.4, §4.6): {@code NS: MyFeatures <mid:f@id.foo.com>}
 * binds the prefix {@code MyFeatures} to a URI for the headers that follow; {@code NS: <uri>} without prefix changes
 * the default namespace of the headers that follow.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CpimNamespace {

    private final String prefix;
    private final String uri;

    CpimNamespace(String prefix, String uri) {
        this.prefix = prefix;
        this.uri = uri;
    }

    /**
     * Returns the declared prefix.
     *
     * @return the prefix, e.g. {@code MyFeatures}, or {@code null} for a declaration of the default namespace
     */
    public String prefix() {
        return prefix;
    }

    /**
     * Returns the namespace URI.
     *
     * @return the absolute URI that identifies the namespace, e.g. {@code mid:MessageFeatures@id.foo.com}
     */
    public String uri() {
        return uri;
    }

    /**
     * Compares prefix and URI exactly.
     *
     * @param o the other object
     * @return {@code true} if {@code o} is a {@code CpimNamespace} with the same prefix and URI
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof CpimNamespace other && Objects.equals(prefix, other.prefix) && uri.equals(other.uri);
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(prefix, uri);
    }

    /**
     * Returns the declaration as an {@code NS} header value, e.g. {@code MyFeatures <mid:f@id.foo.com>}.
     *
     * @return the header value
     */
    @Override
    public String toString() {
        return prefix == null ? "<" + uri + ">" : prefix + " <" + uri + ">";
    }
}
