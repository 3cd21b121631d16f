package org.parley.msrp.core.codec;

import org.parley.msrp.core.internal.UntrustedText;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The value of the {@code Content-Type} header: a media type with optional parameters (RFC 4975 §9
 * {@code media-type = type "/" subtype *( ";" gen-param )}, {@code gen-param = pname [ "=" pval ]},
 * {@code pval = token / quoted-string}).
 *
 * <p>Type, subtype and parameter names are tokens, which §9 compares case-insensitively; this class stores them in
 * lower case. Parameter values keep their case, because their meaning depends on the parameter. A parameter written
 * without a value has the empty string as its value.
 *
 * <p>{@link #equals(Object)} compares type, subtype and the parameters as a map (their order does not matter).
 * Instances are immutable and thread-safe.
 */
public final class MsrpContentType {

    private static final String HEADER = "Content-Type";

    private final String type;
    private final String subtype;
    private final Map<String, String> parameters;

    private MsrpContentType(String type, String subtype, Map<String, String> parameters) {
        this.type = type;
        this.subtype = subtype;
        this.parameters = parameters;
    }

    /**
     * Parses a {@code Content-Type} header value such as {@code text/plain}, {@code message/cpim} or
     * {@code text/plain; charset=UTF-8}. Beyond the strict grammar, spaces and horizontal tabs are accepted at
     * both ends and around {@code ;} and {@code =}, because real peers write {@code text/plain; charset=UTF-8}.
     * Quoted parameter values are unquoted and unescaped ({@code \\} and {@code \"}).
     *
     * @param value the header value, without the header name and the space after the colon
     * @return the content type
     * @throws InvalidMsrpHeaderException with header name {@code Content-Type} if {@code value} is {@code null} or
     *                                    does not match the grammar, including an unterminated quoted-string, an
     *                                    escape other than {@code \\} and {@code \"}, a control character, or the
     *                                    same parameter name twice
     */
    public static MsrpContentType parse(String value) {
        if (value == null) {
            throw new InvalidMsrpHeaderException(HEADER, null, "value is missing");
        }
        int len = value.length();
        int typeStart = skipWhitespace(value, 0);
        int typeEnd = tokenEnd(value, typeStart);
        if (typeEnd == typeStart) {
            throw new InvalidMsrpHeaderException(HEADER, value, "type is missing or not a token");
        }
        if (typeEnd == len || value.charAt(typeEnd) != '/') {
            throw new InvalidMsrpHeaderException(HEADER, value, "missing '/' after type");
        }
        int subtypeEnd = tokenEnd(value, typeEnd + 1);
        if (subtypeEnd == typeEnd + 1) {
            throw new InvalidMsrpHeaderException(HEADER, value, "subtype is missing or not a token");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = skipWhitespace(value, subtypeEnd);
        while (i < len) {
            if (value.charAt(i) != ';') {
                throw new InvalidMsrpHeaderException(HEADER, value,
                        "expected ';' but found " + UntrustedText.describe(value.charAt(i))
                                + " at index " + i);
            }
            int nameStart = skipWhitespace(value, i + 1);
            int nameEnd = tokenEnd(value, nameStart);
            if (nameEnd == nameStart) {
                throw new InvalidMsrpHeaderException(HEADER, value,
                        "parameter name is missing or not a token at index " + nameStart);
            }
            String name = MsrpIdentifiers.toLowerAscii(value.substring(nameStart, nameEnd));
            i = skipWhitespace(value, nameEnd);
            String parameterValue = "";
            if (i < len && value.charAt(i) == '=') {
                int valueStart = skipWhitespace(value, i + 1);
                if (valueStart < len && value.charAt(valueStart) == '"') {
                    StringBuilder unquoted = new StringBuilder();
                    i = quotedStringEnd(value, valueStart, unquoted);
                    parameterValue = unquoted.toString();
                } else {
                    i = tokenEnd(value, valueStart);
                    if (i == valueStart) {
                        throw new InvalidMsrpHeaderException(HEADER, value,
                                "value of parameter \"" + name + "\" is missing or not a token");
                    }
                    parameterValue = value.substring(valueStart, i);
                }
                i = skipWhitespace(value, i);
            }
            // A map cannot hold both values, and RFC 2045 leaves a repeated parameter undefined: refuse it.
            if (parameters.putIfAbsent(name, parameterValue) != null) {
                throw new InvalidMsrpHeaderException(HEADER, value, "duplicate parameter \"" + name + "\"");
            }
        }
        return new MsrpContentType(MsrpIdentifiers.toLowerAscii(value.substring(typeStart, typeEnd)),
                MsrpIdentifiers.toLowerAscii(value.substring(typeEnd + 1, subtypeEnd)),
                Collections.unmodifiableMap(parameters));
    }

    /**
     * Creates a content type without parameters.
     *
     * @param type    the top-level type, a token such as {@code text}; stored in lower case
     * @param subtype the subtype, a token such as {@code plain}; stored in lower case
     * @return the content type
     * @throws NullPointerException     if either argument is {@code null}
     * @throws IllegalArgumentException if either argument is not a token (RFC 4975 §9)
     */
    public static MsrpContentType of(String type, String subtype) {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(subtype, "subtype");
        if (!MsrpIdentifiers.isToken(type) || !MsrpIdentifiers.isToken(subtype)) {
            throw new IllegalArgumentException("Invalid media type " + UntrustedText.quote(type + "/"
                    + subtype) + ": type and subtype must both be tokens (RFC 4975 §9)");
        }
        return new MsrpContentType(MsrpIdentifiers.toLowerAscii(type), MsrpIdentifiers.toLowerAscii(subtype),
                Map.of());
    }

    /**
     * Returns the top-level type.
     *
     * @return the type in lower case, e.g. {@code text}
     */
    public String type() {
        return type;
    }

    /**
     * Returns the subtype.
     *
     * @return the subtype in lower case, e.g. {@code plain}
     */
    public String subtype() {
        return subtype;
    }

    /**
     * Returns the media type without parameters.
     *
     * @return {@code type/subtype} in lower case, e.g. {@code text/plain}
     */
    public String mediaType() {
        return type + "/" + subtype;
    }

    /**
     * Returns the value of a parameter.
     *
     * @param name the parameter name, in any case
     * @return the value, unquoted and unescaped; the empty string for a parameter written without a value;
     *         {@code null} if there is no such parameter
     * @throws NullPointerException if {@code name} is {@code null}
     */
    public String parameter(String name) {
        return parameters.get(MsrpIdentifiers.toLowerAscii(Objects.requireNonNull(name, "name")));
    }

    /**
     * Returns all parameters in the order they were written or added.
     *
     * @return an unmodifiable map from lower-case name to unquoted value; empty if there are none
     */
    public Map<String, String> parameters() {
        return parameters;
    }

    /**
     * Returns a content type with a parameter set. An existing parameter with the same name (in any case) has its
     * value replaced and keeps its position; otherwise the parameter is appended.
     *
     * @param name  the parameter name, a token; stored in lower case
     * @param value the value; written as is when it is a token, as a quoted-string otherwise, and as a bare name when
     *              it is empty. It may hold any characters except control characters other than horizontal tab
     * @return the new content type
     * @throws NullPointerException     if either argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is not a token or {@code value} holds a forbidden character
     */
    public MsrpContentType withParameter(String name, String value) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        if (!MsrpIdentifiers.isToken(name)) {
            throw new IllegalArgumentException("Invalid Content-Type parameter name "
                    + UntrustedText.quote(name) + ": not a token (RFC 4975 §9)");
        }
        for (int i = 0; i < value.length(); i++) {
            if (isControl(value.charAt(i))) {
                throw new IllegalArgumentException("Invalid value for Content-Type parameter \"" + name
                        + "\": control character " + UntrustedText.describe(value.charAt(i))
                        + " at index " + i);
            }
        }
        Map<String, String> copy = new LinkedHashMap<>(parameters);
        copy.put(MsrpIdentifiers.toLowerAscii(name), value);
        return new MsrpContentType(type, subtype, Collections.unmodifiableMap(copy));
    }

    /**
     * Formats the content type as a {@code Content-Type} header value in the strict §9 form, without whitespace:
     * {@code type/subtype} followed by {@code ;name=value} for each parameter, with values that are not tokens
     * written as quoted-strings, e.g. {@code text/plain;charset=UTF-8} or {@code message/cpim;x="a b"}.
     *
     * @return the header value; {@link #parse(String)} of it returns an equal content type
     */
    public String toHeaderValue() {
        StringBuilder sb = new StringBuilder(type).append('/').append(subtype);
        for (Map.Entry<String, String> parameter : parameters.entrySet()) {
            sb.append(';').append(parameter.getKey());
            String value = parameter.getValue();
            if (MsrpIdentifiers.isToken(value)) {
                sb.append('=').append(value);
            } else if (!value.isEmpty()) {
                sb.append("=\"");
                for (int i = 0; i < value.length(); i++) {
                    char c = value.charAt(i);
                    // §9 qd-esc: only backslash and double quote are escaped.
                    if (c == '\\' || c == '"') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
                sb.append('"');
            }
        }
        return sb.toString();
    }

    /**
     * Tells whether this content type is covered by an entry of an SDP {@code accept-types} or
     * {@code accept-wrapped-types} attribute (RFC 4975 §8.6): {@code *} matches every type, {@code type/*} every
     * subtype of a type, and {@code type/subtype} exactly that media type. Case is ignored. Parameters on either
     * side are ignored, because §8.6 says an entry with parameters matches the same entry without them. The entry
     * {@code *}{@code /*}, which some peers write, is treated like {@code *}.
     *
     * @param acceptPattern one format-entry of the attribute, e.g. {@code text/*}
     * @return {@code true} if this content type may be sent to a peer that listed {@code acceptPattern}
     * @throws NullPointerException     if {@code acceptPattern} is {@code null}
     * @throws IllegalArgumentException if {@code acceptPattern} is neither {@code *} nor {@code token/token}
     */
    public boolean matches(String acceptPattern) {
        Objects.requireNonNull(acceptPattern, "acceptPattern");
        int semicolon = acceptPattern.indexOf(';');
        String pattern = semicolon < 0 ? acceptPattern : acceptPattern.substring(0, semicolon);
        if (pattern.equals("*")) {
            return true;
        }
        int slash = pattern.indexOf('/');
        String patternType = slash < 0 ? "" : pattern.substring(0, slash);
        String patternSubtype = slash < 0 ? "" : pattern.substring(slash + 1);
        if (!MsrpIdentifiers.isToken(patternType) || !MsrpIdentifiers.isToken(patternSubtype)) {
            throw new IllegalArgumentException("Invalid accept-types entry " + UntrustedText.quote(
                    acceptPattern) + ": expected *, type/* or type/subtype (RFC 4975 §8.6)");
        }
        if (patternType.equals("*") && patternSubtype.equals("*")) {
            return true;
        }
        return type.equals(MsrpIdentifiers.toLowerAscii(patternType))
                && (patternSubtype.equals("*") || subtype.equals(MsrpIdentifiers.toLowerAscii(patternSubtype)));
    }

    /**
     * Compares type, subtype and parameters; type, subtype and parameter names are compared ignoring case,
     * parameter values exactly, and parameter order is ignored.
     *
     * @param o the other object
     * @return {@code true} if {@code o} is an equal {@code MsrpContentType}
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof MsrpContentType other && type.equals(other.type) && subtype.equals(other.subtype)
                && parameters.equals(other.parameters);
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(type, subtype, parameters);
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

    /**
     * Reads a quoted-string starting at the opening quote, appending its unescaped content to {@code out}; returns
     * the index just after the closing quote.
     */
    private static int quotedStringEnd(String value, int openQuote, StringBuilder out) {
        for (int i = openQuote + 1; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                // §9 qd-esc allows only \\ and \"; any other backslash is malformed.
                if (i + 1 == value.length() || (value.charAt(i + 1) != '\\' && value.charAt(i + 1) != '"')) {
                    throw new InvalidMsrpHeaderException(HEADER, value,
                            "invalid escape in quoted-string at index " + i);
                }
                out.append(value.charAt(++i));
            } else if (isControl(c)) {
                throw new InvalidMsrpHeaderException(HEADER, value,
                        "control character " + UntrustedText.describe(c)
                                + " in quoted-string at index " + i);
            } else {
                out.append(c);
            }
        }
        throw new InvalidMsrpHeaderException(HEADER, value, "unterminated quoted-string");
    }

    private static int tokenEnd(String s, int from) {
        int i = from;
        while (i < s.length() && MsrpIdentifiers.isTokenChar(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int skipWhitespace(String s, int from) {
        int i = from;
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t')) {
            i++;
        }
        return i;
    }

    /** §9 qdtext admits SP, HTAB, visible ASCII and UTF-8 beyond ASCII, so only other controls are refused. */
    private static boolean isControl(char c) {
        return (c < 0x20 && c != '\t') || c == 0x7F;
    }
}
