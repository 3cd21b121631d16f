package org.parley.msrp.core;

import io.netty.channel.Channel;

import java.util.concurrent.CompletableFuture;

/**
 * Secures MSRP connections, for example with TLS ({@code msrps}, RFC 4975 §14): adds its handlers to a new
 * connection's pipeline in front of the MSRP codec, and tells when the connection may carry MSRP. The
 * {@code msrp-tls} module implements it; pass it to {@link MsrpStack#listen(java.net.InetSocketAddress,
 * ConnectionSecurity)} and {@link MsrpStack#connect(java.net.InetSocketAddress, ConnectionSecurity)}.
 */
public interface ConnectionSecurity {

    /**
     * Adds handlers to a new connection's pipeline; the MSRP codec comes after them. Called on the channel's event
     * loop; must not block.
     *
     * @param channel the new connection
     * @param opener whether this side opened the TCP connection, and so is the TLS client (RFC 6135 §4.3)
     * @return a future that completes when the connection is secured and its peer verified, or fails with the reason
     *     (an {@link MsrpException} is passed on as it is); the connection is then closed
     */
    CompletableFuture<Void> secure(Channel channel, boolean opener);
}
