package org.parley.msrp.core;

import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A transport connection carrying one or more MSRP sessions (RFC 4975 §5.4): opened by {@link MsrpStack#connect},
 * or accepted by a {@link MsrpServer}. Requests arriving on it are given to the session their To-Path names.
 */
public interface MsrpConnection {

    /**
     * Returns the peer's address.
     *
     * @return the remote socket address
     */
    InetSocketAddress remoteAddress();

    /**
     * Returns the local address.
     *
     * @return the local socket address
     */
    InetSocketAddress localAddress();

    /**
     * Tells whether the connection is open.
     *
     * @return whether it can carry frames
     */
    boolean isOpen();

    /**
     * Closes the connection; every session on it ends with {@link MsrpConnectionException}.
     *
     * @return a future that completes when it is closed
     */
    CompletableFuture<Void> closeAsync();

    /**
     * Returns the certificates the peer presented, when the connection is secured with TLS.
     *
     * @return the peer's certificate chain, leaf first; empty without TLS or before the handshake is done
     */
    List<Certificate> peerCertificates();
}
