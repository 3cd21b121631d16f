package org.parley.msrp.core.codec;

import io.netty.handler.codec.TooLongFrameException;

/**
 * Header fields beyond {@link MsrpDecoderConfig#maxHeaderSize()} bytes in all, or more than
 * {@link MsrpDecoderConfig#maxHeaderCount()} of them. The decoder fails the frame as soon as a limit is passed.
 */
public class TooLongMsrpHeaderException extends TooLongFrameException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which limit was passed
     */
    public TooLongMsrpHeaderException(String message) {
        super(message);
    }
}
