package org.parley.msrp.sdp;

import java.util.Locale;

/**
 * The value of the COMEDIA {@code a=connection} attribute (RFC 4145 §5): whether an SDP exchange asks for a new
 * transport connection or keeps the existing one.
 *
 * <p>MSRP does not use it: RFC 6135 §4.4 says an MSRP endpoint MUST NOT send it and MUST ignore a received one,
 * because RFC 4975 §5.4 has its own rules for reusing connections. Parley parses it (so that a malformed value is
 * reported and {@link MsrpMediaDescription#connection()} shows what a peer sent), never writes it, and never lets it
 * change a negotiation.
 */
public enum ConnectionAttribute {

    /** {@code new}: open a new connection. */
    NEW("new"),
    /** {@code existing}: keep using the existing connection. */
    EXISTING("existing");

    private final String value;

    ConnectionAttribute(String value) {
        this.value = value;
    }

    /**
     * Parses an {@code a=connection} value, ignoring case (RFC 4145 §5 defines the values as ABNF strings).
     *
     * @param value the attribute value, e.g. {@code new}
     * @return the value
     * @throws SdpNegotiationException naming the line {@code a=connection:value} and RFC 4145 §5 if {@code value}
     *                                 is {@code null} or neither {@code new} nor {@code existing}
     */
    public static ConnectionAttribute parse(String value) {
        if (value != null) {
            String lower = value.toLowerCase(Locale.ROOT);
            for (ConnectionAttribute attribute : values()) {
                if (attribute.value.equals(lower)) {
                    return attribute;
                }
            }
        }
        throw new SdpNegotiationException("a=connection must be new or existing",
                value == null ? "a=connection" : "a=connection:" + value, "RFC 4145 §5");
    }

    /**
     * Returns the attribute value.
     *
     * @return {@code new} or {@code existing}
     */
    @Override
    public String toString() {
        return value;
    }
}
