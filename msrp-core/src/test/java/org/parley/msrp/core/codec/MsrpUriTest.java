package org.parley.msrp.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.InetSocketAddress;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class MsrpUriTest {

    @Test
    void parsesTheExampleOfRfc4975Section6() {
        String text = "msrp://host.example.com:8493/asfd34;tcp";
        MsrpUri uri = MsrpUri.parse(text);

        assertThat(uri.scheme()).isEqualTo("msrp");
        assertThat(uri.isSecure()).isFalse();
        assertThat(uri.userInfo()).isNull();
        assertThat(uri.host()).isEqualTo("host.example.com");
        assertThat(uri.port()).isEqualTo(8493);
        assertThat(uri.sessionId()).isEqualTo("asfd34");
        assertThat(uri.transport()).isEqualTo("tcp");
        assertThat(uri.parameters()).isEmpty();
        assertThat(uri.toString()).isEqualTo(text);
    }

    @Test
    void parsesMsrpsAndKeepsTheOriginalTextWhileNormalisingTheScheme() {
        MsrpUri uri = MsrpUri.parse("MSRPS://bob.example.com:8888/9di4eae923wzd;TCP");

        assertThat(uri.scheme()).isEqualTo("msrps");
        assertThat(uri.isSecure()).isTrue();
        assertThat(uri.transport()).isEqualTo("TCP");
        assertThat(uri.toString()).isEqualTo("MSRPS://bob.example.com:8888/9di4eae923wzd;TCP");
    }

    @Test
    void parsesAnIpv4Host() {
        MsrpUri uri = MsrpUri.parse("msrp://192.0.2.1:2855/abc;tcp");

        assertThat(uri.host()).isEqualTo("192.0.2.1");
        assertThat(uri.port()).isEqualTo(2855);
        assertThat(uri.sessionId()).isEqualTo("abc");
    }

    @Test
    void parsesAnIpv6HostAndReturnsItWithoutBrackets() {
        MsrpUri uri = MsrpUri.parse("msrp://[2001:db8::1]:2855/abc;tcp");

        assertThat(uri.host()).isEqualTo("2001:db8::1");
        assertThat(uri.port()).isEqualTo(2855);
        assertThat(uri.toString()).isEqualTo("msrp://[2001:db8::1]:2855/abc;tcp");
    }

    @Test
    void parsesUserInfo() {
        MsrpUri uri = MsrpUri.parse("msrp://alice@a.example.com:7394/2s93i9ek2a;tcp");

        assertThat(uri.userInfo()).isEqualTo("alice");
        assertThat(uri.host()).isEqualTo("a.example.com");
        assertThat(uri.sessionId()).isEqualTo("2s93i9ek2a");
    }

    @Test
    void parsesARelayUriWithoutSessionIdOrPort() {
        MsrpUri uri = MsrpUri.parse("msrps://relay.example.net;tcp");

        assertThat(uri.isSecure()).isTrue();
        assertThat(uri.host()).isEqualTo("relay.example.net");
        assertThat(uri.port()).isEqualTo(-1);
        assertThat(uri.sessionId()).isNull();
        assertThat(uri.transport()).isEqualTo("tcp");
    }

    @Test
    void parsesExtraParametersInOrderAsAnUnmodifiableList() {
        MsrpUri uri = MsrpUri.parse("msrp://h.example.com:1234/s1;tcp;foo;bar=baz");

        assertThat(uri.transport()).isEqualTo("tcp");
        assertThat(uri.parameters()).containsExactly("foo", "bar=baz");
        assertThatThrownBy(() -> uri.parameters().add("x")).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void acceptsEveryCharacterTheSessionIdRuleAllows() {
        MsrpUri uri = MsrpUri.parse("msrp://h.example.com:1/aZ09-._~+=/x;tcp");

        assertThat(uri.sessionId()).isEqualTo("aZ09-._~+=/x");
    }

    @Test
    void acceptsPortZeroAndPort65535() {
        assertThat(MsrpUri.parse("msrp://h.example.com:0/s;tcp").port()).isZero();
        assertThat(MsrpUri.parse("msrp://h.example.com:65535/s;tcp").port()).isEqualTo(65535);
    }

    @Test
    void rejectsNullWithAClearMessage() {
        InvalidMsrpUriException e = catchThrowableOfType(InvalidMsrpUriException.class, () -> MsrpUri.parse(null));

        assertThat(e.uri()).isNull();
        assertThat(e).hasMessage("Invalid MSRP URI (null): URI is missing");
    }

    @Test
    void reportsTheExactMessageForABadPort() {
        assertThatThrownBy(() -> MsrpUri.parse("msrp://h.example.com:65536/s;tcp"))
                .isExactlyInstanceOf(InvalidMsrpUriException.class)
                .hasMessage("Invalid MSRP URI \"msrp://h.example.com:65536/s;tcp\": port 65536 is not in 0..65535");
    }

    static Stream<Arguments> malformedUris() {
        return Stream.of(
                Arguments.of("", "URI is empty"),
                Arguments.of("http://h.example.com:1/s;tcp", "scheme \"http\" is not msrp or msrps"),
                Arguments.of("msrpx://h.example.com:1/s;tcp", "scheme \"msrpx\" is not msrp or msrps"),
                Arguments.of(" msrp://h.example.com:1/s;tcp", "scheme \" msrp\" is not msrp or msrps"),
                Arguments.of("msrp", "missing \"://\" after the scheme"),
                Arguments.of("msrp:/h.example.com:1/s;tcp", "missing \"://\" after the scheme"),
                Arguments.of("msrp://:1/s;tcp", "host is empty"),
                Arguments.of("msrp:///s;tcp", "host is empty"),
                Arguments.of("msrp://;tcp", "host is empty"),
                Arguments.of("msrp://ho st:1/s;tcp", "host contains invalid character U+0020"),
                Arguments.of("msrp://h\u00f3st:1/s;tcp", "host contains invalid character U+00F3"),
                Arguments.of("msrp://a@b@c:1/s;tcp", "host contains invalid character '@'"),
                Arguments.of("msrp://h%4:1/s;tcp", "host has a '%' not followed by two hex digits"),
                Arguments.of("msrp://h%zz:1/s;tcp", "host has a '%' not followed by two hex digits"),
                Arguments.of("msrp://999.1.1.1:1/s;tcp", "host \"999.1.1.1\" is not a valid IPv4 address"),
                Arguments.of("msrp://01.2.3.4:1/s;tcp", "host \"01.2.3.4\" is not a valid IPv4 address"),
                Arguments.of("msrp://1.2.3:1/s;tcp", "host \"1.2.3\" is not a valid IPv4 address"),
                Arguments.of("msrp://[::1:1/s;tcp", "missing ']' after IPv6 address"),
                Arguments.of("msrp://[::g]:1/s;tcp", "invalid IPv6 address \"::g\""),
                Arguments.of("msrp://[1::2::3]:1/s;tcp", "invalid IPv6 address \"1::2::3\""),
                Arguments.of("msrp://[]:1/s;tcp", "invalid IPv6 address \"\""),
                Arguments.of("msrp://[fe80::1%25eth0]:1/s;tcp", "invalid IPv6 address \"fe80::1%25eth0\""),
                Arguments.of("msrp://[v1.x]:1/s;tcp", "invalid IPv6 address \"v1.x\""),
                Arguments.of("msrp://[::1]x:1/s;tcp", "unexpected character after IPv6 address"),
                Arguments.of("msrp://[::1]/s;tcp", "an IP address host must have a port (RFC 4975 §6)"),
                Arguments.of("msrp://192.0.2.1/s;tcp", "an IP address host must have a port (RFC 4975 §6)"),
                Arguments.of("msrp://h.example.com:/s;tcp", "port is empty"),
                Arguments.of("msrp://h.example.com:8o/s;tcp", "port \"8o\" is not a number"),
                Arguments.of("msrp://h.example.com:-1/s;tcp", "port \"-1\" is not a number"),
                Arguments.of("msrp://h.example.com:1:2/s;tcp", "port \"1:2\" is not a number"),
                Arguments.of("msrp://h.example.com:65536/s;tcp", "port 65536 is not in 0..65535"),
                Arguments.of("msrp://h.example.com:99999999999/s;tcp", "port 99999999999 is not in 0..65535"),
                Arguments.of("msrp://h.example.com:1/;tcp", "session-id is empty"),
                Arguments.of("msrp://h.example.com:1/a b;tcp", "session-id contains invalid character U+0020"),
                Arguments.of("msrp://h.example.com:1/a%20b;tcp", "session-id contains invalid character '%'"),
                Arguments.of("msrp://h.example.com:1/a@b;tcp", "session-id contains invalid character '@'"),
                Arguments.of("msrp://h.example.com:1/s", "missing transport parameter (e.g. \";tcp\")"),
                Arguments.of("msrp://h.example.com:1", "missing transport parameter (e.g. \";tcp\")"),
                Arguments.of("msrp://h.example.com", "missing transport parameter (e.g. \";tcp\")"),
                Arguments.of("msrp://h.example.com:1/s;", "transport is empty"),
                Arguments.of("msrp://h.example.com:1/s;t-cp", "transport \"t-cp\" is not alphanumeric"),
                Arguments.of("msrp://h.example.com:1/s;transport=tcp",
                        "transport \"transport=tcp\" is not alphanumeric"),
                Arguments.of("msrp://h.example.com:1/s;tcp\r\n", "transport \"tcp\\r\\n\" is not alphanumeric"),
                Arguments.of("msrp://h.example.com:1/s;tcp;", "URI parameter \"\" is not token [\"=\" token]"),
                Arguments.of("msrp://h.example.com:1/s;tcp;a=", "URI parameter \"a=\" is not token [\"=\" token]"),
                Arguments.of("msrp://h.example.com:1/s;tcp;=b", "URI parameter \"=b\" is not token [\"=\" token]"),
                Arguments.of("msrp://h.example.com:1/s;tcp;a=b=c",
                        "URI parameter \"a=b=c\" is not token [\"=\" token]"),
                Arguments.of("msrp://h.example.com:1/s;tcp;a b", "URI parameter \"a b\" is not token [\"=\" token]"),
                Arguments.of("msrp://u:pw@h.example.com:1/s;tcp", "userinfo must not contain a password (':')"),
                Arguments.of("msrp://a b@h.example.com:1/s;tcp", "userinfo contains invalid character U+0020"),
                Arguments.of("msrp://a%g0@h.example.com:1/s;tcp", "userinfo has a '%' not followed by two hex digits"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("malformedUris")
    void rejectsMalformedUris(String text, String reason) {
        InvalidMsrpUriException e = catchThrowableOfType(InvalidMsrpUriException.class, () -> MsrpUri.parse(text));

        assertThat(e).isExactlyInstanceOf(InvalidMsrpUriException.class);
        assertThat(e.uri()).isEqualTo(text);
        assertThat(e.getMessage()).startsWith("Invalid MSRP URI \"").endsWith("\": " + reason);
        // Untrusted text must not carry line breaks into logs.
        assertThat(e.getMessage()).doesNotContain("\r", "\n");
    }

    static Stream<Arguments> comparisons() {
        return Stream.of(
                // equal under RFC 4975 §6.1
                Arguments.of("msrp://host.example.com:8493/asfd34;tcp", "msrp://host.example.com:8493/asfd34;tcp",
                        true),
                Arguments.of("msrp://host.example.com:8493/asfd34;tcp", "MSRP://host.example.com:8493/asfd34;tcp",
                        true),
                Arguments.of("msrp://host.example.com:8493/asfd34;tcp", "msrp://HOST.Example.COM:8493/asfd34;tcp",
                        true),
                Arguments.of("msrp://alice@h.example.com:1/s;tcp", "msrp://bob@h.example.com:1/s;tcp", true),
                Arguments.of("msrp://alice@h.example.com:1/s;tcp", "msrp://h.example.com:1/s;tcp", true),
                Arguments.of("msrp://[::1]:1/s;tcp", "msrp://[0:0:0:0:0:0:0:1]:1/s;tcp", true),
                Arguments.of("msrp://[2001:DB8::1]:1/s;tcp", "msrp://[2001:db8:0:0::1]:1/s;tcp", true),
                Arguments.of("msrp://192.0.2.1:1/s;tcp", "msrp://192.0.2.1:1/s;tcp", true),
                Arguments.of("msrp://h%2Dx.example.com:1/s;tcp", "msrp://h-x.example.com:1/s;tcp", true),
                Arguments.of("msrp://%41.example.com:1/s;tcp", "msrp://a.example.com:1/s;tcp", true),
                Arguments.of("msrp://a%2Fb:1/s;tcp", "msrp://a%2fb:1/s;tcp", true),
                Arguments.of("msrp://h.example.com:1/s;TCP", "msrp://h.example.com:1/s;tcp", true),
                Arguments.of("msrp://h.example.com:1/s;tcp;foo=bar", "msrp://h.example.com:1/s;tcp", true),
                Arguments.of("msrp://relay.example.net:2855;tcp", "msrp://RELAY.example.net:2855;tcp", true),
                Arguments.of("msrps://relay.example.net;tcp", "msrps://relay.example.net;tcp", true),
                // not equal
                Arguments.of("msrp://h.example.com:1/s;tcp", "msrps://h.example.com:1/s;tcp", false),
                Arguments.of("msrp://h.example.com:1/s;tcp", "msrp://g.example.com:1/s;tcp", false),
                Arguments.of("msrp://h.example.com:1/s;tcp", "msrp://h.example.com/s;tcp", false),
                Arguments.of("msrp://h.example.com:1/s;tcp", "msrp://h.example.com:2/s;tcp", false),
                Arguments.of("msrp://h.example.com:1/asfd34;tcp", "msrp://h.example.com:1/ASFD34;tcp", false),
                Arguments.of("msrp://h.example.com:1/s;tcp", "msrp://h.example.com:1;tcp", false),
                Arguments.of("msrp://h.example.com:1/s;tcp", "msrp://h.example.com:1/s;sctp", false),
                Arguments.of("msrp://[::1]:1/s;tcp", "msrp://[::2]:1/s;tcp", false),
                Arguments.of("msrp://127.0.0.1:1/s;tcp", "msrp://[::ffff:127.0.0.1]:1/s;tcp", false),
                Arguments.of("msrp://127.0.0.1:1/s;tcp", "msrp://localhost:1/s;tcp", false),
                Arguments.of("msrp://h%2Dx.example.com:1/s;tcp", "msrp://h%2Ex.example.com:1/s;tcp", false));
    }

    @ParameterizedTest(name = "[{index}] {0} vs {1} -> {2}")
    @MethodSource("comparisons")
    void comparesAsSection6Point1Says(String left, String right, boolean equal) {
        MsrpUri a = MsrpUri.parse(left);
        MsrpUri b = MsrpUri.parse(right);

        assertThat(a.equals(b)).isEqualTo(equal);
        assertThat(b.equals(a)).isEqualTo(equal);
        if (equal) {
            assertThat(a.hashCode()).isEqualTo(b.hashCode());
        }
    }

    @Test
    void isNotEqualToOtherTypes() {
        MsrpUri uri = MsrpUri.parse("msrp://h.example.com:1/s;tcp");

        assertThat(uri.equals("msrp://h.example.com:1/s;tcp")).isFalse();
        assertThat(uri.equals(null)).isFalse();
    }

    @Test
    void buildsTheCanonicalForm() {
        MsrpUri uri = MsrpUri.of(false, "host.example.com", 8493, "asfd34", "tcp");

        assertThat(uri.toString()).isEqualTo("msrp://host.example.com:8493/asfd34;tcp");
        assertThat(uri.userInfo()).isNull();
        assertThat(uri.parameters()).isEmpty();
        assertThat(uri).isEqualTo(MsrpUri.parse("msrp://host.example.com:8493/asfd34;tcp"));
    }

    @Test
    void buildsIpv6UrisWithOrWithoutBrackets() {
        MsrpUri bare = MsrpUri.of(true, "::1", 2855, "s", "tcp");
        MsrpUri bracketed = MsrpUri.of(true, "[::1]", 2855, "s", "tcp");

        assertThat(bare.toString()).isEqualTo("msrps://[::1]:2855/s;tcp");
        assertThat(bracketed.toString()).isEqualTo("msrps://[::1]:2855/s;tcp");
        assertThat(bare.host()).isEqualTo("::1");
        assertThat(bracketed.host()).isEqualTo("::1");
        assertThat(bare).isEqualTo(MsrpUri.parse("MSRPS://[0::1]:2855/s;TCP"));
    }

    @Test
    void buildsAUriWithoutSessionIdOrPort() {
        MsrpUri uri = MsrpUri.of(false, "relay.example.net", -1, null, "tcp");

        assertThat(uri.toString()).isEqualTo("msrp://relay.example.net;tcp");
        assertThat(uri.sessionId()).isNull();
        assertThat(uri.port()).isEqualTo(-1);
    }

    static Stream<Arguments> invalidParts() {
        return Stream.of(
                Arguments.of("bad host", 1, "s", "tcp", "host contains invalid character U+0020"),
                Arguments.of("", 1, "s", "tcp", "host is empty"),
                Arguments.of("a@b", 1, "s", "tcp", "host contains invalid character '@'"),
                Arguments.of("h.example.com:80", 1, "s", "tcp", "invalid IPv6 address \"h.example.com:80\""),
                Arguments.of("[::1", 1, "s", "tcp", "invalid IPv6 address \"[::1\""),
                Arguments.of("h.example.com", 65536, "s", "tcp", "port 65536 is not in 0..65535"),
                Arguments.of("h.example.com", -2, "s", "tcp", "port -2 is not in 0..65535"),
                Arguments.of("192.0.2.1", -1, "s", "tcp", "an IP address host must have a port (RFC 4975 §6)"),
                Arguments.of("::1", -1, "s", "tcp", "an IP address host must have a port (RFC 4975 §6)"),
                Arguments.of("h.example.com", 1, "", "tcp", "session-id is empty"),
                Arguments.of("h.example.com", 1, "a;b", "tcp", "session-id contains invalid character ';'"),
                Arguments.of("h.example.com", 1, "s", "", "transport is empty"),
                Arguments.of("h.example.com", 1, "s", "tcp;x", "transport \"tcp;x\" is not alphanumeric"));
    }

    @ParameterizedTest(name = "[{index}] {0} {1} {2} {3}")
    @MethodSource("invalidParts")
    void rejectsInvalidPartsWhenBuilding(String host, int port, String sessionId, String transport, String reason) {
        assertThatThrownBy(() -> MsrpUri.of(false, host, port, sessionId, transport))
                .isExactlyInstanceOf(InvalidMsrpUriException.class)
                .hasMessageEndingWith(": " + reason);
    }

    @Test
    void rejectsNullHostOrTransportWhenBuilding() {
        assertThatThrownBy(() -> MsrpUri.of(false, null, 1, "s", "tcp")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> MsrpUri.of(false, "h", 1, "s", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void replacesTheSessionIdKeepingEverythingElse() {
        MsrpUri original = MsrpUri.parse("MSRP://u@h.example.com:1/old;TCP;x=y");

        MsrpUri changed = original.withSessionId("new");

        assertThat(changed.toString()).isEqualTo("msrp://u@h.example.com:1/new;TCP;x=y");
        assertThat(changed.sessionId()).isEqualTo("new");
        assertThat(changed.userInfo()).isEqualTo("u");
        assertThat(changed.parameters()).containsExactly("x=y");
        assertThat(changed).isNotEqualTo(original);
        assertThat(original.sessionId()).isEqualTo("old");
    }

    @Test
    void removesTheSessionId() {
        MsrpUri changed = MsrpUri.parse("msrp://[::1]:1/old;tcp").withSessionId(null);

        assertThat(changed.toString()).isEqualTo("msrp://[::1]:1;tcp");
        assertThat(changed.sessionId()).isNull();
    }

    @Test
    void rejectsAnInvalidNewSessionId() {
        MsrpUri uri = MsrpUri.parse("msrp://h.example.com:1/old;tcp");

        assertThatThrownBy(() -> uri.withSessionId("a b"))
                .isExactlyInstanceOf(InvalidMsrpUriException.class)
                .hasMessage("Invalid MSRP URI \"msrp://h.example.com:1/a b;tcp\": "
                        + "session-id contains invalid character U+0020");
    }

    @Test
    void givesAnUnresolvedSocketAddress() {
        InetSocketAddress address = MsrpUri.parse("msrp://host.example.com:8493/asfd34;tcp")
                .toUnresolvedSocketAddress();

        assertThat(address.isUnresolved()).isTrue();
        assertThat(address.getHostString()).isEqualTo("host.example.com");
        assertThat(address.getPort()).isEqualTo(8493);
    }

    @Test
    void givesAnIpv6SocketAddressWithoutBrackets() {
        InetSocketAddress address = MsrpUri.parse("msrp://[2001:db8::1]:2855/s;tcp").toUnresolvedSocketAddress();

        assertThat(address.getHostString()).isEqualTo("2001:db8::1");
        assertThat(address.getPort()).isEqualTo(2855);
    }

    @Test
    void refusesASocketAddressWithoutPort() {
        MsrpUri uri = MsrpUri.parse("msrps://relay.example.net;tcp");

        assertThatThrownBy(uri::toUnresolvedSocketAddress)
                .isExactlyInstanceOf(IllegalStateException.class)
                .hasMessage("MSRP URI \"msrps://relay.example.net;tcp\" has no port to connect to");
    }
}
