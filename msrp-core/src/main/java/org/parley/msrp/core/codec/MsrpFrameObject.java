package org.parley.msrp.core.codec;

import io.netty.handler.codec.DecoderResultProvider;

/**
 * A piece of an MSRP frame as it travels through a Netty pipeline: a {@link MsrpFrameHead}, zero or more
 * {@link MsrpContent} pieces and exactly one {@link LastMsrpContent}, or a whole {@link FullMsrpFrame}.
 *
 * <p>Every piece carries a {@link io.netty.handler.codec.DecoderResult}. The {@link MsrpFrameDecoder} reports bad
 * input as a failed result on the piece it was decoding instead of throwing through the pipeline; pieces built by
 * application code have a successful result.
 */
public interface MsrpFrameObject extends DecoderResultProvider {
}
