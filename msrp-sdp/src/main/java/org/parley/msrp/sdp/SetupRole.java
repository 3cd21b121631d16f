package org.parley.msrp.sdp;

import java.util.Locale;

/**
 * The value of the COMEDIA {@code a=setup} attribute (RFC 4145 §4), which says which endpoint opens the TCP
 * connection.
 *
 * <p>RFC 6135 §4.2 fixes how MSRP uses it: offers say {@link #ACTPASS} or {@link #ACTIVE} and never {@link #PASSIVE}
 * or {@link #HOLDCONN}; a received {@code holdconn} counts as if no {@code a=setup} were present.
 */
public enum SetupRole {

    /** {@code active}: the endpoint will open the connection; its m= port should be 9 (RFC 4145 §4.1). */
    ACTIVE("active"),
    /** {@code passive}: the endpoint will accept the connection on the address in its SDP. */
    PASSIVE("passive"),
    /** {@code actpass}: the endpoint can do either and lets the answerer choose; offers only. */
    ACTPASS("actpass"),
    /** {@code holdconn}: no connection for now; MSRP never sends it and ignores it (RFC 6135 §4.2.1). */
    HOLDCONN("holdconn");

    private final String value;

    SetupRole(String value) {
        this.value = value;
    }

    /**
     * Parses an {@code a=setup} value. Case is ignored, because RFC 4145 §4 defines the values as ABNF strings.
     *
     * @param value the attribute value, e.g. {@code actpass}
     * @return the role
     * @throws SdpNegotiationException naming the line {@code a=setup:value} and RFC 4145 §4 if {@code value} is
     *                                 {@code null} or not one of the four roles
     */
    public static SetupRole parse(String value) {
        if (value != null) {
            String lower = value.toLowerCase(Locale.ROOT);
            for (SetupRole role : values()) {
                if (role.value.equals(lower)) {
                    return role;
                }
            }
        }
        throw new SdpNegotiationException("a=setup must be active, passive, actpass or holdconn",
                value == null ? "a=setup" : "a=setup:" + value, "RFC 4145 §4");
    }

    /**
     * Tells whether an answer may carry this role in reply to an offered role, by the table of RFC 4145 §4.1:
     * {@code active} is answered with {@code passive}, {@code passive} with {@code active}, {@code actpass} with
     * either, and {@code holdconn} only with {@code holdconn}.
     *
     * @param offered the role in the offer
     * @return {@code true} if this answer role fits {@code offered}
     * @throws NullPointerException if {@code offered} is {@code null}
     */
    public boolean canAnswer(SetupRole offered) {
        return switch (offered) {
            case ACTIVE -> this == PASSIVE || this == HOLDCONN;
            case PASSIVE -> this == ACTIVE || this == HOLDCONN;
            case ACTPASS -> this != ACTPASS;
            case HOLDCONN -> this == HOLDCONN;
        };
    }

    /**
     * Returns the connection role that this setup value commits the endpoint to.
     *
     * @return {@link ConnectionRole#CONNECT} for {@link #ACTIVE}, {@link ConnectionRole#ACCEPT} for {@link #PASSIVE}
     * @throws IllegalStateException for {@link #ACTPASS} and {@link #HOLDCONN}, which commit to neither
     */
    public ConnectionRole connectionRole() {
        return switch (this) {
            case ACTIVE -> ConnectionRole.CONNECT;
            case PASSIVE -> ConnectionRole.ACCEPT;
            default -> throw new IllegalStateException("a=setup:" + value + " does not fix a connection role");
        };
    }

    /**
     * Returns the attribute value.
     *
     * @return {@code active}, {@code passive}, {@code actpass} or {@code holdconn}
     */
    @Override
    public String toString() {
        return value;
    }
}
