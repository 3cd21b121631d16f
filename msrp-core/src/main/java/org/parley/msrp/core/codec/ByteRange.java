package org.parley.msrp.core.codec;

/**
 * The value of the {@code Byte-Range} header: where the body of a SEND chunk lies in its whole message
 * (RFC 4975 §7.1.1; §9 {@code Byte-Range = range-start "-" range-end "/" total}).
 *
 * <p>Positions count octets from one, and both ends are inclusive: {@code 1-5/8} is the first five octets of an
 * eight-octet message. The end or the total may be unknown, written {@code *} and represented here by
 * {@link #UNKNOWN}: the end is unknown while a chunk may still be interrupted, the total when the sender does not
 * know the message size in advance. An empty body is the range {@code 1-0/0} (§7.1.1), so an end of
 * {@code start - 1} denotes an empty range.
 *
 * <p>Every instance satisfies {@code start >= 1}; {@code end == UNKNOWN || end >= start - 1};
 * {@code total == UNKNOWN || total >= 0}; and {@code end <= total} when both are known. Instances are immutable and
 * thread-safe.
 */
public final class ByteRange {

    /** The value of {@link #end()} or {@link #total()} when the header says {@code *}. */
    public static final long UNKNOWN = -1;

    private static final String HEADER = "Byte-Range";

    private final long start;
    private final long end;
    private final long total;

    private ByteRange(long start, long end, long total) {
        this.start = start;
        this.end = end;
        this.total = total;
    }

    /**
     * Creates a byte range.
     *
     * @param start the position of the first octet of the chunk in the message, counting from 1
     * @param end   the position of the last octet of the chunk, {@code start - 1} for an empty chunk, or
     *              {@link #UNKNOWN}
     * @param total the size of the whole message in octets, or {@link #UNKNOWN}
     * @return the range
     * @throws IllegalArgumentException if {@code start < 1}; if {@code end} is neither {@link #UNKNOWN} nor at least
     *                                  {@code start - 1}; if {@code total} is neither {@link #UNKNOWN} nor
     *                                  non-negative; or if both {@code end} and {@code total} are known and
     *                                  {@code end > total}
     */
    public static ByteRange of(long start, long end, long total) {
        String problem = check(start, end, total);
        if (problem != null) {
            throw new IllegalArgumentException("Invalid byte range: " + problem);
        }
        return new ByteRange(start, end, total);
    }

    /**
     * Parses a {@code Byte-Range} header value such as {@code 1-*}{@code /8}, {@code 5-8/8} or {@code 1-25/*}
     * (RFC 4975 §9). The value must match the grammar exactly: no whitespace, decimal digits only, no sign. Leading
     * zeros are accepted and dropped by {@link #toHeaderValue()}.
     *
     * @param value the header value, without the header name and the space after the colon
     * @return the range
     * @throws InvalidMsrpHeaderException with header name {@code Byte-Range} if {@code value} is {@code null}, does
     *                                    not match the grammar, holds a number that does not fit in a {@code long},
     *                                    or describes an impossible range (see {@link #of(long, long, long)})
     */
    public static ByteRange parse(String value) {
        if (value == null) {
            throw new InvalidMsrpHeaderException(HEADER, null, "value is missing");
        }
        int dash = value.indexOf('-');
        if (dash < 0) {
            throw new InvalidMsrpHeaderException(HEADER, value, "missing '-' between range-start and range-end");
        }
        int slash = value.indexOf('/', dash + 1);
        if (slash < 0) {
            throw new InvalidMsrpHeaderException(HEADER, value, "missing '/' between range-end and total");
        }
        long start = number(value, 0, dash, false, "range-start");
        long end = number(value, dash + 1, slash, true, "range-end");
        long total = number(value, slash + 1, value.length(), true, "total");
        String problem = check(start, end, total);
        if (problem != null) {
            throw new InvalidMsrpHeaderException(HEADER, value, problem);
        }
        return new ByteRange(start, end, total);
    }

    /**
     * Returns the position of the first octet of the chunk in the message.
     *
     * @return the range-start, at least 1
     */
    public long start() {
        return start;
    }

    /**
     * Returns the position of the last octet of the chunk in the message.
     *
     * @return the range-end; {@code start() - 1} for an empty chunk; {@link #UNKNOWN} if the header said {@code *}
     */
    public long end() {
        return end;
    }

    /**
     * Returns the size of the whole message in octets.
     *
     * @return the total, at least 0, or {@link #UNKNOWN} if the header said {@code *}
     */
    public long total() {
        return total;
    }

    /**
     * Tells whether the range-end is known.
     *
     * @return {@code true} unless {@link #end()} is {@link #UNKNOWN}
     */
    public boolean isEndKnown() {
        return end != UNKNOWN;
    }

    /**
     * Tells whether the total message size is known.
     *
     * @return {@code true} unless {@link #total()} is {@link #UNKNOWN}
     */
    public boolean isTotalKnown() {
        return total != UNKNOWN;
    }

    /**
     * Formats the range as a {@code Byte-Range} header value, writing {@code *} for unknown parts, e.g.
     * {@code 1-*}{@code /8}, {@code 5-8/8} or {@code 1-25/*}.
     *
     * @return the header value; {@link #parse(String)} of it returns an equal range
     */
    public String toHeaderValue() {
        return start + "-" + (end == UNKNOWN ? "*" : Long.toString(end)) + "/"
                + (total == UNKNOWN ? "*" : Long.toString(total));
    }

    /**
     * Compares start, end and total.
     *
     * @param o the other object
     * @return {@code true} if {@code o} is a {@code ByteRange} with the same start, end and total
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof ByteRange other && start == other.start && end == other.end && total == other.total;
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Long.hashCode(start) * 961 + Long.hashCode(end) * 31 + Long.hashCode(total);
    }

    /**
     * Returns the same text as {@link #toHeaderValue()}.
     *
     * @return the header value
     */
    @Override
    public String toString() {
        return toHeaderValue();
    }

    /** Returns why the three values cannot form a range, or null if they can. */
    private static String check(long start, long end, long total) {
        if (start < 1) {
            // §7.1.1: the first octet has position one, even for an empty body ("1-0/0").
            return "range-start " + start + " is less than 1";
        }
        if (end != UNKNOWN && end < start - 1) {
            // end == start - 1 is the empty range; anything lower would have a negative length.
            return "range-end " + end + " is less than range-start minus one (" + (start - 1) + ")";
        }
        if (total != UNKNOWN && total < 0) {
            return "total " + total + " is negative";
        }
        if (end != UNKNOWN && total != UNKNOWN && end > total) {
            return "range-end " + end + " is greater than total " + total;
        }
        return null;
    }

    /** Parses value[from, to) as 1*DIGIT, or "*" when allowed (returning UNKNOWN). */
    private static long number(String value, int from, int to, boolean starAllowed, String part) {
        if (starAllowed && to - from == 1 && value.charAt(from) == '*') {
            return UNKNOWN;
        }
        String expected = starAllowed ? " is not a number or '*'" : " is not a number";
        if (from == to) {
            throw new InvalidMsrpHeaderException(HEADER, value, part + expected);
        }
        long result = 0;
        for (int i = from; i < to; i++) {
            char c = value.charAt(i);
            // ASCII digits only: Character.digit and Long.parseLong would also take '+' and non-ASCII digits.
            if (c < '0' || c > '9') {
                throw new InvalidMsrpHeaderException(HEADER, value, part + expected);
            }
            if (result > (Long.MAX_VALUE - (c - '0')) / 10) {
                throw new InvalidMsrpHeaderException(HEADER, value, part + " does not fit in a 64-bit integer");
            }
            result = result * 10 + (c - '0');
        }
        return result;
    }
}
