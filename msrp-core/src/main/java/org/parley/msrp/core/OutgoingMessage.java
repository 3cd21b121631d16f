package org.parley.msrp.core;

import org.parley.msrp.core.codec.FailureReport;
import org.parley.msrp.core.codec.MsrpContentType;
import org.parley.msrp.core.codec.SuccessReport;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A message to send on a {@link MsrpSession}: a content type, an optional Content-Disposition, a report policy and a
 * body. Immutable, but its {@link MessageSource} is read once: send each instance once.
 *
 * <p>The report policy decides when the send's future completes (RFC 4975 §7.1.1, §7.2):
 * <table>
 * <caption>Completion by report policy</caption>
 * <tr><th>Failure-Report</th><th>Success-Report</th><th>the future completes when</th></tr>
 * <tr><td>yes (default)</td><td>no (default)</td><td>every chunk has its 200 response</td></tr>
 * <tr><td>yes</td><td>yes</td><td>every chunk has its 200 and success REPORTs cover every byte</td></tr>
 * <tr><td>no or partial</td><td>yes</td><td>success REPORTs cover every byte</td></tr>
 * <tr><td>no or partial</td><td>no</td><td>the last byte has been written to the connection</td></tr>
 * </table>
 */
public final class OutgoingMessage {

    private final MsrpContentType contentType;
    private final String contentDisposition;
    private final SuccessReport successReport;
    private final FailureReport failureReport;
    private final MessageSource source;
    private final MsrpProgressListener progressListener;

    private OutgoingMessage(Builder builder) {
        this.contentType = builder.contentType;
        this.contentDisposition = builder.contentDisposition;
        this.successReport = builder.successReport;
        this.failureReport = builder.failureReport;
        this.source = builder.source;
        this.progressListener = builder.progressListener;
    }

    /**
     * A UTF-8 text message ({@code text/plain;charset=UTF-8}) with the default report policy.
     *
     * @param text the text
     * @return the message
     */
    public static OutgoingMessage text(String text) {
        return builder(MsrpContentType.parse("text/plain;charset=UTF-8"),
                MessageSource.of(text.getBytes(StandardCharsets.UTF_8))).build();
    }

    /**
     * A message with a body held in memory and the default report policy.
     *
     * @param contentType the media type, e.g. {@code message/cpim}
     * @param body the body; not copied
     * @return the message
     * @throws org.parley.msrp.core.codec.InvalidMsrpHeaderException if the content type is malformed
     */
    public static OutgoingMessage bytes(String contentType, byte[] body) {
        return builder(MsrpContentType.parse(contentType), MessageSource.of(body)).build();
    }

    /**
     * A message whose body is a file, streamed chunk by chunk, with the default report policy.
     *
     * @param contentType the media type
     * @param file the file
     * @return the message
     * @throws IOException if the file's size cannot be read
     */
    public static OutgoingMessage file(String contentType, Path file) throws IOException {
        return builder(MsrpContentType.parse(contentType), MessageSource.ofFile(file)).build();
    }

    /**
     * A message whose body is a stream of unknown length, with the default report policy.
     *
     * @param contentType the media type
     * @param in the stream; read on the session's event loop, it must not block for long
     * @return the message
     */
    public static OutgoingMessage stream(String contentType, InputStream in) {
        return builder(MsrpContentType.parse(contentType), MessageSource.ofStream(in)).build();
    }

    /**
     * Starts a message with every option.
     *
     * @param contentType the body's media type
     * @param source the body
     * @return a builder
     */
    public static Builder builder(MsrpContentType contentType, MessageSource source) {
        return new Builder(contentType, source);
    }

    /**
     * Returns the content type.
     *
     * @return the media type written in Content-Type
     */
    public MsrpContentType contentType() {
        return contentType;
    }

    /**
     * Returns the Content-Disposition header value.
     *
     * @return the value, or null when none is sent
     */
    public String contentDisposition() {
        return contentDisposition;
    }

    /**
     * Returns the Success-Report policy.
     *
     * @return the value sent in every chunk
     */
    public SuccessReport successReport() {
        return successReport;
    }

    /**
     * Returns the Failure-Report policy.
     *
     * @return the value sent in every chunk
     */
    public FailureReport failureReport() {
        return failureReport;
    }

    /**
     * Returns the body.
     *
     * @return the source the session reads
     */
    public MessageSource source() {
        return source;
    }

    /**
     * Returns the progress listener.
     *
     * @return the listener, or null
     */
    public MsrpProgressListener progressListener() {
        return progressListener;
    }

    /** Builds an {@link OutgoingMessage}. */
    public static final class Builder {
        private final MsrpContentType contentType;
        private final MessageSource source;
        private String contentDisposition;
        private SuccessReport successReport = SuccessReport.DEFAULT;
        private FailureReport failureReport = FailureReport.DEFAULT;
        private MsrpProgressListener progressListener;

        private Builder(MsrpContentType contentType, MessageSource source) {
            this.contentType = Objects.requireNonNull(contentType, "contentType");
            this.source = Objects.requireNonNull(source, "source");
        }

        /**
         * Sets Content-Disposition (e.g. {@code attachment; filename=report.pdf}, RFC 5547). Default: none.
         *
         * @param value the header value, or null for none
         * @return this
         * @throws IllegalArgumentException if the value holds CR or LF
         */
        public Builder contentDisposition(String value) {
            if (value != null && (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0)) {
                throw new IllegalArgumentException("Content-Disposition must not contain CR or LF: " + value);
            }
            this.contentDisposition = value;
            return this;
        }

        /**
         * Sets Success-Report. Default: {@link SuccessReport#DEFAULT} ({@code no}).
         *
         * @param value the policy
         * @return this
         */
        public Builder successReport(SuccessReport value) {
            this.successReport = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * Sets Failure-Report. Default: {@link FailureReport#DEFAULT} ({@code yes}).
         *
         * @param value the policy
         * @return this
         */
        public Builder failureReport(FailureReport value) {
            this.failureReport = Objects.requireNonNull(value, "value");
            return this;
        }

        /**
         * Sets a listener told of bytes sent and acknowledged. Default: none.
         *
         * @param listener the listener; called on the session's event loop
         * @return this
         */
        public Builder progressListener(MsrpProgressListener listener) {
            this.progressListener = listener;
            return this;
        }

        /**
         * Builds the message.
         *
         * @return the message
         */
        public OutgoingMessage build() {
            return new OutgoingMessage(this);
        }
    }
}
