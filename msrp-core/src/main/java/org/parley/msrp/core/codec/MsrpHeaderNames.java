package org.parley.msrp.core.codec;

/**
 * Names of the MSRP header fields Parley reads or writes, in the spelling the RFCs use. Header names are compared
 * case-insensitively ({@link MsrpHeaders}); these constants are what the encoder writes.
 */
public final class MsrpHeaderNames {

    /** {@code To-Path} (RFC 4975 §7.1): the URIs a request travels to, leftmost first. */
    public static final String TO_PATH = "To-Path";
    /** {@code From-Path} (RFC 4975 §7.1): the URIs a request came from. */
    public static final String FROM_PATH = "From-Path";
    /** {@code Message-ID} (RFC 4975 §7.1.1): identifies a message across its chunks and reports. */
    public static final String MESSAGE_ID = "Message-ID";
    /** {@code Success-Report} (RFC 4975 §7.1.1): {@code yes} or {@code no}. */
    public static final String SUCCESS_REPORT = "Success-Report";
    /** {@code Failure-Report} (RFC 4975 §7.1.1): {@code yes}, {@code no} or {@code partial}. */
    public static final String FAILURE_REPORT = "Failure-Report";
    /** {@code Byte-Range} (RFC 4975 §7.1.1): where a chunk lies in its message. */
    public static final String BYTE_RANGE = "Byte-Range";
    /** {@code Status} (RFC 4975 §7.1.2): the delivery status a REPORT carries. */
    public static final String STATUS = "Status";
    /** {@code Content-Type} (RFC 4975 §7.1): the body's media type; the last header of a request with a body. */
    public static final String CONTENT_TYPE = "Content-Type";
    /** {@code Content-ID} (RFC 2045), a MIME header allowed before Content-Type. */
    public static final String CONTENT_ID = "Content-ID";
    /** {@code Content-Description} (RFC 2045), a MIME header allowed before Content-Type. */
    public static final String CONTENT_DESCRIPTION = "Content-Description";
    /** {@code Content-Disposition} (RFC 2183), a MIME header allowed before Content-Type. */
    public static final String CONTENT_DISPOSITION = "Content-Disposition";
    /** {@code Use-Path} (RFC 4976 §4.2): the path a relay grants in its answer to AUTH. */
    public static final String USE_PATH = "Use-Path";
    /** {@code Expires} (RFC 4976 §4.6): seconds an AUTH grant lasts. */
    public static final String EXPIRES = "Expires";
    /** {@code Min-Expires} (RFC 4976 §4.6): the shortest grant a relay accepts. */
    public static final String MIN_EXPIRES = "Min-Expires";
    /** {@code Max-Expires} (RFC 4976 §4.6): the longest grant a relay accepts. */
    public static final String MAX_EXPIRES = "Max-Expires";
    /** {@code WWW-Authenticate} (RFC 4976 §4.3): a relay's Digest challenge. */
    public static final String WWW_AUTHENTICATE = "WWW-Authenticate";
    /** {@code Authorization} (RFC 4976 §4.4): a client's Digest credentials. */
    public static final String AUTHORIZATION = "Authorization";
    /** {@code Authentication-Info} (RFC 4976 §4.5): a relay's Digest response information. */
    public static final String AUTHENTICATION_INFO = "Authentication-Info";

    private MsrpHeaderNames() {
    }
}
