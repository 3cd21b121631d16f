package org.parley.msrp.core.internal;

import java.util.Map;
import java.util.TreeMap;

/**
 * Byte ranges of a message seen so far, merged: where chunks arrived (RFC 4975 §7.3.1 lets them arrive in any
 * order, overlapping or with gaps) or which success REPORTs covered. Not thread-safe.
 */
final class RangeSet {

    /** Start (inclusive) to end (exclusive) of disjoint, non-adjacent ranges. */
    private final TreeMap<Long, Long> ranges = new TreeMap<>();

    /** Adds {@code [start, end)}; an empty range changes nothing. */
    void add(long start, long end) {
        if (end <= start) {
            return;
        }
        Map.Entry<Long, Long> before = ranges.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
        }
        for (Map.Entry<Long, Long> next = ranges.ceilingEntry(start); next != null && next.getKey() <= end;
                next = ranges.ceilingEntry(start)) {
            end = Math.max(end, next.getValue());
            ranges.remove(next.getKey());
        }
        ranges.put(start, end);
    }

    /** Tells whether {@code [0, length)} is covered; an empty message is covered at once. */
    boolean covers(long length) {
        if (length == 0) {
            return true;
        }
        Map.Entry<Long, Long> first = ranges.firstEntry();
        return first != null && first.getKey() == 0 && first.getValue() >= length;
    }

    /** Returns how many bytes the ranges cover. */
    long coveredBytes() {
        long sum = 0;
        for (Map.Entry<Long, Long> range : ranges.entrySet()) {
            sum += range.getValue() - range.getKey();
        }
        return sum;
    }

    @Override
    public String toString() {
        return ranges.toString();
    }
}
