package org.parley.msrp.core;

/**
 * The session was closed, or its stack shut down, before a message could be sent or confirmed; also raised for a
 * message sent on a session that is already closed, or that overflows the queue of a session that has no connection
 * yet.
 */
public class MsrpSessionClosedException extends MsrpException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message why the message could not go out
     */
    public MsrpSessionClosedException(String message) {
        super(message);
    }
}
