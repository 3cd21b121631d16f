package org.parley.msrp.examples;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import org.parley.msrp.core.codec.ContinuationFlag;
import org.parley.msrp.core.codec.FullMsrpFrame;
import org.parley.msrp.core.codec.MsrpFrameAggregator;
import org.parley.msrp.core.codec.MsrpFrameCodec;
import org.parley.msrp.core.codec.MsrpHeaderNames;
import org.parley.msrp.core.codec.MsrpHeaders;
import org.parley.msrp.core.codec.MsrpIdentifiers;
import org.parley.msrp.core.codec.MsrpMethod;
import org.parley.msrp.core.codec.MsrpRequestHead;
import org.parley.msrp.core.codec.MsrpResponseHead;
import org.parley.msrp.core.codec.MsrpStatus;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Parley's frame codec in a Netty pipeline of your own, without the session engine: a tiny MSRP responder that
 * answers every SEND with 200 (or 400 when a frame does not decode), and a client that sends one SEND and prints the
 * response. Both pipelines are {@link MsrpFrameCodec} (bytes to frame pieces and back) and {@link MsrpFrameAggregator}
 * (pieces to whole frames of at most 64 KiB), then a handler.
 */
public final class CodecOnlyPipeline {

    private static final int MAX_BODY = 64 * 1024;

    private CodecOnlyPipeline() {
    }

    /**
     * Runs the responder and the client on loopback.
     *
     * @param args ignored
     * @throws Exception if a step fails or times out
     */
    public static void main(String[] args) throws Exception {
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try {
            Channel server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new MsrpFrameCodec(), new MsrpFrameAggregator(MAX_BODY),
                                    new Responder());
                        }
                    }).bind("127.0.0.1", 0).sync().channel();
            int port = ((InetSocketAddress) server.localAddress()).getPort();

            CompletableFuture<MsrpResponseHead> response = new CompletableFuture<>();
            Channel client = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel channel) {
                            channel.pipeline().addLast(new MsrpFrameCodec(), new MsrpFrameAggregator(MAX_BODY),
                                    new SimpleChannelInboundHandler<FullMsrpFrame>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, FullMsrpFrame frame) {
                                            if (frame.head() instanceof MsrpResponseHead head) {
                                                response.complete(head);
                                            }
                                        }
                                    });
                        }
                    }).connect("127.0.0.1", port).sync().channel();

            MsrpHeaders headers = new MsrpHeaders()
                    .add(MsrpHeaderNames.TO_PATH, "msrp://127.0.0.1:" + port + "/responder;tcp")
                    .add(MsrpHeaderNames.FROM_PATH, "msrp://127.0.0.1:9/client;tcp")
                    .add(MsrpHeaderNames.MESSAGE_ID, MsrpIdentifiers.newMessageId())
                    .add(MsrpHeaderNames.BYTE_RANGE, "1-5/5")
                    .add(MsrpHeaderNames.CONTENT_TYPE, "text/plain");
            client.writeAndFlush(new FullMsrpFrame(
                    new MsrpRequestHead(MsrpIdentifiers.newTransactionId(), MsrpMethod.SEND, headers),
                    Unpooled.copiedBuffer("hello", StandardCharsets.UTF_8), ContinuationFlag.COMPLETE));
            MsrpResponseHead head = response.get(10, TimeUnit.SECONDS);
            System.out.println("client: response " + head.status().code() + " " + head.status().comment()
                    + " for transaction " + head.transactionId());
            client.close().sync();
            server.close().sync();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** Answers each request: 400 when it did not decode, 200 otherwise (RFC 4975 §7.2 puts the paths back). */
    private static final class Responder extends SimpleChannelInboundHandler<FullMsrpFrame> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullMsrpFrame frame) {
            if (!(frame.head() instanceof MsrpRequestHead request)) {
                return;
            }
            boolean decoded = frame.decoderResult().isSuccess() && request.decoderResult().isSuccess();
            if (decoded) {
                System.out.println("responder: " + request.method() + " " + request.transactionId() + " with "
                        + frame.content().readableBytes() + " bytes: " + frame.content().toString(StandardCharsets.UTF_8));
            }
            MsrpStatus status = decoded ? MsrpStatus.OK : MsrpStatus.BAD_REQUEST;
            ctx.writeAndFlush(new FullMsrpFrame(MsrpResponseHead.forRequest(request, status),
                    ContinuationFlag.COMPLETE));
        }
    }
}
