package org.parley.msrp.core.codec;

import io.netty.channel.CombinedChannelDuplexHandler;

/**
 * The MSRP decoder and encoder in one handler. Both ends of an MSRP connection send requests and responses (RFC
 * 4975 §5.3), so a pipeline needs both directions; add this once per connection.
 */
public final class MsrpFrameCodec extends CombinedChannelDuplexHandler<MsrpFrameDecoder, MsrpFrameEncoder> {

    /** Creates a codec whose decoder uses {@link MsrpDecoderConfig#DEFAULT}. */
    public MsrpFrameCodec() {
        this(MsrpDecoderConfig.DEFAULT);
    }

    /**
     * Creates a codec.
     *
     * @param config the decoder's limits
     */
    public MsrpFrameCodec(MsrpDecoderConfig config) {
        super(new MsrpFrameDecoder(config), new MsrpFrameEncoder());
    }
}
