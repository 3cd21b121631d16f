package org.parley.msrp.core.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import org.parley.msrp.core.ConnectionSecurity;
import org.parley.msrp.core.MsrpFrameObserver;
import org.parley.msrp.core.codec.MsrpDecoderConfig;
import org.parley.msrp.core.codec.MsrpFrameCodec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Builds the pipeline of an MSRP connection: the security handlers (TLS) if any, the frame codec, a frame observer if
 * any, then the connection's own handler.
 */
public final class MsrpChannelInitializer extends ChannelInitializer<Channel> {

    private static final Logger log = LoggerFactory.getLogger(MsrpChannelInitializer.class);

    private final MsrpDecoderConfig decoderConfig;
    private final SessionRegistry registry;
    private final Consumer<DefaultMsrpConnection> onConnection;
    private final UnboundConnections unbound;
    private final ConnectionSecurity security;
    private final MsrpFrameObserver frameObserver;
    private final boolean opener;

    /**
     * Creates the initializer.
     *
     * @param decoderConfig the decoder's limits
     * @param registry the sessions requests are delivered to
     * @param onConnection told of each connection once its pipeline is ready
     * @param unbound where accepted connections wait until they bind a session, or null for connections this side
     *     opens
     * @param security what secures the connections (TLS), or null for plain TCP
     * @param frameObserver what sees every frame piece, or null
     */
    public MsrpChannelInitializer(MsrpDecoderConfig decoderConfig, SessionRegistry registry,
                                  Consumer<DefaultMsrpConnection> onConnection, UnboundConnections unbound,
                                  ConnectionSecurity security, MsrpFrameObserver frameObserver) {
        this.decoderConfig = decoderConfig;
        this.registry = registry;
        this.onConnection = onConnection;
        this.unbound = unbound;
        this.security = security;
        this.frameObserver = frameObserver;
        this.opener = unbound == null;
    }

    @Override
    protected void initChannel(Channel channel) {
        CompletableFuture<Void> secured = CompletableFuture.completedFuture(null);
        if (security != null) {
            // The security handlers come first: no MSRP byte is read before the peer is verified (RFC 4975 §14).
            secured = security.secure(channel, opener);
            secured.whenComplete((v, e) -> {
                if (e != null) {
                    // The connection's own handler logs the TLS failure; this says only what follows from it.
                    log.debug("Closing MSRP connection {}: not secured: {}", channel, e.getMessage());
                    channel.close();
                }
            });
        }
        DefaultMsrpConnection connection = new DefaultMsrpConnection(channel, registry, secured);
        channel.pipeline().addLast("msrp-codec", new MsrpFrameCodec(decoderConfig));
        if (frameObserver != null) {
            channel.pipeline().addLast("msrp-frame-observer", new FrameObserverHandler(frameObserver, connection));
        }
        channel.pipeline().addLast("msrp-connection", connection);
        onConnection.accept(connection);
        if (unbound != null) {
            unbound.add(connection);
        }
    }

    /**
     * Returns the connection handler of a channel this initializer set up.
     *
     * @param channel the channel
     * @return its connection
     */
    public static DefaultMsrpConnection connectionOf(Channel channel) {
        return (DefaultMsrpConnection) channel.pipeline().get("msrp-connection");
    }
}
