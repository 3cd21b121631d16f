package org.parley.msrp.core.codec;

import org.parley.msrp.core.internal.UntrustedText;

import io.netty.util.NetUtil;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * An MSRP URI (RFC 4975 §6): {@code msrp-scheme "://" authority ["/" session-id] ";" transport
 * *( ";" URI-parameter)} (§9), for example {@code msrp://host.example.com:8493/asfd34;tcp}.
 *
 * <p>The URI names a session at an MSRP device ({@code session-id} present) or the device itself, such as a relay
 * (no session-id). Parsing is strict and checks every component:
 * <ul>
 *   <li>the scheme is {@code msrp} or {@code msrps} in any case, followed by {@code ://};</li>
 *   <li>the optional userinfo holds RFC 3986 userinfo characters but no {@code :}, because §6 forbids password
 *       information in it;</li>
 *   <li>the host is an IPv6 address in brackets (without zone id), a dotted-quad IPv4 address without leading
 *       zeros, or an RFC 3986 reg-name (unreserved characters, percent-encodings and sub-delims); text made only
 *       of digits and dots must be a valid IPv4 address;</li>
 *   <li>the port, if present, is 0 to 65535; a host that is an IP address must have one (§6);</li>
 *   <li>the session-id is {@code 1*( unreserved / "+" / "=" / "/" )};</li>
 *   <li>the transport is {@code 1*ALPHANUM} and each further parameter is {@code token ["=" token]}.</li>
 * </ul>
 *
 * <p>{@link #equals(Object)} and {@link #hashCode()} implement the URI comparison of RFC 4975 §6.1, which is how
 * MSRP decides that two URIs name the same session; it is not a comparison of the text. Instances are immutable
 * and thread-safe.
 */
public final class MsrpUri {

    private static final String SCHEME_MSRP = "msrp";
    private static final String SCHEME_MSRPS = "msrps";

    /** RFC 3986 sub-delims; allowed in userinfo and reg-name. */
    private static final String SUB_DELIMS = "!$&'()*+,;=";

    private final String text;
    private final boolean secure;
    private final String userInfo;
    private final String host;
    private final boolean ipv6;
    private final int port;
    private final String sessionId;
    private final String transport;
    private final List<String> parameters;
    /** The host in the form §6.1 compares: a canonical IP address, or a decoded, lower-cased name. */
    private final String hostKey;
    private final String transportKey;

    private MsrpUri(String text, boolean secure, String userInfo, String host, boolean ipv6, int port,
            String sessionId, String transport, List<String> parameters) {
        this.text = text;
        this.secure = secure;
        this.userInfo = userInfo;
        this.host = host;
        this.ipv6 = ipv6;
        this.port = port;
        this.sessionId = sessionId;
        this.transport = transport;
        this.parameters = parameters;
        this.hostKey = hostKey(host, ipv6);
        this.transportKey = MsrpIdentifiers.toLowerAscii(transport);
    }

    /**
     * Parses an MSRP URI.
     *
     * @param text the URI, e.g. {@code msrp://host.example.com:8493/asfd34;tcp}; no surrounding whitespace
     * @return the URI; its {@link #toString()} is exactly {@code text}
     * @throws InvalidMsrpUriException if {@code text} is {@code null}, empty or not a valid MSRP URI in any of the
     *                                 ways listed in the class description; the message names the first problem
     */
    public static MsrpUri parse(CharSequence text) {
        if (text == null) {
            throw new InvalidMsrpUriException(null, "URI is missing");
        }
        String s = text.toString();
        if (s.isEmpty()) {
            throw new InvalidMsrpUriException(s, "URI is empty");
        }
        int colon = s.indexOf(':');
        if (colon < 0) {
            throw new InvalidMsrpUriException(s, "missing \"://\" after the scheme");
        }
        String scheme = MsrpIdentifiers.toLowerAscii(s.substring(0, colon));
        if (!scheme.equals(SCHEME_MSRP) && !scheme.equals(SCHEME_MSRPS)) {
            throw new InvalidMsrpUriException(s, "scheme " + UntrustedText.quote(s.substring(0, colon))
                    + " is not msrp or msrps");
        }
        if (!s.startsWith("//", colon + 1)) {
            throw new InvalidMsrpUriException(s, "missing \"://\" after the scheme");
        }
        int len = s.length();
        int authorityStart = colon + 3;

        // No valid component after the authority can hold '@', so the first '@' before any '/' ends the userinfo.
        int slash = s.indexOf('/', authorityStart);
        int at = s.indexOf('@', authorityStart);
        String userInfo = null;
        int hostStart = authorityStart;
        if (at >= 0 && (slash < 0 || at < slash)) {
            userInfo = s.substring(authorityStart, at);
            checkUserInfo(s, userInfo);
            hostStart = at + 1;
        }

        String host;
        boolean ipv6 = hostStart < len && s.charAt(hostStart) == '[';
        int i;
        if (ipv6) {
            int close = s.indexOf(']', hostStart);
            if (close < 0) {
                throw new InvalidMsrpUriException(s, "missing ']' after IPv6 address");
            }
            host = s.substring(hostStart + 1, close);
            checkIpv6(s, host);
            i = close + 1;
            if (i < len && s.charAt(i) != ':' && s.charAt(i) != '/' && s.charAt(i) != ';') {
                throw new InvalidMsrpUriException(s, "unexpected character after IPv6 address");
            }
        } else {
            i = hostStart;
            while (i < len && s.charAt(i) != ':' && s.charAt(i) != '/' && s.charAt(i) != ';') {
                i++;
            }
            host = s.substring(hostStart, i);
            checkHostName(s, host);
        }

        int port = -1;
        if (i < len && s.charAt(i) == ':') {
            int portStart = ++i;
            while (i < len && s.charAt(i) != '/' && s.charAt(i) != ';') {
                i++;
            }
            port = parsePort(s, s.substring(portStart, i));
        }
        checkIpHasPort(s, host, ipv6, port);

        String sessionId = null;
        if (i < len && s.charAt(i) == '/') {
            int sessionStart = ++i;
            while (i < len && s.charAt(i) != ';') {
                i++;
            }
            sessionId = s.substring(sessionStart, i);
            checkSessionId(s, sessionId);
        }

        // Every branch above stops at ';' or at the end, so the only thing left to check is that a ';' follows.
        if (i == len) {
            throw new InvalidMsrpUriException(s, "missing transport parameter (e.g. \";tcp\")");
        }
        String[] rest = s.substring(i + 1).split(";", -1);
        String transport = rest[0];
        checkTransport(s, transport);
        List<String> parameters = new ArrayList<>(rest.length - 1);
        for (int p = 1; p < rest.length; p++) {
            checkParameter(s, rest[p]);
            parameters.add(rest[p]);
        }
        return new MsrpUri(s, scheme.equals(SCHEME_MSRPS), userInfo, host, ipv6, port, sessionId, transport,
                List.copyOf(parameters));
    }

    /**
     * Builds an MSRP URI without userinfo or extra parameters, for example the URI of a local session endpoint.
     *
     * @param secure    {@code true} for the {@code msrps} scheme (TLS, §6), {@code false} for {@code msrp}
     * @param host      a host name, an IPv4 address, or an IPv6 address with or without brackets
     * @param port      the port, 0 to 65535, or -1 for none (only allowed when {@code host} is a name)
     * @param sessionId the session-id, or {@code null} for a URI that names the device rather than a session
     * @param transport the transport parameter, usually {@code "tcp"}
     * @return the URI; its {@link #toString()} is the canonical form, e.g. {@code msrp://[::1]:2855/abc;tcp}
     * @throws NullPointerException    if {@code host} or {@code transport} is {@code null}
     * @throws InvalidMsrpUriException if a component is invalid by the same rules as {@link #parse(CharSequence)}
     */
    public static MsrpUri of(boolean secure, String host, int port, String sessionId, String transport) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(transport, "transport");
        boolean bracketed = host.length() >= 2 && host.startsWith("[") && host.endsWith("]");
        String bare = bracketed ? host.substring(1, host.length() - 1) : host;
        // Only an IPv6 address may contain ':'; treating any ':' as IPv6 makes "host:80" fail instead of parsing.
        boolean ipv6 = bracketed || bare.indexOf(':') >= 0;
        String text = format(secure, null, bare, ipv6, port, sessionId, transport, List.of());
        if (ipv6) {
            checkIpv6(text, bare);
        } else {
            checkHostName(text, bare);
        }
        if (port < -1 || port > 65535) {
            throw new InvalidMsrpUriException(text, "port " + port + " is not in 0..65535");
        }
        checkIpHasPort(text, bare, ipv6, port);
        if (sessionId != null) {
            checkSessionId(text, sessionId);
        }
        checkTransport(text, transport);
        return new MsrpUri(text, secure, null, bare, ipv6, port, sessionId, transport, List.of());
    }

    /**
     * Returns the scheme.
     *
     * @return {@code "msrp"} or {@code "msrps"}, in lower case whatever the case in the text
     */
    public String scheme() {
        return secure ? SCHEME_MSRPS : SCHEME_MSRP;
    }

    /**
     * Tells whether the scheme is {@code msrps}, which requires the connection to be protected with TLS (§6).
     *
     * @return {@code true} for {@code msrps}
     */
    public boolean isSecure() {
        return secure;
    }

    /**
     * Returns the userinfo, the part of the authority before {@code @}. It names a user account for which the
     * session is valid (§6) and plays no part in {@link #equals(Object)}.
     *
     * @return the userinfo as written (empty if the text has a bare {@code @}), or {@code null} if absent
     */
    public String userInfo() {
        return userInfo;
    }

    /**
     * Returns the host.
     *
     * @return the host as written; an IPv6 address without its brackets
     */
    public String host() {
        return host;
    }

    /**
     * Returns the port.
     *
     * @return the port, 0 to 65535, or -1 if the URI has none
     */
    public int port() {
        return port;
    }

    /**
     * Returns the session-id, which identifies the session at the device named by the authority.
     *
     * @return the session-id, or {@code null} if the URI names the device rather than a session
     */
    public String sessionId() {
        return sessionId;
    }

    /**
     * Returns the transport parameter, the first parameter after the path.
     *
     * @return the transport as written, e.g. {@code "tcp"}
     */
    public String transport() {
        return transport;
    }

    /**
     * Returns the parameters after the transport, as written.
     *
     * @return an unmodifiable list of {@code "name"} or {@code "name=value"} strings; empty if there are none
     */
    public List<String> parameters() {
        return parameters;
    }

    /**
     * Returns a URI that differs from this one only in its session-id.
     *
     * @param sessionId the new session-id, or {@code null} to remove it
     * @return the new URI; its {@link #toString()} is the canonical form of its components, with the scheme in
     *         lower case and the userinfo and parameters kept
     * @throws InvalidMsrpUriException if {@code sessionId} is not {@code 1*( unreserved / "+" / "=" / "/" )}
     */
    public MsrpUri withSessionId(String sessionId) {
        String newText = format(secure, userInfo, host, ipv6, port, sessionId, transport, parameters);
        if (sessionId != null) {
            checkSessionId(newText, sessionId);
        }
        return new MsrpUri(newText, secure, userInfo, host, ipv6, port, sessionId, transport, parameters);
    }

    /**
     * Returns the host and port as an unresolved socket address, to hand to a connecting bootstrap, which resolves
     * it (§6.2: an IP address is used as is, a name is looked up with A or AAAA queries).
     *
     * @return an unresolved address of {@link #host()} (IPv6 without brackets) and {@link #port()}
     * @throws IllegalStateException if the URI has no port
     */
    public InetSocketAddress toUnresolvedSocketAddress() {
        if (port < 0) {
            throw new IllegalStateException("MSRP URI " + UntrustedText.quote(text)
                    + " has no port to connect to");
        }
        return InetSocketAddress.createUnresolved(host, port);
    }

    /**
     * Compares two MSRP URIs by the rules of RFC 4975 §6.1: the scheme must match (ignoring case); the userinfo is
     * ignored; a host that is an IP address matches an equivalent address (so {@code [::1]} equals
     * {@code [0:0:0:0:0:0:0:1]}; an IPv4 address never equals an IPv6 one), other hosts are compared ignoring case
     * after decoding percent-encoded unreserved characters; the ports must be equal, and a URI with a port never
     * equals one without; the session-ids must be equal, case-sensitively, and a URI without one never equals one
     * with; the transports must be equal ignoring case; other parameters are ignored.
     *
     * @param o the other object
     * @return {@code true} if {@code o} is an {@code MsrpUri} that §6.1 considers equivalent
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof MsrpUri other && secure == other.secure && port == other.port
                && hostKey.equals(other.hostKey) && Objects.equals(sessionId, other.sessionId)
                && transportKey.equals(other.transportKey);
    }

    /**
     * Returns a hash code consistent with the §6.1 comparison of {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(secure, hostKey, port, sessionId, transportKey);
    }

    /**
     * Returns the URI text: for a parsed URI exactly the text given to {@link #parse(CharSequence)}; for a built one
     * the canonical form {@code scheme://[userinfo@]host[:port][/session-id];transport[;parameter...]} with IPv6
     * addresses in brackets.
     *
     * @return the URI text
     */
    @Override
    public String toString() {
        return text;
    }

    private static String format(boolean secure, String userInfo, String host, boolean ipv6, int port,
            String sessionId, String transport, List<String> parameters) {
        StringBuilder sb = new StringBuilder(64).append(secure ? SCHEME_MSRPS : SCHEME_MSRP).append("://");
        if (userInfo != null) {
            sb.append(userInfo).append('@');
        }
        if (ipv6) {
            sb.append('[').append(host).append(']');
        } else {
            sb.append(host);
        }
        if (port >= 0) {
            sb.append(':').append(port);
        }
        if (sessionId != null) {
            sb.append('/').append(sessionId);
        }
        sb.append(';').append(transport);
        for (String parameter : parameters) {
            sb.append(';').append(parameter);
        }
        return sb.toString();
    }

    /** The host as §6.1 compares it; an IPv6 key keeps its brackets so that it can never equal a name. */
    private static String hostKey(String host, boolean ipv6) {
        if (ipv6) {
            return "[" + NetUtil.bytesToIpAddress(NetUtil.createByteArrayFromIpAddressString(host)) + "]";
        }
        // §6.1 and RFC 3986 §6.2.2.2: percent-encoded unreserved characters are decoded before comparing.
        StringBuilder sb = new StringBuilder(host.length());
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '%') {
                char decoded = (char) Integer.parseInt(host, i + 1, i + 3, 16);
                if (isUnreserved(decoded)) {
                    sb.append(decoded);
                    i += 2;
                    continue;
                }
            }
            sb.append(c);
        }
        // Dotted-quad hosts are validated without leading zeros, so their text is already the canonical address.
        return MsrpIdentifiers.toLowerAscii(sb.toString());
    }

    private static void checkUserInfo(String uri, String userInfo) {
        for (int i = 0; i < userInfo.length(); i++) {
            char c = userInfo.charAt(i);
            if (c == ':') {
                // §6: "A userinfo part MUST NOT contain password information"; RFC 3986 puts it after a ':'.
                throw new InvalidMsrpUriException(uri, "userinfo must not contain a password (':')");
            }
            if (c == '%') {
                checkPercentEncoding(uri, userInfo, i, "userinfo");
            } else if (!isUnreserved(c) && SUB_DELIMS.indexOf(c) < 0) {
                throw new InvalidMsrpUriException(uri,
                        "userinfo contains invalid character " + UntrustedText.describe(c));
            }
        }
    }

    private static void checkIpv6(String uri, String address) {
        // Hex digits, ':' and '.' only: this refuses zone ids and IPvFuture, which RFC 3986 IP-literal and MSRP
        // peers do not use, before NetUtil (which accepts zone ids) checks the address itself.
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c > 0x7F || (Character.digit(c, 16) < 0 && c != ':' && c != '.')) {
                throw new InvalidMsrpUriException(uri, "invalid IPv6 address "
                        + UntrustedText.quote(address));
            }
        }
        if (!NetUtil.isValidIpV6Address(address)) {
            throw new InvalidMsrpUriException(uri, "invalid IPv6 address " + UntrustedText.quote(address));
        }
    }

    /** Checks a host that is not in brackets: an IPv4 address or an RFC 3986 reg-name. */
    private static void checkHostName(String uri, String host) {
        if (host.isEmpty()) {
            throw new InvalidMsrpUriException(uri, "host is empty");
        }
        boolean digitsAndDots = true;
        for (int i = 0; i < host.length(); i++) {
            char c = host.charAt(i);
            if (c == '%') {
                checkPercentEncoding(uri, host, i, "host");
            } else if (!isUnreserved(c) && SUB_DELIMS.indexOf(c) < 0) {
                throw new InvalidMsrpUriException(uri,
                        "host contains invalid character " + UntrustedText.describe(c));
            }
            digitsAndDots &= (c >= '0' && c <= '9') || c == '.';
        }
        // No top-level domain is all digits, so such a host is meant as an IPv4 address and must be a valid one;
        // leading zeros are refused because some stacks read them as octal.
        if (digitsAndDots && !isStrictIpv4(host)) {
            throw new InvalidMsrpUriException(uri, "host " + UntrustedText.quote(host)
                    + " is not a valid IPv4 address");
        }
    }

    private static void checkIpHasPort(String uri, String host, boolean ipv6, int port) {
        // §6: "If the authority field contains a numeric IP address, it MUST also contain a port."
        if (port < 0 && (ipv6 || isStrictIpv4(host))) {
            throw new InvalidMsrpUriException(uri, "an IP address host must have a port (RFC 4975 §6)");
        }
    }

    private static int parsePort(String uri, String text) {
        if (text.isEmpty()) {
            throw new InvalidMsrpUriException(uri, "port is empty");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                throw new InvalidMsrpUriException(uri, "port " + UntrustedText.quote(text)
                        + " is not a number");
            }
        }
        // Five digits at most keeps Integer.parseInt far from overflow; longer runs are out of range anyway.
        int port = text.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(text);
        if (port > 65535) {
            throw new InvalidMsrpUriException(uri, "port " + text + " is not in 0..65535");
        }
        return port;
    }

    private static void checkSessionId(String uri, String sessionId) {
        if (sessionId.isEmpty()) {
            throw new InvalidMsrpUriException(uri, "session-id is empty");
        }
        for (int i = 0; i < sessionId.length(); i++) {
            char c = sessionId.charAt(i);
            // §9 session-id = 1*( unreserved / "+" / "=" / "/" ); percent-encoding is not part of it.
            if (!isUnreserved(c) && c != '+' && c != '=' && c != '/') {
                throw new InvalidMsrpUriException(uri,
                        "session-id contains invalid character " + UntrustedText.describe(c));
            }
        }
    }

    private static void checkTransport(String uri, String transport) {
        if (transport.isEmpty()) {
            throw new InvalidMsrpUriException(uri, "transport is empty");
        }
        for (int i = 0; i < transport.length(); i++) {
            if (!MsrpIdentifiers.isAlphaNum(transport.charAt(i))) {
                throw new InvalidMsrpUriException(uri, "transport " + UntrustedText.quote(transport)
                        + " is not alphanumeric");
            }
        }
    }

    private static void checkParameter(String uri, String parameter) {
        // §9 URI-parameter = token ["=" token]
        int equals = parameter.indexOf('=');
        boolean valid = equals < 0 ? MsrpIdentifiers.isToken(parameter)
                : MsrpIdentifiers.isToken(parameter.substring(0, equals))
                        && MsrpIdentifiers.isToken(parameter.substring(equals + 1));
        if (!valid) {
            throw new InvalidMsrpUriException(uri, "URI parameter " + UntrustedText.quote(parameter)
                    + " is not token [\"=\" token]");
        }
    }

    private static void checkPercentEncoding(String uri, String part, int percent, String what) {
        if (percent + 2 >= part.length() || Character.digit(part.charAt(percent + 1), 16) < 0
                || Character.digit(part.charAt(percent + 2), 16) < 0
                || part.charAt(percent + 1) > 0x7F || part.charAt(percent + 2) > 0x7F) {
            throw new InvalidMsrpUriException(uri, what + " has a '%' not followed by two hex digits");
        }
    }

    /** RFC 3986 dotted-quad: four decimal octets 0..255 without leading zeros. */
    private static boolean isStrictIpv4(String host) {
        String[] octets = host.split("\\.", -1);
        if (octets.length != 4) {
            return false;
        }
        for (String octet : octets) {
            if (octet.isEmpty() || octet.length() > 3 || (octet.length() > 1 && octet.charAt(0) == '0')) {
                return false;
            }
            for (int i = 0; i < octet.length(); i++) {
                if (octet.charAt(i) < '0' || octet.charAt(i) > '9') {
                    return false;
                }
            }
            if (Integer.parseInt(octet) > 255) {
                return false;
            }
        }
        return true;
    }

    /** RFC 3986 unreserved = ALPHA / DIGIT / "-" / "." / "_" / "~". */
    private static boolean isUnreserved(char c) {
        return MsrpIdentifiers.isAlphaNum(c) || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
