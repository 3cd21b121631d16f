package org.parley.msrp.core;

/**
 * How a session recognises its peer on a connection it did not open: the check made on the first request that names
 * the session, before the connection is bound to it (RFC 4975 §5.4; the COMEDIA draft behind RFC 6135: "the
 * legitimate TCP session MUST be authenticated by checking the From-Path and To-Path fields").
 */
public enum InboundAuthentication {

    /**
     * The request's To-Path must end with the session's URI and its From-Path must equal the peer's path from the SDP
     * ({@link MsrpSession#remotePath()}), each URI compared as RFC 4975 §6.1 says. A first request for a session whose
     * remote path is not yet known (an offerer waiting for the SDP answer) is held until the path is set, then
     * checked; it is refused if the session closes first. The default.
     */
    PATHS,

    /**
     * Only the session id is checked: whoever names it in the last To-Path URI binds the session, whatever the host and
     * port around it and whatever its From-Path, which then becomes the session's remote path. The session id
     * in the URI has at least 80 random bits (RFC 4975 §14.1), so it cannot be guessed, but anyone who sees the SDP
     * or the first request (plain TCP, a logging proxy) can take the session over, and a peer that connects with the
     * wrong From-Path is no longer noticed. Meant for peers behind ALGs and SBCs that rewrite {@code a=path} in the
     * SDP but not the paths inside MSRP.
     */
    SESSION_ID
}
