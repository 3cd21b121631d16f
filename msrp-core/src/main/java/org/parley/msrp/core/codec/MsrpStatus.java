package org.parley.msrp.core.codec;

import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * An MSRP status: a namespace, a three-digit status code and an optional comment (RFC 4975 §10).
 *
 * <p>A response start line carries {@code status-code [SP comment]} (§9 {@code resp-start}); the {@code Status}
 * header of a REPORT carries {@code namespace SP status-code [SP comment]} (§9 {@code Status}), where namespace
 * {@code 000} holds the codes of RFC 4975 and its extensions. The constants here are the codes of RFC 4975 §10 and
 * of RFC 4976 §10.3, in namespace 000, with a reason phrase as their comment.
 *
 * <p>{@link #equals(Object)} and {@link #hashCode()} consider only the namespace and the code: the comment is
 * free text for humans, so {@code 000 200 OK} equals {@code 000 200 Done}. Instances are immutable and thread-safe.
 */
public final class MsrpStatus {

    /** 200: the transaction succeeded (RFC 4975 §10.1). */
    public static final MsrpStatus OK = new MsrpStatus(0, 200, "OK");

    /** 400: the request was unintelligible; it may be retried once corrected (RFC 4975 §10.2). */
    public static final MsrpStatus BAD_REQUEST = new MsrpStatus(0, 400, "Bad Request");

    /** 401: an AUTH request had no, expired or invalid credentials (RFC 4976 §10.3). */
    public static final MsrpStatus UNAUTHORIZED = new MsrpStatus(0, 401, "Unauthorized");

    /** 403: the attempted action is not allowed and should not be retried (RFC 4975 §10.3). */
    public static final MsrpStatus FORBIDDEN = new MsrpStatus(0, 403, "Forbidden");

    /**
     * 408: a downstream transaction did not complete in time; an endpoint treats it like a local timeout
     * (RFC 4975 §10.4).
     */
    public static final MsrpStatus REQUEST_TIMEOUT = new MsrpStatus(0, 408, "Request Timeout");

    /**
     * 413: the receiver wants the sender to stop sending this message; the sender must send no further chunks with
     * the same Message-ID and must interrupt a chunk in progress (RFC 4975 §10.5). Despite the HTTP heritage of the
     * number it is not about size.
     */
    public static final MsrpStatus STOP_SENDING_MESSAGE = new MsrpStatus(0, 413, "Stop Sending Message");

    /**
     * 415: the media type of the SEND request is not understood; the sender should not use that type again in the
     * session (RFC 4975 §10.6).
     */
    public static final MsrpStatus UNSUPPORTED_MEDIA_TYPE = new MsrpStatus(0, 415, "Unsupported Media Type");

    /**
     * 423: a requested parameter is out of bounds (RFC 4975 §10.7); RFC 4976 §4.6 sends it when an AUTH request
     * asks for an Expires value outside the relay's limits.
     */
    public static final MsrpStatus INTERVAL_OUT_OF_BOUNDS = new MsrpStatus(0, 423, "Interval Out-of-Bounds");

    /** 481: the indicated session does not exist; the sender should end the session (RFC 4975 §10.8). */
    public static final MsrpStatus NO_SUCH_SESSION = new MsrpStatus(0, 481, "No Such Session");

    /** 501: the recipient does not understand the request method (RFC 4975 §10.9). */
    public static final MsrpStatus NOT_IMPLEMENTED = new MsrpStatus(0, 501, "Not Implemented");

    /**
     * 506: the request arrived on a session already bound to another connection; the sender should stop sending
     * for that session on this connection (RFC 4975 §10.10).
     */
    public static final MsrpStatus SESSION_ALREADY_BOUND = new MsrpStatus(0, 506, "Session Already Bound");

    private static final String HEADER = "Status";

    private static final Map<Integer, MsrpStatus> KNOWN = Stream.of(OK, BAD_REQUEST, UNAUTHORIZED, FORBIDDEN,
                    REQUEST_TIMEOUT, STOP_SENDING_MESSAGE, UNSUPPORTED_MEDIA_TYPE, INTERVAL_OUT_OF_BOUNDS,
                    NO_SUCH_SESSION, NOT_IMPLEMENTED, SESSION_ALREADY_BOUND)
            .collect(Collectors.toUnmodifiableMap(MsrpStatus::code, Function.identity()));

    private final int namespace;
    private final int code;
    private final String comment;

    private MsrpStatus(int namespace, int code, String comment) {
        this.namespace = namespace;
        this.code = code;
        this.comment = comment;
    }

    /**
     * Returns the status for a code in namespace 000: one of the constants of this class (with its reason phrase)
     * when the code is one of theirs, otherwise a new status without a comment.
     *
     * @param code the status code, 100 to 999
     * @return the status
     * @throws IllegalArgumentException if {@code code} is not in 100..999
     */
    public static MsrpStatus valueOf(int code) {
        checkCode(code);
        MsrpStatus known = KNOWN.get(code);
        return known != null ? known : new MsrpStatus(0, code, null);
    }

    /**
     * Creates a status.
     *
     * @param namespace the namespace, 0 to 999 (0 is written {@code 000} and holds the RFC 4975 codes)
     * @param code      the status code, 100 to 999 (three digits with a non-zero first digit)
     * @param comment   free text for humans, or {@code null} for none; the empty string also means none. It may
     *                  hold any characters except control characters other than horizontal tab (§9
     *                  {@code utf8text}), since a line break would end the start line or header
     * @return the status
     * @throws IllegalArgumentException if {@code namespace} or {@code code} is out of range, or the comment holds a
     *                                  forbidden character
     */
    public static MsrpStatus of(int namespace, int code, String comment) {
        if (namespace < 0 || namespace > 999) {
            throw new IllegalArgumentException("Invalid MSRP status namespace " + namespace + ": not in 0..999");
        }
        checkCode(code);
        return new MsrpStatus(namespace, code, checkComment(comment));
    }

    /**
     * Parses a {@code Status} header value (RFC 4975 §9 {@code namespace SP status-code [SP comment]}), such as
     * {@code 000 200 OK} or {@code 000 413}. The comment is everything after the space that follows the code; a
     * value ending in that space has no comment.
     *
     * @param value the header value, without the header name and the space after the colon
     * @return the status; its comment is exactly the comment in {@code value}, or {@code null} if there is none
     * @throws InvalidMsrpHeaderException with header name {@code Status} if {@code value} is {@code null} or not
     *                                    {@code 3DIGIT SP 3DIGIT [SP comment]}, if the code is below 100, or if
     *                                    the comment holds a control character other than horizontal tab
     */
    public static MsrpStatus parseHeader(String value) {
        if (value == null) {
            throw new InvalidMsrpHeaderException(HEADER, null, "value is missing");
        }
        if (value.length() < 3 || !isThreeDigits(value, 0)) {
            throw new InvalidMsrpHeaderException(HEADER, value, "namespace is not three digits");
        }
        if (value.length() < 4 || value.charAt(3) != ' ') {
            throw new InvalidMsrpHeaderException(HEADER, value, "missing space after namespace");
        }
        if (value.length() < 7 || !isThreeDigits(value, 4)) {
            throw new InvalidMsrpHeaderException(HEADER, value, "status-code is not three digits");
        }
        if (value.length() > 7 && value.charAt(7) != ' ') {
            throw new InvalidMsrpHeaderException(HEADER, value, "missing space between status-code and comment");
        }
        int code = Integer.parseInt(value, 4, 7, 10);
        if (code < 100) {
            throw new InvalidMsrpHeaderException(HEADER, value, "status-code " + value.substring(4, 7)
                    + " is not in 100..999");
        }
        String comment = value.length() > 8 ? value.substring(8) : null;
        if (comment != null && firstControlCharacter(comment) >= 0) {
            throw new InvalidMsrpHeaderException(HEADER, value, "comment contains a control character");
        }
        return new MsrpStatus(Integer.parseInt(value, 0, 3, 10), code, comment);
    }

    /**
     * Returns the namespace.
     *
     * @return 0 to 999; 0 (written {@code 000}) for the codes of RFC 4975
     */
    public int namespace() {
        return namespace;
    }

    /**
     * Returns the status code.
     *
     * @return 100 to 999
     */
    public int code() {
        return code;
    }

    /**
     * Returns the comment, free text for humans such as a reason phrase.
     *
     * @return the comment, or {@code null} if there is none
     */
    public String comment() {
        return comment;
    }

    /**
     * Tells whether the code is in the 2xx class, meaning success.
     *
     * @return {@code true} if the code is 200 to 299
     */
    public boolean isSuccess() {
        return code >= 200 && code <= 299;
    }

    /**
     * Returns a status with the same namespace and code and another comment.
     *
     * @param comment the new comment, or {@code null} (or the empty string) for none; see
     *                {@link #of(int, int, String)} for the allowed characters
     * @return the status; equal to this one, as equality ignores the comment
     * @throws IllegalArgumentException if the comment holds a control character other than horizontal tab
     */
    public MsrpStatus withComment(String comment) {
        return new MsrpStatus(namespace, code, checkComment(comment));
    }

    /**
     * Formats the status as a {@code Status} header value: the namespace as three digits, a space, the code and,
     * if there is a comment, a space and the comment; for example {@code 000 200 OK} or {@code 000 413}.
     *
     * @return the header value; {@link #parseHeader(String)} of it returns a status with the same parts
     */
    public String toHeaderValue() {
        String head = String.format("%03d %d", namespace, code);
        return comment == null ? head : head + ' ' + comment;
    }

    /**
     * Compares namespace and code; the comment is ignored.
     *
     * @param o the other object
     * @return {@code true} if {@code o} is an {@code MsrpStatus} with the same namespace and code
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof MsrpStatus other && namespace == other.namespace && code == other.code;
    }

    /**
     * Returns a hash code built from namespace and code only, consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return namespace * 1000 + code;
    }

    /**
     * Returns the same text as {@link #toHeaderValue()}, e.g. {@code 000 200 OK}.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return toHeaderValue();
    }

    private static void checkCode(int code) {
        // §9 status-code = 3DIGIT; codes below 100 would need a leading zero, which no status class uses.
        if (code < 100 || code > 999) {
            throw new IllegalArgumentException("Invalid MSRP status code " + code + ": not in 100..999");
        }
    }

    private static String checkComment(String comment) {
        if (comment == null || comment.isEmpty()) {
            return null;
        }
        int bad = firstControlCharacter(comment);
        if (bad >= 0) {
            throw new IllegalArgumentException("Invalid MSRP status comment: control character U+"
                    + String.format("%04X", (int) comment.charAt(bad)) + " at index " + bad);
        }
        return comment;
    }

    /** §9 utf8text allows HTAB and non-control characters only; returns the index of the first other, or -1. */
    private static int firstControlCharacter(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if ((c < 0x20 && c != '\t') || c == 0x7F) {
                return i;
            }
        }
        return -1;
    }

    private static boolean isThreeDigits(String s, int from) {
        for (int i = from; i < from + 3; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }
}
