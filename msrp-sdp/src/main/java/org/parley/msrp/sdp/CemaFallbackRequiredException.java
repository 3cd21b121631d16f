package org.parley.msrp.sdp;

/**
 * Thrown to an offerer that signalled {@code a=msrp-cema} when the answer forces it back to the RFC 4975 connection
 * model: RFC 6714 §4.2 says such an offerer MUST send a new offer without {@code a=msrp-cema} (for example a
 * re-INVITE built with {@link MsrpOfferBuilder#cema(boolean) cema(false)}), and must not use the answer it got.
 *
 * <p>This happens when the answer has no {@code a=msrp-cema}, its c=/m= address does not match its {@code a=path}
 * (so a middlebox rewrote it) and either the offerer would become passive, or the offerer would become active while
 * one of the two sides uses a relay. {@link #rule()} names the criterion that applied.
 */
public final class CemaFallbackRequiredException extends SdpNegotiationException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param problem why the answer cannot be used, starting in lower case
     * @param line    the answer's m= line
     * @param rule    the RFC 6714 §4.2 criterion that applied
     * @throws NullPointerException if {@code problem} or {@code rule} is {@code null}
     */
    public CemaFallbackRequiredException(String problem, String line, String rule) {
        super(problem, line, rule);
    }
}
