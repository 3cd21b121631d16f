package org.parley.msrp.sdp;

import java.util.Locale;
import java.util.Optional;

/**
 * The value of the COMEDIA {@code a=connection} attribute (RFC 4145 §5): whether an SDP exchange asks for a new
 * transport connection or keeps the existing one.
 *
 * <p>MSRP does not use it: RFC 6135 §4.4 says an MSRP endpoint MUST NOT send it and MUST ignore a received one,
 * because RFC 4975 §5.4 has its own rules for reusing connections. Parley never writes it and never lets it change a
 * negotiation; {@link MsrpMediaDescription#connection()} shows what a peer sent, and an unknown value or a repeated
 * line is no error there.
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
        return find(value).orElseThrow(() -> new SdpNegotiationException("a=connection must be new or existing",
                value == null ? "a=connection" : "a=connection:" + value, "RFC 4145 §5"));
    }

    /**
     * Looks up an {@code a=connection} value, ignoring case, without failing: a received value that MSRP must ignore
     * anyway (RFC 6135 §4.4) need not be valid.
     *
     * @param value the attribute value, e.g. {@code new}; may be {@code null}
     * @return the value, or empty if {@code value} is {@code null} or neither {@code new} nor {@code existing}
     */
    public static Optional<ConnectionAttribute> find(String value) {
        if (value != null) {
            String lower = value.toLowerCase(Locale.ROOT);
            for (ConnectionAttribute attribute : values()) {
                if (attribute.value.equals(lower)) {
                    return Optional.of(attribute);
                }
            }
        }
        return Optional.empty();
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
