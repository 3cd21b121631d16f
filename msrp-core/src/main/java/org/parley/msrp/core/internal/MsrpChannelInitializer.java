package org.parley.msrp.core.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import org.parley.msrp.core.codec.MsrpDecoderConfig;
import org.parley.msrp.core.codec.MsrpFrameCodec;

import java.util.function.Consumer;

/** Builds the pipeline of an MSRP connection: the frame codec, then the connection's own handler. */
public final class MsrpChannelInitializer extends ChannelInitializer<Channel> {

    private final MsrpDecoderConfig decoderConfig;
    private final SessionRegistry registry;
    private final Consumer<DefaultMsrpConnection> onConnection;
    private final UnboundConnections unbound;

    /**
     * Creates the initializer.
     *
     * @param decoderConfig the decoder's limits
     * @param registry the sessions requests are delivered to
     * @param onConnection told of each connection once its pipeline is ready
     * @param unbound where accepted connections wait until they bind a session, or null for connections this side
     *     opens
     */
    public MsrpChannelInitializer(MsrpDecoderConfig decoderConfig, SessionRegistry registry,
                                  Consumer<DefaultMsrpConnection> onConnection, UnboundConnections unbound) {
        this.decoderConfig = decoderConfig;
        this.registry = registry;
        this.onConnection = onConnection;
        this.unbound = unbound;
    }

    @Override
    protected void initChannel(Channel channel) {
        DefaultMsrpConnection connection = new DefaultMsrpConnection(channel, registry);
        channel.pipeline().addLast("msrp-codec", new MsrpFrameCodec(decoderConfig));
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
