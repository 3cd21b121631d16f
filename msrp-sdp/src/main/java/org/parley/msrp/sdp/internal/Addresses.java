package org.parley.msrp.sdp.internal;

import io.netty.util.NetUtil;
import java.util.Arrays;
import java.util.Locale;
import org.parley.msrp.core.codec.MsrpUri;

/** Address helpers: the c= address type, RFC 6714 §4.4 matching, and URIs with another port. */
public final class Addresses {

    private Addresses() {
    }

    /**
     * Returns the SDP address type for a host.
     *
     * @param host an IP address or a name; IPv6 without brackets
     * @return {@code IP6} for an IPv6 address, {@code IP4} otherwise (names too, as RFC 4975's examples write them)
     */
    public static String addressType(String host) {
        return host.indexOf(':') >= 0 ? "IP6" : "IP4";
    }

    /**
     * Tells whether two hosts may be the same for RFC 6714 §4.4. Two IP addresses compare as addresses (so
     * {@code 2001:db8::1} equals {@code 2001:DB8:0:0:0:0:0:1}, RFC 5952), two names as text ignoring case. No DNS
     * lookup is made, so a name and an IP address cannot be told apart: they may be the same host.
     *
     * @param a one host; IPv6 without brackets
     * @param b the other host
     * @return false only if they are known to differ
     */
    public static boolean mayBeSameHost(String a, String b) {
        byte[] ipA = NetUtil.createByteArrayFromIpAddressString(a);
        byte[] ipB = NetUtil.createByteArrayFromIpAddressString(b);
        if (ipA != null && ipB != null) {
            return Arrays.equals(ipA, ipB);
        }
        if (ipA != null || ipB != null) {
            return true;
        }
        return a.toLowerCase(Locale.ROOT).equals(b.toLowerCase(Locale.ROOT));
    }

    /**
     * Returns a URI that differs only in its port.
     *
     * @param uri  the URI
     * @param port the new port
     * @return the URI with {@code port}; userinfo, session-id, transport and parameters are kept
     */
    public static MsrpUri withPort(MsrpUri uri, int port) {
        StringBuilder sb = new StringBuilder(uri.scheme()).append("://");
        if (uri.userInfo() != null) {
            sb.append(uri.userInfo()).append('@');
        }
        String host = uri.host();
        sb.append(host.indexOf(':') >= 0 ? "[" + host + "]" : host).append(':').append(port);
        if (uri.sessionId() != null) {
            sb.append('/').append(uri.sessionId());
        }
        sb.append(';').append(uri.transport());
        for (String parameter : uri.parameters()) {
            sb.append(';').append(parameter);
        }
        return MsrpUri.parse(sb);
    }
}
