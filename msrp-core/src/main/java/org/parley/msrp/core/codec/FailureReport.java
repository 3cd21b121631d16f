package org.parley.msrp.core.codec;

/**
 * The values of the {@code Failure-Report} header (RFC 4975 §7.1.1; §9 {@code "yes" / "no" / "partial"}): which
 * failures the sender of a request wants to hear about.
 *
 * <p>A request without the header is treated as {@link #YES} (§7.1.1), available as {@link #DEFAULT}.
 */
public enum FailureReport {

    /**
     * {@code yes}: the receiver answers with a transaction response, success or failure, and the sender runs a
     * 30-second timer for it (§7.1.1, §7.1.4).
     */
    YES("yes"),

    /**
     * {@code no}: the receiver sends neither a transaction response nor a failure REPORT (§7.1.4), and the sender
     * runs no timer.
     */
    NO("no"),

    /**
     * {@code partial}: the receiver sends no 200 response, only a non-200 response if the request fails; the sender
     * runs no timer (§7.1.1, §7.1.4).
     */
    PARTIAL("partial");

    /** The value to assume when a request has no {@code Failure-Report} header: {@link #YES} (RFC 4975 §7.1.1). */
    public static final FailureReport DEFAULT = YES;

    private static final String HEADER = "Failure-Report";

    private final String headerValue;

    FailureReport(String headerValue) {
        this.headerValue = headerValue;
    }

    /**
     * Parses a {@code Failure-Report} header value. Case is ignored, as for all tokens in RFC 4975 §9.
     *
     * @param value the header value, {@code yes}, {@code no} or {@code partial} in any case
     * @return the matching constant
     * @throws InvalidMsrpHeaderException with header name {@code Failure-Report} if {@code value} is {@code null}
     *                                    or not one of the three values
     */
    public static FailureReport parse(String value) {
        if (value != null) {
            String lower = MsrpIdentifiers.toLowerAscii(value);
            for (FailureReport candidate : values()) {
                if (candidate.headerValue.equals(lower)) {
                    return candidate;
                }
            }
        }
        throw new InvalidMsrpHeaderException(HEADER, value, "expected \"yes\", \"no\" or \"partial\"");
    }

    /**
     * Returns the value as written in the header.
     *
     * @return {@code "yes"}, {@code "no"} or {@code "partial"}
     */
    public String headerValue() {
        return headerValue;
    }
}
