package org.parley.msrp.core.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

import java.util.Objects;

/**
 * The last piece of an MSRP frame: the final bytes of the body (possibly none) and the continuation flag of the
 * end-line (RFC 4975 §5.1). The decoder emits exactly one per frame, also for a response or a bodiless request, so
 * that a handler always learns where a frame ends and how.
 *
 * <p>A failed last piece (see {@link #decoderResult()}) means the body could not be read to its end-line, for
 * instance because the connection closed in the middle of it; its flag is then {@link ContinuationFlag#ABORTED}.
 */
public class LastMsrpContent extends MsrpContent {

    private final ContinuationFlag flag;

    /**
     * Creates a last piece with no bytes.
     *
     * @param flag the end-line's continuation flag
     */
    public LastMsrpContent(ContinuationFlag flag) {
        this(Unpooled.EMPTY_BUFFER, flag);
    }

    /**
     * Creates a last piece.
     *
     * @param content the final bytes of the body; this piece takes over the caller's reference
     * @param flag the end-line's continuation flag
     */
    public LastMsrpContent(ByteBuf content, ContinuationFlag flag) {
        super(content);
        this.flag = Objects.requireNonNull(flag, "flag");
    }

    /**
     * Returns the end-line's continuation flag.
     *
     * @return {@code $} for a complete message, {@code +} when more chunks follow, {@code #} when aborted
     */
    public ContinuationFlag flag() {
        return flag;
    }

    @Override
    public LastMsrpContent copy() {
        return replace(content().copy());
    }

    @Override
    public LastMsrpContent duplicate() {
        return replace(content().duplicate());
    }

    @Override
    public LastMsrpContent retainedDuplicate() {
        return replace(content().retainedDuplicate());
    }

    @Override
    public LastMsrpContent replace(ByteBuf content) {
        LastMsrpContent piece = new LastMsrpContent(content, flag);
        piece.setDecoderResult(decoderResult());
        return piece;
    }

    @Override
    public LastMsrpContent retain() {
        super.retain();
        return this;
    }

    @Override
    public LastMsrpContent retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public LastMsrpContent touch() {
        super.touch();
        return this;
    }

    @Override
    public LastMsrpContent touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return "LastMsrpContent[" + content().readableBytes() + " bytes, flag " + flag.symbol() + ", "
                + decoderResult() + "]";
    }
}
