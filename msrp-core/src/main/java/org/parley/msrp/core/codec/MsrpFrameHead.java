package org.parley.msrp.core.codec;

import io.netty.handler.codec.DecoderResult;

import java.util.Objects;

/**
 * The start line and header fields of an MSRP frame: a {@link MsrpRequestHead} or a {@link MsrpResponseHead}. In a
 * pipeline a head is followed by zero or more {@link MsrpContent} pieces and exactly one {@link LastMsrpContent}.
 *
 * <p>A head the decoder could not read completely has a failed {@link #decoderResult()}; its
 * {@link #transactionId()} is still set when the start line's transaction id was readable, so that a session can
 * answer 400 before it closes the connection (RFC 4975 §10.2).
 */
public abstract sealed class MsrpFrameHead implements MsrpFrameObject permits MsrpRequestHead, MsrpResponseHead {

    private final String transactionId;
    private final MsrpHeaders headers;
    private DecoderResult decoderResult = DecoderResult.SUCCESS;

    MsrpFrameHead(String transactionId, MsrpHeaders headers) {
        this.transactionId = transactionId;
        this.headers = Objects.requireNonNull(headers, "headers");
    }

    static String checkTransactionId(String transactionId) {
        Objects.requireNonNull(transactionId, "transactionId");
        if (!MsrpIdentifiers.isIdent(transactionId, 1, MsrpIdentifiers.MAX_IDENT_LENGTH)) {
            throw new IllegalArgumentException("Invalid MSRP transaction id \"" + transactionId
                    + "\": an ident of 1 to " + MsrpIdentifiers.MAX_IDENT_LENGTH + " characters is required");
        }
        return transactionId;
    }

    /**
     * Returns the transaction id of the start line; the end-line repeats it (RFC 4975 §5.1).
     *
     * @return the transaction id; {@code null} only in a failed head whose start line gave none
     */
    public String transactionId() {
        return transactionId;
    }

    /**
     * Returns the header fields, in wire order.
     *
     * @return the live, mutable header list
     */
    public MsrpHeaders headers() {
        return headers;
    }

    /**
     * Tells whether this head has a body section, which RFC 4975 §7.1 ties to the presence of Content-Type: a
     * request with a body must carry it, a request without one must not. The encoder writes the blank line and the
     * CRLF before the end-line only when this is true.
     *
     * @return whether a {@code Content-Type} header is present
     */
    public boolean hasBody() {
        return headers.contains(MsrpHeaderNames.CONTENT_TYPE);
    }

    @Override
    public DecoderResult decoderResult() {
        return decoderResult;
    }

    @Override
    public void setDecoderResult(DecoderResult result) {
        this.decoderResult = Objects.requireNonNull(result, "result");
    }
}
