package org.parley.msrp.core;

/**
 * No response to a SEND, or no success REPORT for a message, arrived within the session's transaction timeout (RFC
 * 4975 §7.1: 30 seconds by default; treated as a 408). The message may still have been delivered: only its
 * confirmation is missing.
 */
public class MsrpTransactionTimeoutException extends MsrpException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was waited for, and how long
     */
    public MsrpTransactionTimeoutException(String message) {
        super(message);
    }
}
