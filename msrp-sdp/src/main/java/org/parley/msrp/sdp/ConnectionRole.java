package org.parley.msrp.sdp;

/**
 * What the local endpoint does about the MSRP transport connection once an offer and an answer are exchanged: the
 * outcome of COMEDIA (RFC 6135 §4.2), or of the RFC 4975 §5.4 default (the offerer connects) with a peer that does
 * not use COMEDIA.
 */
public enum ConnectionRole {

    /**
     * The endpoint is active: it opens the TCP (and TLS, as the TLS client, RFC 6135 §6) connection to the address in
     * {@link NegotiationOutcome#dialAddress()} and at once sends a SEND, with a body or without, to bind the
     * connection to the session (RFC 4975 §5.4).
     */
    CONNECT,

    /**
     * The endpoint is passive: it waits for the peer's connection and binds it when the first request arrives, whose
     * To-Path is the local URI and whose From-Path must match {@link NegotiationOutcome#remotePath()} (RFC 4975
     * §5.4, §7.3).
     */
    ACCEPT
}
