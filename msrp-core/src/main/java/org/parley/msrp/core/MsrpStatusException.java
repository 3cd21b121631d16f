package org.parley.msrp.core;

import org.parley.msrp.core.codec.MsrpStatus;

import java.util.Objects;

/**
 * The peer refused a message: it answered a chunk with an error response, or sent a failure REPORT (RFC 4975 §7.2,
 * §7.1.4). {@link #status()} says why, for example 413 when the receiver wants no more of the message (§10.5), 415
 * for a content type it does not accept (§10.6) or 481 when it knows no such session (§10.8).
 */
public class MsrpStatusException extends MsrpException {

    private static final long serialVersionUID = 1L;

    private final transient MsrpStatus status;
    /** True when the status came in a failure REPORT, false when it came in a transaction response. */
    private final boolean fromReport;

    /**
     * Creates the exception.
     *
     * @param status the error status received
     * @param fromReport whether it came in a REPORT rather than a transaction response
     * @param messageId the Message-ID of the refused message
     */
    public MsrpStatusException(MsrpStatus status, boolean fromReport, String messageId) {
        super("message " + messageId + " refused by the peer with " + Objects.requireNonNull(status, "status")
                + (fromReport ? " in a REPORT" : ""));
        this.status = status;
        this.fromReport = fromReport;
    }

    /**
     * Returns the error status.
     *
     * @return the status the peer sent
     */
    public MsrpStatus status() {
        return status;
    }

    /**
     * Tells where the status came from.
     *
     * @return true for a failure REPORT, false for a transaction response
     */
    public boolean fromReport() {
        return fromReport;
    }
}
