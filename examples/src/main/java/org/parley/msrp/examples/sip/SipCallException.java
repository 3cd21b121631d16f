package org.parley.msrp.examples.sip;

/** A SIP call could not be made or ended: an error response, a timeout, or the stack refused a request. */
public final class SipCallException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed
     * @param cause the JAIN-SIP exception, or null
     */
    public SipCallException(String message, Throwable cause) {
        super(message, cause);
    }
}
