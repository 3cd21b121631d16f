package org.parley.msrp.core.codec;

import io.netty.handler.codec.TooLongFrameException;

/**
 * A start line longer than {@link MsrpDecoderConfig#maxStartLineLength()}. The decoder fails the frame as soon as
 * the limit is passed, without waiting for the line's CRLF.
 */
public class TooLongMsrpLineException extends TooLongFrameException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which limit was passed
     */
    public TooLongMsrpLineException(String message) {
        super(message);
    }
}
