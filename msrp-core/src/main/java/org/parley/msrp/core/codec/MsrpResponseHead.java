package org.parley.msrp.core.codec;

import java.util.List;
import java.util.Objects;

/**
 * The head of an MSRP response: {@code MSRP <transaction-id> <status-code> [<comment>]} and its header fields (RFC
 * 4975 §9 {@code resp-start}). A response has no body and always ends with {@code $} (RFC 4975 §7.2).
 */
public final class MsrpResponseHead extends MsrpFrameHead {

    private final MsrpStatus status;

    /**
     * Creates a response head with an empty header list.
     *
     * @param transactionId the transaction id of the request being answered
     * @param status the status code and optional comment; its namespace is not written on a start line
     * @throws IllegalArgumentException if the transaction id is not a valid {@code ident}
     */
    public MsrpResponseHead(String transactionId, MsrpStatus status) {
        this(transactionId, status, new MsrpHeaders());
    }

    /**
     * Creates a response head.
     *
     * @param transactionId the transaction id of the request being answered
     * @param status the status code and optional comment
     * @param headers the header fields, used as they are (not copied)
     * @throws IllegalArgumentException if the transaction id is not a valid {@code ident}
     */
    public MsrpResponseHead(String transactionId, MsrpStatus status, MsrpHeaders headers) {
        this(checkTransactionId(transactionId), Objects.requireNonNull(status, "status"), headers, true);
    }

    /**
     * The decoder passes {@code checked = false}: it reports invalid input on the decoder result instead of
     * throwing, and may leave the transaction id or status {@code null} in a failed head.
     */
    MsrpResponseHead(String transactionId, MsrpStatus status, MsrpHeaders headers, boolean checked) {
        super(transactionId, headers);
        assert !checked || (transactionId != null && status != null);
        this.status = status;
    }

    /**
     * Builds the response to a request as RFC 4975 §7.2 prescribes: the same transaction id; a To-Path that is the
     * first From-Path URI of a SEND (responses to SEND go back one hop only) or the whole From-Path of any other
     * method; and a From-Path that is the receiver's own URI, the last URI of the request's To-Path.
     *
     * @param request the request being answered; its To-Path and From-Path must be present
     * @param status the status to send
     * @return a new response head
     * @throws IllegalArgumentException if the request has no To-Path or From-Path
     * @throws InvalidMsrpHeaderException if one of them is malformed
     */
    public static MsrpResponseHead forRequest(MsrpRequestHead request, MsrpStatus status) {
        List<MsrpUri> to = request.headers().toPath();
        List<MsrpUri> from = request.headers().fromPath();
        if (to.isEmpty() || from.isEmpty()) {
            throw new IllegalArgumentException("Cannot answer request " + request.transactionId()
                    + ": it lacks To-Path or From-Path");
        }
        MsrpHeaders headers = new MsrpHeaders();
        if (MsrpMethod.SEND.equals(request.method())) {
            headers.add(MsrpHeaderNames.TO_PATH, from.get(0).toString());
        } else {
            headers.add(MsrpHeaderNames.TO_PATH, request.headers().get(MsrpHeaderNames.FROM_PATH).trim());
        }
        headers.add(MsrpHeaderNames.FROM_PATH, to.get(to.size() - 1).toString());
        return new MsrpResponseHead(request.transactionId(), status, headers);
    }

    /**
     * Returns the status of the start line. Its namespace is always 000: namespaces appear only in the Status
     * header of a REPORT.
     *
     * @return the status; {@code null} only in a failed head whose start line gave none
     */
    public MsrpStatus status() {
        return status;
    }

    @Override
    public String toString() {
        return "MsrpResponseHead[" + transactionId() + " " + status + ", " + headers() + ", " + decoderResult() + "]";
    }
}
