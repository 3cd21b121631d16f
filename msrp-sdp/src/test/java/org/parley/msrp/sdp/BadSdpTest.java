package org.parley.msrp.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.parley.msrp.sdp.SdpFixtures.aliceOffer;
import static org.parley.msrp.sdp.SdpFixtures.example;
import static org.parley.msrp.sdp.SdpFixtures.replaceLine;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad SDP raises {@link SdpNegotiationException} naming the line and the rule, never another exception. Each row gives
 * the body, the start of the message, the offending line (null when none) and the rule.
 */
class BadSdpTest {

    private static final String FIGURE_7 = example("rfc4975-8.2-fig7-offer.sdp");
    private static final String PATH = "a=path:msrp://alice.example.com:7394/2s93i9ek2a;tcp";
    private static final String ACCEPT = "a=accept-types:text/plain";
    private static final String M_LINE = "m=message 7394 TCP/MSRP *";

    static Stream<Arguments> badBodies() {
        return Stream.of(
                Arguments.of("no accept-types", aliceOffer(PATH),
                        "a=accept-types is missing", M_LINE, "RFC 4975 §8.6"),
                Arguments.of("a=path that is not an MSRP URI",
                        aliceOffer(ACCEPT, "a=path:http://alice.example.com:7394/2s93i9ek2a;tcp"),
                        "a=path holds something that is not an MSRP URI: Invalid MSRP URI",
                        "a=path:http://alice.example.com:7394/2s93i9ek2a;tcp", "RFC 4975 §8.2"),
                Arguments.of("unknown transport", replaceLine(FIGURE_7, M_LINE, "m=message 7394 TCP/WS/MSRP *"),
                        "the transport \"TCP/WS/MSRP\" is neither TCP/MSRP nor TCP/TLS/MSRP",
                        "m=message 7394 TCP/WS/MSRP *", "RFC 4975 §8.1"),
                Arguments.of("fingerprint with a bad hex digit",
                        tlsOffer("a=fingerprint:SHA-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AG"),
                        "byte 20 of the fingerprint, \"AG\", is not two hex digits",
                        "a=fingerprint:SHA-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AG",
                        "RFC 8122 §5"),
                Arguments.of("fingerprint of the wrong length", tlsOffer("a=fingerprint:sha-256 4A:AD"),
                        "a sha-256 fingerprint has 32 bytes, not 2", "a=fingerprint:sha-256 4A:AD", "RFC 8122 §5"),
                Arguments.of("fingerprint without colons", tlsOffer("a=fingerprint:sha-1 4AADB9"),
                        "the fingerprint must be two-digit hex bytes separated by single colons",
                        "a=fingerprint:sha-1 4AADB9", "RFC 8122 §5"),
                Arguments.of("fingerprint without hash function", tlsOffer("a=fingerprint:4A:AD"),
                        "a=fingerprint needs a hash function, one space and the fingerprint", "a=fingerprint:4A:AD",
                        "RFC 8122 §5"),
                Arguments.of("LF-only line ends", FIGURE_7.replace("\r\n", "\n"),
                        "the line ends with LF only; SDP lines end with CRLF", "v=0", "RFC 8866 §5"),
                Arguments.of("truncated body", FIGURE_7.substring(0, FIGURE_7.length() - 20),
                        "the SDP body is truncated: its last line has no CRLF", "a=path:msrp://alice.example.com:7",
                        "RFC 8866 §5"),
                Arguments.of("port that is not a number", replaceLine(FIGURE_7, M_LINE, "m=message 73x4 TCP/MSRP *"),
                        "the m= line cannot be parsed", "m=message 73x4 TCP/MSRP *", "RFC 8866 §5.14"),
                Arguments.of("port out of range", replaceLine(FIGURE_7, M_LINE, "m=message 73940 TCP/MSRP *"),
                        "the port 73940 is not in 0..65535", "m=message 73940 TCP/MSRP *", "RFC 8866 §5.14"),
                Arguments.of("no a=path", aliceOffer(ACCEPT), "a=path is missing", M_LINE, "RFC 4975 §8.2"),
                Arguments.of("a=path URI without port",
                        aliceOffer(ACCEPT, "a=path:msrp://alice.example.com/2s93i9ek2a;tcp"),
                        "the MSRP URI \"msrp://alice.example.com/2s93i9ek2a;tcp\" in a=path has no port",
                        "a=path:msrp://alice.example.com/2s93i9ek2a;tcp", "RFC 4975 §8.2"),
                Arguments.of("empty a=path", aliceOffer(ACCEPT, "a=path:"), "a=path needs at least one MSRP URI",
                        "a=path:", "RFC 4975 §8.2"),
                Arguments.of("msrps URI with TCP/MSRP",
                        aliceOffer(ACCEPT, "a=path:msrps://alice.example.com:7394/2s93i9ek2a;tcp"),
                        "the endpoint's URI is msrps but the transport is TCP/MSRP",
                        "a=path:msrps://alice.example.com:7394/2s93i9ek2a;tcp", "RFC 4975 §6 and §8.1"),
                Arguments.of("two a=path lines", aliceOffer(ACCEPT, PATH, PATH),
                        "the attribute appears more than once", PATH, "RFC 4975 §8.2"),
                Arguments.of("bad accept-types entry", aliceOffer("a=accept-types:text/plain text", PATH),
                        "a=accept-types has a bad entry \"text\": expected *, type/* or type/subtype",
                        "a=accept-types:text/plain text", "RFC 4975 §8.6"),
                Arguments.of("max-size that is not a number", aliceOffer(ACCEPT, PATH, "a=max-size:lots"),
                        "a=max-size must be a number of octets", "a=max-size:lots", "RFC 4975 §8.6"),
                Arguments.of("unknown setup", aliceOffer(ACCEPT, PATH, "a=setup:sideways"),
                        "a=setup must be active, passive, actpass or holdconn", "a=setup:sideways", "RFC 4145 §4"),
                Arguments.of("two directions", aliceOffer(ACCEPT, PATH, "a=sendonly", "a=recvonly"),
                        "the attribute appears more than once", "a=recvonly", "RFC 8866 §6.7"),
                Arguments.of("format list other than *", replaceLine(FIGURE_7, M_LINE, "m=message 7394 TCP/MSRP 0"),
                        "the format list must be *", M_LINE.replace("*", "0"), "RFC 4975 §8.1"),
                Arguments.of("no c= line", FIGURE_7.replace("c=IN IP4 alice.example.com\r\n", ""),
                        "there is no c= line at session or media level", M_LINE, "RFC 8866 §5.7"),
                Arguments.of("c= line without address",
                        replaceLine(FIGURE_7, "c=IN IP4 alice.example.com", "c=IN IP4"),
                        "the c= line has no address", "c=IN IP4", "RFC 8866 §5.7"),
                Arguments.of("no m=message", FIGURE_7.substring(0, FIGURE_7.indexOf("m=")),
                        "the session description has no m=message media description", null, "RFC 4975 §8.1"),
                Arguments.of("no v= line", FIGURE_7.substring(FIGURE_7.indexOf("o=")),
                        "the v= line is missing or out of place",
                        "o=alice 2890844526 2890844527 IN IP4 alice.example.com", "RFC 8866 §5"),
                Arguments.of("no t= line", FIGURE_7.replace("t=0 0\r\n", ""),
                        "the t= line is missing before the first m= line", M_LINE, "RFC 8866 §5"),
                Arguments.of("protocol version 1", FIGURE_7.replace("v=0", "v=1"),
                        "the protocol version must be 0", "v=1", "RFC 8866 §5.1"),
                Arguments.of("empty line", FIGURE_7.replace("t=0 0\r\n", "t=0 0\r\n\r\n"),
                        "the SDP body has an empty line", "", "RFC 8866 §5"),
                Arguments.of("unknown line type", FIGURE_7.replace("t=0 0\r\n", "t=0 0\r\nx=y\r\n"),
                        "the line type 'x' is unknown", "x=y", "RFC 8866 §5"),
                Arguments.of("line without =", FIGURE_7.replace("t=0 0\r\n", "t=0 0\r\nhello\r\n"),
                        "the line is not <type>=<value>", "hello", "RFC 8866 §5"),
                Arguments.of("stray CR", FIGURE_7.replace("s= -", "s= -\r-"),
                        "the line holds a CR that does not end it", "s= -\r-", "RFC 8866 §5"),
                Arguments.of("empty body", "", "the SDP body is empty", null, "RFC 8866 §5"),
                Arguments.of("missing body", null, "the SDP body is missing", null, "RFC 8866 §5"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badBodies")
    void raisesSdpNegotiationExceptionNamingLineAndRule(String what, String sdp, String problem, String line,
            String rule) {
        SdpNegotiationException e = catchThrowableOfType(SdpNegotiationException.class,
                () -> MsrpMediaDescription.parse(sdp));

        assertThat(e).as(what).isExactlyInstanceOf(SdpNegotiationException.class);
        assertThat(e.getMessage()).startsWith(problem).endsWith("(" + e.rule() + ")");
        assertThat(e.line()).isEqualTo(line);
        assertThat(e.rule()).startsWith(rule);
        if (line != null) {
            assertThat(e.getMessage()).contains(", in line \"" + line.replace("\r", "\\r") + "\"");
        }
    }

    @Test
    void lenientParsingAcceptsLfLineEndsButStillDetectsTruncation() {
        String lf = FIGURE_7.replace("\r\n", "\n");

        assertThat(MsrpMediaDescription.parseLenient(lf)).isEqualTo(MsrpMediaDescription.parse(FIGURE_7));
        SdpNegotiationException e = catchThrowableOfType(SdpNegotiationException.class,
                () -> MsrpMediaDescription.parseLenient(lf.substring(0, lf.length() - 1)));
        assertThat(e.line()).isEqualTo(PATH);
        assertThat(e).hasMessageStartingWith("the SDP body is truncated");
    }

    @Test
    void aReceivedConnectionAttributeIsIgnoredEvenWhenUnknownOrRepeated() {
        // RFC 6135 §4.4: an MSRP endpoint MUST ignore a received a=connection.
        String unknown = aliceOffer(ACCEPT, PATH, "a=connection:old");
        String repeated = aliceOffer(ACCEPT, PATH, "a=connection:old", "a=connection:existing", "a=connection:new");
        MsrpAnswerer answerer = MsrpAnswerer.builder().tcpPath(List.of(SdpFixtures.BOB))
                .acceptTypes(List.of("text/plain")).build();

        assertThat(MsrpMediaDescription.parse(unknown)).isEqualTo(MsrpMediaDescription.parse(aliceOffer(ACCEPT, PATH)));
        assertThat(MsrpMediaDescription.parse(repeated).connection()).contains(ConnectionAttribute.EXISTING);
        assertThat(answerer.answer(unknown).isRejected()).isFalse();
        assertThat(answerer.answer(repeated).isRejected()).isFalse();
    }

    @Test
    void aPortZeroLineMayOmitEveryAttribute() {
        MsrpMediaDescription rejected = MsrpMediaDescription.parse(replaceLine(
                FIGURE_7.substring(0, FIGURE_7.indexOf("a=")), M_LINE, "m=message 0 TCP/MSRP *"));

        assertThat(rejected.isRejected()).isTrue();
        assertThat(rejected.path()).isEmpty();
        assertThat(rejected.acceptTypes()).isEmpty();
    }

    @Test
    void quotedLinesHaveControlCharactersEscaped() {
        SdpNegotiationException e = catchThrowableOfType(SdpNegotiationException.class,
                () -> MsrpMediaDescription.parse(aliceOffer(ACCEPT, PATH, "a=setup:act\u0007pass")));

        assertThat(e.getMessage()).contains("\"a=setup:act\\u0007pass\"");
        assertThat(e.line()).isEqualTo("a=setup:act\u0007pass");
    }

    private static String tlsOffer(String fingerprintLine) {
        return SdpFixtures.sdp("v=0", "o=alice 2890844526 2890844527 IN IP4 atlanta.example.com", "s=-",
                "c=IN IP4 atlanta.example.com", "t=0 0", "m=message 7654 TCP/TLS/MSRP *", ACCEPT,
                "a=path:msrps://atlanta.example.com:7654/jshA7weso3ks;tcp", fingerprintLine);
    }
}
