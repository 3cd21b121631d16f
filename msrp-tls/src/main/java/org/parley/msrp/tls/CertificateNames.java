package org.parley.msrp.tls;

import io.netty.util.NetUtil;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Locale;

/** Whether a certificate is issued for a host: its subject alternative names (RFC 6125 §6.4; no CN fallback). */
final class CertificateNames {

    private static final int DNS_NAME = 2;
    private static final int IP_ADDRESS = 7;

    private CertificateNames() {
    }

    static boolean names(X509Certificate certificate, String host) {
        Collection<List<?>> names;
        try {
            names = certificate.getSubjectAlternativeNames();
        } catch (CertificateParsingException e) {
            return false;
        }
        if (names == null) {
            return false;
        }
        byte[] address = NetUtil.createByteArrayFromIpAddressString(stripBrackets(host));
        for (List<?> name : names) {
            int type = (Integer) name.get(0);
            String value = String.valueOf(name.get(1));
            if (address != null && type == IP_ADDRESS && sameAddress(address, value)) {
                return true;
            }
            if (address == null && type == DNS_NAME && dnsMatches(value, host)) {
                return true;
            }
        }
        return false;
    }

    private static String stripBrackets(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    private static boolean sameAddress(byte[] address, String value) {
        byte[] other = NetUtil.createByteArrayFromIpAddressString(value);
        if (other == null) {
            return false;
        }
        try {
            // InetAddress compares an IPv4-mapped IPv6 address equal to its IPv4 address.
            return InetAddress.getByAddress(address).equals(InetAddress.getByAddress(other));
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** Compares DNS names ignoring case; a leading {@code *.} covers exactly one label (RFC 6125 §6.4.3). */
    private static boolean dnsMatches(String pattern, String host) {
        String name = pattern.toLowerCase(Locale.ROOT);
        String target = host.toLowerCase(Locale.ROOT);
        if (name.startsWith("*.")) {
            int dot = target.indexOf('.');
            return dot > 0 && target.substring(dot).equals(name.substring(1));
        }
        return name.equals(target);
    }
}
