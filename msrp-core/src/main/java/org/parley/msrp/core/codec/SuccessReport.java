package org.parley.msrp.core.codec;

/**
 * The values of the {@code Success-Report} header (RFC 4975 §7.1.1; §9 {@code "yes" / "no"}): whether the sender
 * of a SEND wants REPORT requests telling it that the message was delivered.
 *
 * <p>A SEND without the header is treated as {@link #NO} (§7.1.1), available as {@link #DEFAULT}.
 */
public enum SuccessReport {

    /** {@code yes}: the receiver sends success reports for the message (§7.1.3). */
    YES("yes"),

    /** {@code no}: no success reports are wanted. */
    NO("no");

    /** The value to assume when a SEND has no {@code Success-Report} header: {@link #NO} (RFC 4975 §7.1.1). */
    public static final SuccessReport DEFAULT = NO;

    private static final String HEADER = "Success-Report";

    private final String headerValue;

    SuccessReport(String headerValue) {
        this.headerValue = headerValue;
    }

    /**
     * Parses a {@code Success-Report} header value. Case is ignored, as for all tokens in RFC 4975 §9.
     *
     * @param value the header value, {@code yes} or {@code no} in any case
     * @return the matching constant
     * @throws InvalidMsrpHeaderException with header name {@code Success-Report} if {@code value} is {@code null}
     *                                    or neither {@code yes} nor {@code no}
     */
    public static SuccessReport parse(String value) {
        if (value != null) {
            String lower = MsrpIdentifiers.toLowerAscii(value);
            for (SuccessReport candidate : values()) {
                if (candidate.headerValue.equals(lower)) {
                    return candidate;
                }
            }
        }
        throw new InvalidMsrpHeaderException(HEADER, value, "expected \"yes\" or \"no\"");
    }

    /**
     * Returns the value as written in the header.
     *
     * @return {@code "yes"} or {@code "no"}
     */
    public String headerValue() {
        return headerValue;
    }
}
