package org.parley.msrp.core;

/**
 * The base of every exception Parley's session API reports, usually as the cause with which a
 * {@link java.util.concurrent.CompletableFuture} fails.
 */
public class MsrpException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     */
    public MsrpException(String message) {
        super(message);
    }

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     * @param cause what caused it
     */
    public MsrpException(String message, Throwable cause) {
        super(message, cause);
    }
}
