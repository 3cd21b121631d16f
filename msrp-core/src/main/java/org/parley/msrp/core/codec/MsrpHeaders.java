package org.parley.msrp.core.codec;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The header fields of an MSRP frame, in the order they appear on the wire, with case-insensitive names (RFC 4975
 * §9: header names are tokens, compared case-insensitively).
 *
 * <p>Raw values are plain strings. The typed accessors ({@link #toPath()}, {@link #byteRange()}, ...) parse on each
 * call and throw {@link InvalidMsrpHeaderException} for a malformed value, so that one bad optional header surfaces
 * where it is used instead of failing the whole frame. Absent headers give {@code null}, an empty list, or the
 * RFC's default as each accessor documents.
 *
 * <p>Instances are mutable and not thread-safe, like Netty's {@code HttpHeaders}: a frame is built on one thread and
 * handed over.
 */
public final class MsrpHeaders implements Iterable<Map.Entry<String, String>> {

    private final List<String> names;
    private final List<String> values;
    /*
     * The paths are read several times per request (routing, the response, the session): the parsed lists are kept
     * with the value string they came from, and parsed again when that string is no longer the header's value.
     */
    private String toPathSource;
    private List<MsrpUri> toPath;
    private String fromPathSource;
    private List<MsrpUri> fromPath;

    /** Creates an empty header list. */
    public MsrpHeaders() {
        names = new ArrayList<>(8);
        values = new ArrayList<>(8);
    }

    /**
     * Appends a header field, keeping any earlier field of the same name.
     *
     * @param name the header name; must be a valid header name ({@code ALPHA *token})
     * @param value the value; must not contain CR or LF
     * @return this
     * @throws IllegalArgumentException if the name or value cannot be written on the wire
     */
    public MsrpHeaders add(String name, String value) {
        checkName(name);
        checkValue(name, value);
        names.add(name);
        values.add(value);
        return this;
    }

    /**
     * Sets a header field: replaces the value of the first field with this name and removes later ones, or appends
     * the field when there is none.
     *
     * @param name the header name
     * @param value the value; must not contain CR or LF
     * @return this
     * @throws IllegalArgumentException if the name or value cannot be written on the wire
     */
    public MsrpHeaders set(String name, String value) {
        checkName(name);
        checkValue(name, value);
        int first = indexOf(name);
        if (first < 0) {
            names.add(name);
            values.add(value);
            return this;
        }
        values.set(first, value);
        for (int i = names.size() - 1; i > first; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
            }
        }
        return this;
    }

    /** Appends a field without validation: the decoder has already checked the bytes it read. */
    void addDecoded(String name, String value) {
        names.add(name);
        values.add(value);
    }

    /**
     * Removes every field with this name.
     *
     * @param name the header name, any case
     * @return whether a field was removed
     */
    public boolean remove(String name) {
        boolean removed = false;
        for (int i = names.size() - 1; i >= 0; i--) {
            if (names.get(i).equalsIgnoreCase(name)) {
                names.remove(i);
                values.remove(i);
                removed = true;
            }
        }
        return removed;
    }

    /**
     * Returns the value of the first field with this name.
     *
     * @param name the header name, any case
     * @return the raw value, or {@code null} when absent
     */
    public String get(String name) {
        int i = indexOf(name);
        return i < 0 ? null : values.get(i);
    }

    /**
     * Returns the values of every field with this name, in wire order.
     *
     * @param name the header name, any case
     * @return an unmodifiable list, empty when absent
     */
    public List<String> getAll(String name) {
        List<String> all = new ArrayList<>(1);
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                all.add(values.get(i));
            }
        }
        return Collections.unmodifiableList(all);
    }

    /**
     * Tells whether a field with this name is present.
     *
     * @param name the header name, any case
     * @return whether at least one field has that name
     */
    public boolean contains(String name) {
        return indexOf(name) >= 0;
    }

    /**
     * Returns the number of fields.
     *
     * @return the count of header lines
     */
    public int size() {
        return names.size();
    }

    /**
     * Tells whether there are no fields.
     *
     * @return whether {@link #size()} is zero
     */
    public boolean isEmpty() {
        return names.isEmpty();
    }

    /**
     * Returns the name of the field at a position, as it was written.
     *
     * @param index position in wire order
     * @return the name
     * @throws IndexOutOfBoundsException if there is no such field
     */
    public String nameAt(int index) {
        return names.get(index);
    }

    /**
     * Returns the value of the field at a position.
     *
     * @param index position in wire order
     * @return the raw value
     * @throws IndexOutOfBoundsException if there is no such field
     */
    public String valueAt(int index) {
        return values.get(index);
    }

    /**
     * Iterates over the fields in wire order; the entries are read-only snapshots.
     *
     * @return an iterator of name/value pairs
     */
    @Override
    public Iterator<Map.Entry<String, String>> iterator() {
        List<Map.Entry<String, String>> entries = new ArrayList<>(names.size());
        for (int i = 0; i < names.size(); i++) {
            entries.add(new AbstractMap.SimpleImmutableEntry<>(names.get(i), values.get(i)));
        }
        return entries.iterator();
    }

    /**
     * Copies this header list.
     *
     * @return an independent copy with the same fields in the same order
     */
    public MsrpHeaders copy() {
        MsrpHeaders copy = new MsrpHeaders();
        copy.names.addAll(names);
        copy.values.addAll(values);
        return copy;
    }

    // ---- typed accessors -------------------------------------------------------------------------------------

    /**
     * Parses {@code To-Path} (RFC 4975 §9: one or more MSRP URIs separated by spaces).
     *
     * @return the URIs, leftmost (first visited) first; empty when the header is absent
     * @throws InvalidMsrpHeaderException if a URI is malformed
     */
    public List<MsrpUri> toPath() {
        String value = get(MsrpHeaderNames.TO_PATH);
        if (value == null || value != toPathSource) {
            toPath = uriList(MsrpHeaderNames.TO_PATH);
            toPathSource = value;
        }
        return toPath;
    }

    /**
     * Parses {@code From-Path} (RFC 4975 §9).
     *
     * @return the URIs, leftmost first; empty when the header is absent
     * @throws InvalidMsrpHeaderException if a URI is malformed
     */
    public List<MsrpUri> fromPath() {
        String value = get(MsrpHeaderNames.FROM_PATH);
        if (value == null || value != fromPathSource) {
            fromPath = uriList(MsrpHeaderNames.FROM_PATH);
            fromPathSource = value;
        }
        return fromPath;
    }

    /**
     * Parses {@code Use-Path} (RFC 4976 §4.2).
     *
     * @return the URIs a relay granted; empty when the header is absent
     * @throws InvalidMsrpHeaderException if a URI is malformed
     */
    public List<MsrpUri> usePath() {
        return uriList(MsrpHeaderNames.USE_PATH);
    }

    /**
     * Returns {@code Message-ID} after checking its syntax (RFC 4975 §9 {@code ident}).
     *
     * @return the message id, or {@code null} when absent
     * @throws InvalidMsrpHeaderException if the value is not an {@code ident}
     */
    public String messageId() {
        String value = get(MsrpHeaderNames.MESSAGE_ID);
        if (value != null && !MsrpIdentifiers.isIdent(value, 1, MsrpIdentifiers.MAX_IDENT_LENGTH)) {
            throw new InvalidMsrpHeaderException(MsrpHeaderNames.MESSAGE_ID, value,
                    "not an ident of 1 to " + MsrpIdentifiers.MAX_IDENT_LENGTH + " characters");
        }
        return value;
    }

    /**
     * Parses {@code Byte-Range} (RFC 4975 §7.1.1).
     *
     * @return the range, or {@code null} when absent (a receiver then assumes the whole message, §7.3.1)
     * @throws InvalidMsrpHeaderException if the value is malformed
     */
    public ByteRange byteRange() {
        String value = get(MsrpHeaderNames.BYTE_RANGE);
        return value == null ? null : ByteRange.parse(value);
    }

    /**
     * Parses {@code Status} (RFC 4975 §7.1.2).
     *
     * @return the status, or {@code null} when absent
     * @throws InvalidMsrpHeaderException if the value is malformed
     */
    public MsrpStatus status() {
        String value = get(MsrpHeaderNames.STATUS);
        return value == null ? null : MsrpStatus.parseHeader(value);
    }

    /**
     * Parses {@code Success-Report} (RFC 4975 §7.1.1).
     *
     * @return the value, or {@link SuccessReport#DEFAULT} ({@code no}) when absent
     * @throws InvalidMsrpHeaderException if the value is neither {@code yes} nor {@code no}
     */
    public SuccessReport successReport() {
        String value = get(MsrpHeaderNames.SUCCESS_REPORT);
        return value == null ? SuccessReport.DEFAULT : SuccessReport.parse(value);
    }

    /**
     * Parses {@code Failure-Report} (RFC 4975 §7.1.1).
     *
     * @return the value, or {@link FailureReport#DEFAULT} ({@code yes}) when absent
     * @throws InvalidMsrpHeaderException if the value is not {@code yes}, {@code no} or {@code partial}
     */
    public FailureReport failureReport() {
        String value = get(MsrpHeaderNames.FAILURE_REPORT);
        return value == null ? FailureReport.DEFAULT : FailureReport.parse(value);
    }

    /**
     * Parses {@code Content-Type} (RFC 4975 §9 {@code media-type}).
     *
     * @return the content type, or {@code null} when absent (a bodiless request)
     * @throws InvalidMsrpHeaderException if the value is malformed
     */
    public MsrpContentType contentType() {
        String value = get(MsrpHeaderNames.CONTENT_TYPE);
        return value == null ? null : MsrpContentType.parse(value);
    }

    /**
     * Parses {@code Expires} (RFC 4976 §4.6), in seconds.
     *
     * @return the value, or -1 when absent
     * @throws InvalidMsrpHeaderException if the value is not a non-negative decimal number
     */
    public long expires() {
        return seconds(MsrpHeaderNames.EXPIRES);
    }

    /**
     * Parses {@code Min-Expires} (RFC 4976 §4.6), in seconds.
     *
     * @return the value, or -1 when absent
     * @throws InvalidMsrpHeaderException if the value is not a non-negative decimal number
     */
    public long minExpires() {
        return seconds(MsrpHeaderNames.MIN_EXPIRES);
    }

    /**
     * Parses {@code Max-Expires} (RFC 4976 §4.6), in seconds.
     *
     * @return the value, or -1 when absent
     * @throws InvalidMsrpHeaderException if the value is not a non-negative decimal number
     */
    public long maxExpires() {
        return seconds(MsrpHeaderNames.MAX_EXPIRES);
    }

    private List<MsrpUri> uriList(String name) {
        String value = get(name);
        if (value == null) {
            return List.of();
        }
        List<MsrpUri> uris = new ArrayList<>(2);
        // URIs are separated by SP (RFC 4975 §9); a plain scan instead of a regular expression, as this runs for
        // every request.
        int at = 0;
        while (at < value.length()) {
            if (value.charAt(at) == ' ' || value.charAt(at) == '\t') {
                at++;
                continue;
            }
            int end = at;
            while (end < value.length() && value.charAt(end) != ' ' && value.charAt(end) != '\t') {
                end++;
            }
            try {
                uris.add(MsrpUri.parse(value.substring(at, end)));
            } catch (InvalidMsrpUriException e) {
                throw new InvalidMsrpHeaderException(name, value, e.getMessage(), e);
            }
            at = end;
        }
        if (uris.isEmpty()) {
            throw new InvalidMsrpHeaderException(name, value, "no MSRP URI");
        }
        return List.copyOf(uris);
    }

    private long seconds(String name) {
        String value = get(name);
        if (value == null) {
            return -1;
        }
        if (value.isEmpty() || value.length() > 18) {
            throw new InvalidMsrpHeaderException(name, value, "not a number of seconds of 1 to 18 digits");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidMsrpHeaderException(name, value, "not a non-negative decimal number of seconds");
            }
        }
        return Long.parseLong(value);
    }

    private int indexOf(String name) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i).equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** RFC 4975 §9 {@code hname = ALPHA *token}. */
    static boolean isHeaderName(CharSequence name) {
        if (name.length() == 0 || !isAlpha(name.charAt(0))) {
            return false;
        }
        for (int i = 1; i < name.length(); i++) {
            if (!MsrpIdentifiers.isTokenChar(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    static boolean isAlpha(int c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!isHeaderName(name)) {
            throw new IllegalArgumentException("Invalid MSRP header name \"" + name + "\"");
        }
    }

    private static void checkValue(String name, String value) {
        Objects.requireNonNull(value, "value");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n') {
                throw new IllegalArgumentException("Value of MSRP header " + name + " contains CR or LF");
            }
        }
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("MsrpHeaders[");
        for (int i = 0; i < names.size(); i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(names.get(i)).append(": ").append(values.get(i));
        }
        return sb.append(']').toString();
    }
}
