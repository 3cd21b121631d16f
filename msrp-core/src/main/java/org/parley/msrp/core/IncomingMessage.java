package org.parley.msrp.core;

import org.parley.msrp.core.codec.FailureReport;
import org.parley.msrp.core.codec.MsrpContentType;
import org.parley.msrp.core.codec.SuccessReport;

/**
 * A message arriving on a session, as its first chunk describes it (RFC 4975 §7.3.1). Passed to every
 * {@link MsrpSessionListener} callback about that message; after {@link MsrpSessionListener#onMessageReceived} its
 * {@link #sink()} holds the body. Read it on the session's event loop or after the callback has returned.
 */
public interface IncomingMessage {

    /**
     * Returns the session.
     *
     * @return the session the message arrives on
     */
    MsrpSession session();

    /**
     * Returns the Message-ID.
     *
     * @return the sender's message id
     */
    String messageId();

    /**
     * Returns the content type.
     *
     * @return the Content-Type of the first chunk received
     */
    MsrpContentType contentType();

    /**
     * Returns Content-Disposition.
     *
     * @return the value, or null
     */
    String contentDisposition();

    /**
     * Returns the size announced by the first chunk received.
     *
     * @return bytes, or -1 when the sender does not know yet ({@code *})
     */
    long totalSize();

    /**
     * Returns the size once the message is complete.
     *
     * @return bytes received, or -1 before completion
     */
    long size();

    /**
     * Returns the sender's Success-Report: with {@code yes}, Parley sends a success REPORT once the message is
     * complete (RFC 4975 §7.1.3).
     *
     * @return the policy
     */
    SuccessReport successReport();

    /**
     * Returns the sender's Failure-Report.
     *
     * @return the policy
     */
    FailureReport failureReport();

    /**
     * Returns the sink the application chose.
     *
     * @return the sink, or null before {@link MsrpSessionListener#onMessageStart} returned
     */
    MessageSink sink();
}
