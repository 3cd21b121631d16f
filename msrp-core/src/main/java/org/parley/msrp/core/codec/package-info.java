/**
 * The MSRP frame codec (RFC 4975 §5.1, §7.1, §9): Netty handlers that turn bytes into MSRP frames and back, for
 * applications that build their own pipeline; Parley's sessions use the same handlers.
 *
 * <p>A frame travels as a {@link org.parley.msrp.core.codec.MsrpFrameHead}, zero or more
 * {@link org.parley.msrp.core.codec.MsrpContent} pieces and one {@link org.parley.msrp.core.codec.LastMsrpContent},
 * or as one {@link org.parley.msrp.core.codec.FullMsrpFrame}. {@link org.parley.msrp.core.codec.MsrpFrameCodec}
 * decodes and encodes, within the limits of a {@link org.parley.msrp.core.codec.MsrpDecoderConfig};
 * {@link org.parley.msrp.core.codec.MsrpFrameAggregator} joins pieces into whole frames. The package also holds the
 * value types of the protocol: {@link org.parley.msrp.core.codec.MsrpUri}, headers, methods, status codes, byte
 * ranges and reports.
 *
 * <p>The decoder throws nothing through the pipeline: bad input becomes a piece whose decoder result failed, with a
 * cause such as {@link org.parley.msrp.core.codec.MalformedMsrpFrameException}. Handlers keep per-connection state
 * and cannot be shared; the value types are immutable. See {@code docs/codec.md}.
 */
package org.parley.msrp.core.codec;
