package org.parley.msrp.sdp;

import java.util.Locale;
import java.util.Optional;

/** The protocol field of an MSRP m= line (RFC 4975 §8.1). */
public enum MsrpTransport {

    /** {@code TCP/MSRP}: MSRP over TCP, with {@code msrp:} URIs. */
    TCP_MSRP("TCP/MSRP"),
    /** {@code TCP/TLS/MSRP}: MSRP over TLS, with {@code msrps:} URIs and usually {@code a=fingerprint} (§14.4). */
    TCP_TLS_MSRP("TCP/TLS/MSRP");

    private final String protocol;

    MsrpTransport(String protocol) {
        this.protocol = protocol;
    }

    /**
     * Returns the transport named by an m= line's protocol field. Case is ignored, so that peers writing
     * {@code tcp/msrp} are understood.
     *
     * @param protocol the protocol field, e.g. {@code TCP/TLS/MSRP}
     * @return the transport, or empty if {@code protocol} is neither MSRP transport (or is {@code null})
     */
    public static Optional<MsrpTransport> fromProtocol(String protocol) {
        if (protocol != null) {
            String upper = protocol.toUpperCase(Locale.ROOT);
            for (MsrpTransport transport : values()) {
                if (transport.protocol.equals(upper)) {
                    return Optional.of(transport);
                }
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the transport for a TLS choice.
     *
     * @param tls whether TLS is used
     * @return {@link #TCP_TLS_MSRP} for {@code true}, {@link #TCP_MSRP} for {@code false}
     */
    public static MsrpTransport of(boolean tls) {
        return tls ? TCP_TLS_MSRP : TCP_MSRP;
    }

    /**
     * Tells whether the transport is TLS.
     *
     * @return {@code true} for {@link #TCP_TLS_MSRP}
     */
    public boolean isTls() {
        return this == TCP_TLS_MSRP;
    }

    /**
     * Returns the protocol field as written in m= lines.
     *
     * @return {@code TCP/MSRP} or {@code TCP/TLS/MSRP}
     */
    public String protocol() {
        return protocol;
    }

    /**
     * Returns the same text as {@link #protocol()}.
     *
     * @return the protocol field
     */
    @Override
    public String toString() {
        return protocol;
    }
}
