package org.parley.msrp.core.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.DefaultByteBufHolder;
import io.netty.handler.codec.DecoderResult;

import java.util.Objects;

/**
 * A piece of an MSRP frame's body. The decoder emits the body as pieces of at most
 * {@link MsrpDecoderConfig#maxChunkSize()} bytes, each a retained slice of what was read, so that a body of any size
 * streams through bounded memory. The last piece of every frame is a {@link LastMsrpContent}.
 *
 * <p>A piece owns one reference to its buffer: whoever takes it from the pipeline releases it.
 */
public class MsrpContent extends DefaultByteBufHolder implements MsrpFrameObject {

    private DecoderResult decoderResult = DecoderResult.SUCCESS;

    /**
     * Creates a body piece.
     *
     * @param content the bytes; this piece takes over the caller's reference
     */
    public MsrpContent(ByteBuf content) {
        super(content);
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
    public MsrpContent copy() {
        return replace(content().copy());
    }

    @Override
    public MsrpContent duplicate() {
        return replace(content().duplicate());
    }

    @Override
    public MsrpContent retainedDuplicate() {
        return replace(content().retainedDuplicate());
    }

    @Override
    public MsrpContent replace(ByteBuf content) {
        MsrpContent piece = new MsrpContent(content);
        piece.setDecoderResult(decoderResult);
        return piece;
    }

    @Override
    public MsrpContent retain() {
        super.retain();
        return this;
    }

    @Override
    public MsrpContent retain(int increment) {
        super.retain(increment);
        return this;
    }

    @Override
    public MsrpContent touch() {
        super.touch();
        return this;
    }

    @Override
    public MsrpContent touch(Object hint) {
        super.touch(hint);
        return this;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[" + content().readableBytes() + " bytes, " + decoderResult + "]";
    }
}
