package org.parley.msrp.core.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderResult;
import io.netty.handler.codec.MessageToMessageDecoder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;

/**
 * Joins the pieces a {@link MsrpFrameDecoder} emits into one {@link FullMsrpFrame} per frame, for applications that
 * prefer whole small frames to streamed bodies. Place it after a {@link MsrpFrameCodec}.
 *
 * <p>A frame whose body grows beyond {@code maxContentLength} is not buffered further. If it is a request that asks
 * for error responses (Failure-Report {@code yes} or {@code partial}, RFC 4975 §7.2), the aggregator answers it with
 * 413, which tells the sender to stop sending the message (RFC 4975 §10.5). Either way it passes on a
 * {@link FullMsrpFrame} with the frame's head, no body, flag {@link ContinuationFlag#ABORTED} and a failed decoder
 * result whose cause is a {@link TooLongMsrpFrameException}, and drops the rest of that frame's body.
 *
 * <p>Failed pieces from the decoder become failed full frames with the same cause. An instance keeps per-connection
 * state and cannot be shared.
 */
public final class MsrpFrameAggregator extends MessageToMessageDecoder<MsrpFrameObject> {

    /** The body limit used by {@link #MsrpFrameAggregator()}: RFC 4975 §7.1's limit for non-SEND bodies. */
    public static final int DEFAULT_MAX_CONTENT_LENGTH = 10240;

    private static final Logger log = LoggerFactory.getLogger(MsrpFrameAggregator.class);

    private final int maxContentLength;
    private MsrpFrameHead head;
    private CompositeByteBuf body;
    private boolean discarding;

    /** Creates an aggregator with a body limit of {@value #DEFAULT_MAX_CONTENT_LENGTH} bytes. */
    public MsrpFrameAggregator() {
        this(DEFAULT_MAX_CONTENT_LENGTH);
    }

    /**
     * Creates an aggregator.
     *
     * @param maxContentLength the largest body it buffers, in bytes; at least 0
     */
    public MsrpFrameAggregator(int maxContentLength) {
        super(MsrpFrameObject.class);
        if (maxContentLength < 0) {
            throw new IllegalArgumentException("maxContentLength must be at least 0: " + maxContentLength);
        }
        this.maxContentLength = maxContentLength;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, MsrpFrameObject msg, List<Object> out) {
        if (msg instanceof FullMsrpFrame) {
            out.add(((FullMsrpFrame) msg).retain());
        } else if (msg instanceof MsrpFrameHead) {
            startFrame((MsrpFrameHead) msg, out);
        } else if (msg instanceof MsrpContent) {
            addContent(ctx, (MsrpContent) msg, out);
        }
    }

    private void startFrame(MsrpFrameHead frameHead, List<Object> out) {
        if (head != null || discarding) {
            throw new IllegalStateException("MSRP frame head " + frameHead.transactionId()
                    + " arrived before the last piece of the previous frame");
        }
        if (frameHead.decoderResult().isFailure()) {
            out.add(new FullMsrpFrame(frameHead, ContinuationFlag.ABORTED));
            return;
        }
        head = frameHead;
        body = Unpooled.compositeBuffer(64);
    }

    private void addContent(ChannelHandlerContext ctx, MsrpContent piece, List<Object> out) {
        boolean last = piece instanceof LastMsrpContent;
        if (discarding) {
            discarding = !last;
            return;
        }
        if (head == null) {
            throw new IllegalStateException("MSRP body piece arrived without a frame head");
        }
        if (piece.decoderResult().isFailure()) {
            fail(out, piece.decoderResult());
            return;
        }
        ByteBuf bytes = piece.content();
        if (body.readableBytes() + (long) bytes.readableBytes() > maxContentLength) {
            refuseOversized(ctx);
            fail(out, DecoderResult.failure(new TooLongMsrpFrameException("body of MSRP transaction "
                    + head.transactionId() + " is longer than " + maxContentLength + " bytes")));
            discarding = !last;
            return;
        }
        if (bytes.isReadable()) {
            body.addComponent(true, bytes.retain());
        }
        if (last) {
            out.add(new FullMsrpFrame(head, body, ((LastMsrpContent) piece).flag()));
            head = null;
            body = null;
        }
    }

    /** RFC 4975 §7.2: 413 goes out unless the request asked for no error responses. */
    private void refuseOversized(ChannelHandlerContext ctx) {
        if (!(head instanceof MsrpRequestHead)) {
            return;
        }
        MsrpRequestHead request = (MsrpRequestHead) head;
        try {
            if (request.headers().failureReport() == FailureReport.NO) {
                return;
            }
            ctx.writeAndFlush(new FullMsrpFrame(
                    MsrpResponseHead.forRequest(request, MsrpStatus.STOP_SENDING_MESSAGE), ContinuationFlag.COMPLETE))
                    .addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        } catch (IllegalArgumentException e) {
            log.warn("Cannot answer oversized MSRP transaction {} with 413: {}", request.transactionId(),
                    e.getMessage());
        }
    }

    private void fail(List<Object> out, DecoderResult result) {
        FullMsrpFrame failed = new FullMsrpFrame(head, ContinuationFlag.ABORTED);
        failed.setDecoderResult(result);
        out.add(failed);
        body.release();
        body = null;
        head = null;
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) throws Exception {
        releaseBody();
        super.handlerRemoved(ctx);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        releaseBody();
        super.channelInactive(ctx);
    }

    private void releaseBody() {
        if (body != null) {
            body.release();
            body = null;
        }
        head = null;
        discarding = false;
    }
}
