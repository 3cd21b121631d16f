package org.parley.msrp.core.cpim;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One message header of a {@code message/cpim} body (RFC 3862 §2.2, §3.6):
 * {@code Header-name ":" *( ";" Parameter ) SP Header-value}, for example
 * {@code MyFeatures.VitalMessageOption: Confirmation-requested} or {@code Subject:;lang=fr Objet}.
 *
 * <p>The header keeps its name, parameters and value exactly as written, because RFC 3862 §2.2 requires message
 * processors to preserve every octet; {@link #value()} decodes the escapes of §2.3. Each header also knows the
 * namespace its name belongs to (§3.4), resolved from the {@code NS} headers before it. Header names are
 * case-sensitive.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CpimHeader {

    private final String prefix;
    private final String name;
    private final String rawParameters;
    private final Map<String, String> parameters;
    private final String rawValue;
    private final String namespaceUri;

    CpimHeader(String prefix, String name, String rawParameters, Map<String, String> parameters, String rawValue,
            String namespaceUri) {
        this.prefix = prefix;
        this.name = name;
        this.rawParameters = rawParameters;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.rawValue = rawValue;
        this.namespaceUri = namespaceUri;
    }

    /**
     * Returns the header name as written, with its namespace prefix if it has one.
     *
     * @return e.g. {@code From} or {@code MyFeatures.VitalMessageOption}
     */
    public String headerName() {
        return prefix == null ? name : prefix + "." + name;
    }

    /**
     * Returns the namespace prefix of the header name (RFC 3862 §3.4).
     *
     * @return e.g. {@code MyFeatures}, or {@code null} if the name has no prefix
     */
    public String prefix() {
        return prefix;
    }

    /**
     * Returns the header name without its prefix.
     *
     * @return e.g. {@code VitalMessageOption}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the URI of the namespace the header belongs to: the URI bound to its prefix, or for a name without
     * prefix the default namespace in force at the header, which is {@code urn:ietf:params:cpim-headers:} unless
     * an earlier {@code NS: <uri>} changed it. An {@code NS} header without prefix always belongs to
     * {@code urn:ietf:params:cpim-headers:}, so that a changed default namespace can be declared again.
     *
     * @return the namespace URI
     */
    public String namespaceUri() {
        return namespaceUri;
    }

    /**
     * Returns the parameters written between the colon and the value (RFC 3862 §3.6 {@code Parameter}), with
     * quoted values unquoted and unescaped.
     *
     * @return an unmodifiable map from parameter name to value, in the order written; empty if there are none
     */
    public Map<String, String> parameters() {
        return parameters;
    }

    /**
     * Returns the language of the value, given by a {@code ;lang=} parameter (RFC 3862 §3.3).
     *
     * @return an RFC 3066 language tag such as {@code fr}, or {@code null} if there is none
     */
    public String language() {
        return parameters.get("lang");
    }

    /**
     * Returns the value exactly as written: the text after the space that follows the colon and the parameters,
     * with escape sequences left as they are.
     *
     * @return the raw value, e.g. {@code Bob <sip:bob@example.com>}
     */
    public String rawValue() {
        return rawValue;
    }

    /**
     * Returns the value with the escape sequences of RFC 3862 §2.3 decoded: {@code \}{@code uxxxx}, {@code \\},
     * {@code \"}, {@code \'}, {@code \b}, {@code \t}, {@code \n} and {@code \r}. As §2.3.1 asks, another
     * backslash sequence stands for the character after the backslash and a backslash at the end is dropped.
     *
     * @return the decoded value
     */
    public String value() {
        return CpimSyntax.unescape(rawValue);
    }

    /**
     * Compares the header as written and its resolved namespace.
     *
     * @param o the other object
     * @return {@code true} if {@code o} is a {@code CpimHeader} with the same text in the same namespace
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof CpimHeader other && Objects.equals(prefix, other.prefix) && name.equals(other.name)
                && rawParameters.equals(other.rawParameters) && rawValue.equals(other.rawValue)
                && namespaceUri.equals(other.namespaceUri);
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(prefix, name, rawParameters, rawValue, namespaceUri);
    }

    /**
     * Returns the header line exactly as written, without the CRLF, e.g. {@code Subject:;lang=fr Objet}.
     *
     * @return the header line
     */
    @Override
    public String toString() {
        return headerName() + ":" + rawParameters + " " + rawValue;
    }
}
