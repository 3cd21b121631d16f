package org.parley.msrp.sdp;

/**
 * Where an active endpoint connects to when CEMA (RFC 6714) does not decide it.
 *
 * @see SdpNegotiation#withDialAddressPolicy(DialAddressPolicy)
 */
public enum DialAddressPolicy {

    /**
     * The host and port of the first URI of the peer's {@code a=path}: RFC 4975 §5.4, §8.1 and §8.3, and RFC 6135
     * §4.2.2, which makes that URI carry the real listening address. The default.
     */
    PATH,

    /**
     * The peer's c= address and m= port, as draft-denis-simple-msrp-comedia-02 prescribed: an application-layer
     * gateway that rewrites c= and m= but not {@code a=path} can then carry the connection. RFC 6714 (CEMA)
     * standardised this behind {@code a=msrp-cema}; use this policy only with peers and networks known to expect it.
     */
    CONNECTION_LINE
}
