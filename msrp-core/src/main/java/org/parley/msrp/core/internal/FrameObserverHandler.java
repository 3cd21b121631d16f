package org.parley.msrp.core.internal;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import org.parley.msrp.core.MsrpConnection;
import org.parley.msrp.core.MsrpFrameObserver;
import org.parley.msrp.core.MsrpFrameObserver.Direction;
import org.parley.msrp.core.codec.MsrpFrameObject;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Shows the frame pieces passing between the codec and the connection to a {@link MsrpFrameObserver}. */
final class FrameObserverHandler extends ChannelDuplexHandler {

    private static final Logger log = LoggerFactory.getLogger(FrameObserverHandler.class);

    private final MsrpFrameObserver observer;
    private final MsrpConnection connection;

    FrameObserverHandler(MsrpFrameObserver observer, MsrpConnection connection) {
        this.observer = observer;
        this.connection = connection;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        show(Direction.INBOUND, msg);
        ctx.fireChannelRead(msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        show(Direction.OUTBOUND, msg);
        ctx.write(msg, promise);
    }

    private void show(Direction direction, Object msg) {
        if (msg instanceof MsrpFrameObject piece) {
            try {
                observer.onFrame(connection, direction, piece);
            } catch (RuntimeException e) {
                log.warn("The MSRP frame observer failed on {}; the frame goes on", connection, e);
            }
        }
    }
}
