package org.parley.msrp.core.codec;

import io.netty.handler.codec.TooLongFrameException;

/**
 * A frame body larger than an {@link MsrpFrameAggregator}'s maximum. The aggregator answers such a request with 413
 * (RFC 4975 §10.5: stop sending this message) when the request asks for error responses, and passes on the frame's
 * head with this failure and no body.
 */
public class TooLongMsrpFrameException extends TooLongFrameException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which limit was passed
     */
    public TooLongMsrpFrameException(String message) {
        super(message);
    }
}
