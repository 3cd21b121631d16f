package org.parley.msrp.core.codec;

import io.netty.handler.codec.CorruptedFrameException;

/**
 * The bytes received are not an MSRP frame as RFC 4975 §9 defines it: a bad start line, header line, method,
 * status code or end-line, an LF without CR, or a request without To-Path or From-Path. The decoder puts this cause
 * on the failed piece's decoder result; a session answers 400 when it knows the transaction id (RFC 4975 §10.2).
 */
public class MalformedMsrpFrameException extends CorruptedFrameException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong, quoting the offending input where that helps
     */
    public MalformedMsrpFrameException(String message) {
        super(message);
    }
}
