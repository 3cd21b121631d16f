package org.parley.msrp.core;

/**
 * The connection a session uses could not be opened, or was lost or closed before a message was confirmed. Bytes
 * sent before the loss may or may not have reached the peer.
 */
public class MsrpConnectionException extends MsrpException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what happened to the connection
     * @param cause the transport's own exception, or null
     */
    public MsrpConnectionException(String message, Throwable cause) {
        super(message, cause);
    }
}
