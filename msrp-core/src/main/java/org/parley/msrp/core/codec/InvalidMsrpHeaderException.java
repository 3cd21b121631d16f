package org.parley.msrp.core.codec;

import org.parley.msrp.core.internal.UntrustedText;
import java.util.Objects;

/**
 * Thrown when the value of an MSRP header field does not match its syntax in RFC 4975 §9 (or in the extension that
 * defines the header), or when it is well-formed but describes something impossible, such as a byte range that
 * ends after the message does.
 *
 * <p>The message names the header, quotes the offending value and gives the reason, for example
 * {@code Invalid Byte-Range header "1-x/5": range-end is not a number or '*'}. Control characters in the quoted
 * value are escaped and very long values are shortened in the message, so that a hostile peer cannot forge log
 * lines through it; {@link #headerValue()} still returns the value exactly as received.
 *
 * <p>Instances are immutable.
 */
public final class InvalidMsrpHeaderException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Longest part of a value quoted in a message; the rest is replaced by "...". */
    private static final int MAX_QUOTED_LENGTH = 200;

    /** The header whose value failed, as the RFC spells it. */
    private final String headerName;
    /** The failing value exactly as received, or null if it was missing. */
    private final String headerValue;

    /**
     * Creates an exception for a malformed header value.
     *
     * @param headerName  the header name as the RFC spells it, e.g. {@code "Byte-Range"}; not {@code null}
     * @param headerValue the value that failed, exactly as received; {@code null} when the value was missing
     * @param reason      a short explanation of what is wrong, starting in lower case; not {@code null}
     * @param cause       the underlying failure, or {@code null}
     * @throws NullPointerException if {@code headerName} or {@code reason} is {@code null}
     */
    public InvalidMsrpHeaderException(String headerName, String headerValue, String reason, Throwable cause) {
        super(message(Objects.requireNonNull(headerName, "headerName"), headerValue,
                Objects.requireNonNull(reason, "reason")), cause);
        this.headerName = headerName;
        this.headerValue = headerValue;
    }

    /**
     * Creates an exception for a malformed header value without an underlying cause.
     *
     * @param headerName  the header name as the RFC spells it, e.g. {@code "Byte-Range"}; not {@code null}
     * @param headerValue the value that failed, exactly as received; {@code null} when the value was missing
     * @param reason      a short explanation of what is wrong, starting in lower case; not {@code null}
     * @throws NullPointerException if {@code headerName} or {@code reason} is {@code null}
     */
    public InvalidMsrpHeaderException(String headerName, String headerValue, String reason) {
        this(headerName, headerValue, reason, null);
    }

    /**
     * Returns the name of the header whose value is invalid.
     *
     * @return the header name, e.g. {@code "Status"}; never {@code null}
     */
    public String headerName() {
        return headerName;
    }

    /**
     * Returns the invalid value exactly as it was given, without the escaping applied in the message.
     *
     * @return the value, or {@code null} if the value was missing
     */
    public String headerValue() {
        return headerValue;
    }

    private static String message(String headerName, String headerValue, String reason) {
        return "Invalid " + headerName + " header " + UntrustedText.quote(headerValue) + ": " + reason;
    }

}
