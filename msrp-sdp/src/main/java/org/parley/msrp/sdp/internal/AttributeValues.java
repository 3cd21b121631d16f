package org.parley.msrp.sdp.internal;

import org.parley.msrp.core.internal.UntrustedText;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.parley.msrp.core.codec.InvalidMsrpUriException;
import org.parley.msrp.core.codec.MsrpContentType;
import org.parley.msrp.core.codec.MsrpUri;
import org.parley.msrp.sdp.SdpNegotiationException;

/** Parsers and formatters for the MSRP attribute values that javax.sdp leaves as strings (RFC 4975 §8.2, §8.6). */
public final class AttributeValues {

    /** The composite top-level types of RFC 2046 §5, whose bodies wrap other bodies; message/cpim is one. */
    private static final List<String> CONTAINERS = List.of("message/*", "multipart/*");

    private AttributeValues() {
    }

    /**
     * Tells whether text is an SDP token (RFC 8866 §9: {@code token-char} is any visible ASCII character except
     * {@code " ( ) , / : ; < = > ? @ [ \ ]}).
     *
     * @param s the text, or null
     * @return true for a non-empty token
     */
    public static boolean isToken(CharSequence s) {
        if (s == null || s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean tokenChar = c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D
                    || c == 0x2E || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x5E && c <= 0x7E);
            if (!tokenChar) {
                return false;
            }
        }
        return true;
    }

    /**
     * Parses an {@code a=path} value: one or more MSRP URIs separated by spaces, each with an explicit port.
     *
     * @param value the attribute value
     * @param line  the attribute line, for errors
     * @return the URIs, in order
     * @throws SdpNegotiationException naming the line and RFC 4975 §8.2 if the list is empty, an entry is not an
     *                                 MSRP URI or an entry has no port
     */
    public static List<MsrpUri> parsePath(String value, String line) {
        List<String> entries = splitList(value);
        if (entries.isEmpty()) {
            throw new SdpNegotiationException("a=path needs at least one MSRP URI", line, "RFC 4975 §8.2");
        }
        List<MsrpUri> path = new ArrayList<>(entries.size());
        for (String entry : entries) {
            MsrpUri uri;
            try {
                uri = MsrpUri.parse(entry);
            } catch (InvalidMsrpUriException e) {
                throw new SdpNegotiationException("a=path holds something that is not an MSRP URI: " + e.getMessage(),
                        line, "RFC 4975 §8.2", e);
            }
            if (uri.port() < 0) {
                throw new SdpNegotiationException("the MSRP URI " + UntrustedText.quote(entry) + " in a=path has no port",
                        line, "RFC 4975 §8.2: URIs in SDP MUST include explicit port numbers");
            }
            path.add(uri);
        }
        return List.copyOf(path);
    }

    /**
     * Formats an {@code a=path} value.
     *
     * @param path the URIs
     * @return the URIs separated by single spaces
     */
    public static String formatPath(List<MsrpUri> path) {
        StringBuilder sb = new StringBuilder();
        for (MsrpUri uri : path) {
            if (sb.length() > 0) {
                sb.append(' ');
            }
            sb.append(uri);
        }
        return sb.toString();
    }

    /**
     * Parses an {@code a=accept-types} or {@code a=accept-wrapped-types} value (RFC 4975 §8.6 {@code format-list}).
     *
     * @param name  the attribute name, for errors
     * @param value the attribute value
     * @param line  the attribute line, for errors
     * @return the entries, in order, as written
     * @throws SdpNegotiationException naming the line and RFC 4975 §8.6 if the list is empty or an entry is not
     *                                 {@code *}, {@code type/*} or {@code type/subtype} with optional parameters
     */
    public static List<String> parseFormatList(String name, String value, String line) {
        List<String> entries = splitList(value);
        if (entries.isEmpty()) {
            throw new SdpNegotiationException("a=" + name + " needs at least one media type", line, "RFC 4975 §8.6");
        }
        for (String entry : entries) {
            String problem = formatEntryProblem(entry);
            if (problem != null) {
                throw new SdpNegotiationException("a=" + name + " has a bad entry " + UntrustedText.quote(entry) + ": "
                        + problem, line, "RFC 4975 §8.6");
            }
        }
        return List.copyOf(entries);
    }

    /**
     * Checks one entry of an accept-types list given through the API.
     *
     * @param entry the entry
     * @throws IllegalArgumentException if it is not {@code *}, {@code type/*} or {@code type/subtype} with optional
     *                                  parameters (RFC 4975 §8.6), or holds whitespace
     */
    public static void checkFormatEntry(String entry) {
        if (entry == null) {
            throw new IllegalArgumentException("An accept-types entry is null (RFC 4975 §8.6)");
        }
        String problem = entry.chars().anyMatch(c -> c == ' ' || c == '\t') ? "it holds whitespace"
                : formatEntryProblem(entry);
        if (problem != null) {
            throw new IllegalArgumentException("Invalid accept-types entry " + UntrustedText.quote(entry) + ": " + problem
                    + " (RFC 4975 §8.6)");
        }
    }

    /**
     * Tells whether two format lists have an entry in common: {@code *} overlaps everything, {@code type/*} every
     * subtype of its type, parameters are ignored (RFC 4975 §8.6).
     *
     * @param a one list of valid entries
     * @param b the other list of valid entries
     * @return true if some entry of {@code a} and some entry of {@code b} can name the same media type
     */
    public static boolean overlap(List<String> a, List<String> b) {
        for (String x : a) {
            for (String y : b) {
                if (overlap(x, y)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Returns every type an endpoint accepts, at top level or wrapped (RFC 4975 §8.6): its accept-types, and its
     * accept-wrapped-types when the accept-types list a container that can wrap them, a {@code message} or
     * {@code multipart} type (RFC 2046 §5) such as {@code message/cpim}.
     *
     * @param acceptTypes        the accept-types entries
     * @param acceptWrappedTypes the accept-wrapped-types entries; empty if absent
     * @return the entries to compare with {@link #overlap(List, List)}
     */
    public static List<String> acceptedTypes(List<String> acceptTypes, List<String> acceptWrappedTypes) {
        if (acceptWrappedTypes.isEmpty() || !overlap(acceptTypes, CONTAINERS)) {
            return acceptTypes;
        }
        List<String> all = new ArrayList<>(acceptTypes);
        all.addAll(acceptWrappedTypes);
        return all;
    }

    /**
     * Parses an {@code a=max-size} value, {@code 1*DIGIT} octets (RFC 4975 §8.6).
     *
     * @param value the attribute value
     * @param line  the attribute line, for errors
     * @return the size
     * @throws SdpNegotiationException naming the line and RFC 4975 §8.6 if the value is not digits or too large
     */
    public static long parseMaxSize(String value, String line) {
        if (value == null || value.isEmpty() || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new SdpNegotiationException("a=max-size must be a number of octets", line, "RFC 4975 §8.6");
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new SdpNegotiationException("a=max-size is larger than Parley can represent", line,
                    "RFC 4975 §8.6", e);
        }
    }

    private static boolean overlap(String x, String y) {
        String a = mediaRange(x);
        String b = mediaRange(y);
        if (a.equals("*") || b.equals("*") || a.equals("*/*") || b.equals("*/*")) {
            return true;
        }
        int slashA = a.indexOf('/');
        int slashB = b.indexOf('/');
        if (!a.substring(0, slashA).equals(b.substring(0, slashB))) {
            return false;
        }
        String subA = a.substring(slashA + 1);
        String subB = b.substring(slashB + 1);
        return subA.equals("*") || subB.equals("*") || subA.equals(subB);
    }

    /** The entry without parameters, in lower case. */
    private static String mediaRange(String entry) {
        int semicolon = entry.indexOf(';');
        return (semicolon < 0 ? entry : entry.substring(0, semicolon)).toLowerCase(Locale.ROOT);
    }

    /** Returns why an entry is not a §8.6 format-entry, or null if it is one. */
    private static String formatEntryProblem(String entry) {
        if (entry.equals("*")) {
            return null;
        }
        try {
            // MsrpContentType checks type "/" subtype *( ";" parameter ); "*" is a token character, so type/* passes.
            MsrpContentType.parse(entry);
            return null;
        } catch (IllegalArgumentException e) {
            return "expected *, type/* or type/subtype";
        }
    }

    /** Splits a space-separated list, tolerating runs of spaces and tabs. */
    private static List<String> splitList(String value) {
        List<String> entries = new ArrayList<>();
        if (value != null) {
            for (String part : value.split("[ \t]+")) {
                if (!part.isEmpty()) {
                    entries.add(part);
                }
            }
        }
        return entries;
    }
}
