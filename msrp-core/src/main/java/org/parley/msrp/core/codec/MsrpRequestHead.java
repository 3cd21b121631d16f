package org.parley.msrp.core.codec;

import java.util.Objects;

/**
 * The head of an MSRP request: {@code MSRP <transaction-id> <method>} and its header fields (RFC 4975 §9
 * {@code req-start}).
 *
 * <p>Example: the start line {@code MSRP d93kswow SEND} with To-Path, From-Path, Message-ID, Byte-Range and
 * Content-Type headers (RFC 4975 §11.1).
 */
public final class MsrpRequestHead extends MsrpFrameHead {

    private final MsrpMethod method;

    /**
     * Creates a request head with an empty header list.
     *
     * @param transactionId the transaction id ({@code ident}, 1 to 32 characters; a sender should use 4 or more
     *     random characters, see {@link MsrpIdentifiers#newTransactionId()})
     * @param method the method
     * @throws IllegalArgumentException if the transaction id is not a valid {@code ident}
     */
    public MsrpRequestHead(String transactionId, MsrpMethod method) {
        this(transactionId, method, new MsrpHeaders());
    }

    /**
     * Creates a request head.
     *
     * @param transactionId the transaction id
     * @param method the method
     * @param headers the header fields, used as they are (not copied)
     * @throws IllegalArgumentException if the transaction id is not a valid {@code ident}
     */
    public MsrpRequestHead(String transactionId, MsrpMethod method, MsrpHeaders headers) {
        this(checkTransactionId(transactionId), Objects.requireNonNull(method, "method"), headers, true);
    }

    /**
     * The decoder passes {@code checked = false}: it reports invalid input on the decoder result instead of
     * throwing, and may leave the transaction id or method {@code null} in a failed head.
     */
    MsrpRequestHead(String transactionId, MsrpMethod method, MsrpHeaders headers, boolean checked) {
        super(transactionId, headers);
        assert !checked || (transactionId != null && method != null);
        this.method = method;
    }

    /**
     * Returns the request method.
     *
     * @return the method; {@code null} only in a failed head whose start line gave none
     */
    public MsrpMethod method() {
        return method;
    }

    @Override
    public String toString() {
        return "MsrpRequestHead[" + transactionId() + " " + method + ", " + headers() + ", " + decoderResult() + "]";
    }
}
