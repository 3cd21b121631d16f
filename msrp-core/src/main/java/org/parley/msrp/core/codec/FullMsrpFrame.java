package org.parley.msrp.core.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.DecoderResult;

import java.util.Objects;

/**
 * A whole MSRP frame: its head, its entire body and its end-line flag. The {@link MsrpFrameAggregator} builds these
 * from streamed pieces for applications that prefer whole small frames; the {@link MsrpFrameEncoder} writes them in
 * one go.
 *
 * <p>The frame owns one reference to its body buffer. Its {@link #decoderResult()} is the head's result, or the
 * failure that ended aggregation.
 */
public final class FullMsrpFrame extends DefaultByteBufHolder implements MsrpFrameObject {

    private final MsrpFrameHead head;
    private final ContinuationFlag flag;
    private DecoderResult decoderResult;

    /**
     * Creates a frame without a body.
     *
     * @param head the head
     * @param flag the end-line's continuation flag
     */
    public FullMsrpFrame(MsrpFrameHead head, ContinuationFlag flag) {
        this(head, Unpooled.EMPTY_BUFFER, flag);
    }

    /**
     * Creates a frame.
     *
     * @param head the head; a non-empty body requires a Content-Type header ({@link MsrpFrameHead#hasBody()})
     * @param body the body; this frame takes over the caller's reference
     * @param flag the end-line's continuation flag
     */
    public FullMsrpFrame(MsrpFrameHead head, ByteBuf body, ContinuationFlag flag) {
        super(body);
        this.head = Objects.requireNonNull(head, "head");
        this.flag = Objects.requireNonNull(flag, "flag");
        this.decoderResult = head.decoderResult();
    }

    /**
     * Returns the head.
     *
     * @return the start line and headers
     */
    public MsrpFrameHead head() {
        return head;
    }

    /**
     * Returns the end-line's continuation flag.
     *
     * @return the flag
     */
    public ContinuationFlag flag() {
        return flag;
    }

    @Override
    public DecoderResult decoderResult() {
        return decoderResult;
    }

    @Override
    public void setDecoderResult(DecoderResult result) {
        this.decoderResult = Objects.requireNonNull(result, "result");
    }

    @Override
    public FullMsrpFrame copy() {
        return replace(content().copy());
    }

    @Override
    public FullMsrpFrame duplicate() {
        return replace(content().duplicate());
    }

    @Override
    public FullMsrpFrame retainedDuplicate() {
        return replace(content().retainedDuplicate());
    }

    @Override
    public FullMsrpFrame replace(ByteBuf content) {
        FullMsrpFrame frame = new FullMsrpFrame(head, content, flag);
        frame.setDecoderResult(decoderResult);
        return frame;
    }

    @Override
    public FullMsrpFrame retain() {
        super.retain();
        return this;
    }

    @Override
    public FullMsrpFrame retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public FullMsrpFrame touch() {
        super.touch();
        return this;
    }

    @Override
    public FullMsrpFrame touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "FullMsrpFrame[" + head + ", " + content().readableBytes() + " bytes, flag " + flag.symbol() + ", "
                + decoderResult + "]";
    }
}
