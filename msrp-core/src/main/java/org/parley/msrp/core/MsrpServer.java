package org.parley.msrp.core;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;

/**
 * A listening socket of a {@link MsrpStack} (see {@link MsrpStack#listen}). Each accepted connection delivers its
 * requests to the stack's sessions by To-Path (RFC 4975 §5.4, §7.3): a request for an unknown session gets 481, a
 * request for a session bound to another connection gets 506, and the first request for a session binds it to the
 * connection.
 */
public interface MsrpServer {

    /**
     * Returns the address it listens on, with the port chosen when 0 was asked.
     *
     * @return the bound address
     */
    InetSocketAddress localAddress();

    /**
     * Stops listening. Connections already accepted stay open.
     *
     * @return a future that completes when the socket is closed
     */
    CompletableFuture<Void> closeAsync();
}
