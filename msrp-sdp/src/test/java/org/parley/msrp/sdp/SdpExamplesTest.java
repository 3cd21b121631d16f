package org.parley.msrp.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.msrp.sdp.SdpFixtures.example;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import javax.sdp.SessionDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.msrp.core.codec.MsrpUri;

/**
 * Every SDP example of RFC 4975 and RFC 4145 §7 parses; whole bodies strictly, the partial ones (Figures 1 and 19,
 * the RFC 4145 fragments) with the lenient entry points; and their values come out as printed.
 */
class SdpExamplesTest {

    static Stream<String> examples() {
        return SdpFixtures.EXAMPLES.stream();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyExampleParsesLeniently(String name) throws Exception {
        String text = example(name);

        SessionDescription session = SdpParser.parseLenient(text);

        assertThat(session.getMediaDescriptions(false)).hasSize(1);
        if (name.startsWith("rfc4975")) {
            MsrpMediaDescription media = MsrpMediaDescription.parseLenient(text);
            assertThat(media.path()).hasSize(1);
            assertThat(media.acceptTypes()).isNotEmpty();
            assertThat(media.port()).isEqualTo(media.path().get(0).port());
            assertThat(media.connectionAddress()).isEqualTo(media.path().get(0).host());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc4975-8.2-fig7-offer.sdp", "rfc4975-8.7-fig9-offer.sdp", "rfc4975-8.7-fig10-answer.sdp",
        "rfc4975-11.1-step1-invite-offer.sdp", "rfc4975-11.1-step2-200ok-answer.sdp"})
    void wholeExamplesParseStrictlyAndLenientlyAlike(String name) {
        String text = example(name);

        assertThat(MsrpMediaDescription.parse(text)).isEqualTo(MsrpMediaDescription.parseLenient(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"rfc4975-4-fig1-invite-offer.sdp", "rfc4975-4-fig1-200ok-answer.sdp",
        "rfc4975-14.4-fig19-fingerprint.sdp", "rfc4145-7.1-offer.sdp"})
    void partialExamplesFailStrictParsingBecauseTheyLackTheSessionLines(String name) {
        assertThatThrownBy(() -> SdpParser.parse(example(name)))
                .isExactlyInstanceOf(SdpNegotiationException.class)
                .hasMessageStartingWith("the v= line is missing or out of place")
                .hasMessageContaining("RFC 8866 §5");
    }

    @Test
    void theLenientParseSuppliesTheMissingSessionLines() {
        SessionDescription session = SdpParser.parseLenient(example("rfc4975-4-fig1-invite-offer.sdp"));

        assertThat(session.toString()).startsWith("v=0\r\no=- 0 0 IN IP4 0.0.0.0\r\ns=-\r\n"
                + "c=IN IP4 atlanta.example.com\r\nt=0 0\r\nm=message 7654 TCP/MSRP *\r\n");
    }

    @Test
    void figure1() {
        MsrpMediaDescription offer = MsrpMediaDescription.parseLenient(example("rfc4975-4-fig1-invite-offer.sdp"));
        MsrpMediaDescription answer = MsrpMediaDescription.parseLenient(example("rfc4975-4-fig1-200ok-answer.sdp"));

        assertThat(offer.transport()).isEqualTo(MsrpTransport.TCP_MSRP);
        assertThat(offer.port()).isEqualTo(7654);
        assertThat(offer.connectionAddress()).isEqualTo("atlanta.example.com");
        assertThat(offer.path()).containsExactly(MsrpUri.parse("msrp://atlanta.example.com:7654/jshA7weztas;tcp"));
        assertThat(offer.acceptTypes()).containsExactly("text/plain");
        assertThat(offer.setup()).isEmpty();
        assertThat(offer.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(answer.port()).isEqualTo(12763);
        assertThat(answer.path()).containsExactly(
                MsrpUri.parse("msrp://biloxi.example.com:12763/kjhd37s2s20w2a;tcp"));

        // Neither side uses COMEDIA: the offerer connects to the answer's path (RFC 4975 §5.4, RFC 6135 §5).
        NegotiationOutcome alice = SdpNegotiation.defaults().offererOutcome(offer, answer);
        assertThat(alice.role()).isEqualTo(ConnectionRole.CONNECT);
        assertThat(alice.dialAddress()).isEqualTo(InetSocketAddress.createUnresolved("biloxi.example.com", 12763));
        NegotiationOutcome bob = SdpNegotiation.defaults().answererOutcome(offer, answer);
        assertThat(bob.role()).isEqualTo(ConnectionRole.ACCEPT);
        assertThat(bob.dialAddress()).isNull();
        assertThat(bob.remotePath()).isEqualTo(offer.path());
    }

    @Test
    void figure7() {
        MsrpMediaDescription offer = MsrpMediaDescription.parse(example("rfc4975-8.2-fig7-offer.sdp"));

        assertThat(offer.port()).isEqualTo(7394);
        assertThat(offer.connectionAddress()).isEqualTo("alice.example.com");
        assertThat(offer.path()).containsExactly(SdpFixtures.ALICE);
        assertThat(offer.path().get(0).sessionId()).isEqualTo("2s93i9ek2a");
        assertThat(offer.acceptTypes()).containsExactly("text/plain");
        assertThat(offer.acceptWrappedTypes()).isEmpty();
        assertThat(offer.maxSize()).isEmpty();
        assertThat(offer.fingerprints()).isEmpty();
        assertThat(offer.cema()).isFalse();
        assertThat(offer.otherAttributes()).isEmpty();
    }

    @Test
    void figures9And10() {
        MsrpMediaDescription offer = MsrpMediaDescription.parse(example("rfc4975-8.7-fig9-offer.sdp"));
        MsrpMediaDescription answer = MsrpMediaDescription.parse(example("rfc4975-8.7-fig10-answer.sdp"));

        assertThat(offer.acceptTypes()).containsExactly("message/cpim", "text/plain", "text/html");
        assertThat(offer.path()).containsExactly(MsrpUri.parse("msrp://alice.example.com:7394/2s93i93idj;tcp"));
        assertThat(answer.acceptTypes()).containsExactly("message/cpim", "text/plain");
        assertThat(answer.port()).isEqualTo(8493);
        assertThat(answer.path()).containsExactly(MsrpUri.parse("msrp://bob.example.com:8493/si438dsaodes;tcp"));

        NegotiationOutcome alice = SdpNegotiation.defaults().offererOutcome(offer, answer);
        assertThat(alice.remoteAcceptTypes()).containsExactly("message/cpim", "text/plain");
        assertThat(alice.dialAddress()).isEqualTo(InetSocketAddress.createUnresolved("bob.example.com", 8493));
    }

    @Test
    void section11Point1() {
        MsrpMediaDescription offer = MsrpMediaDescription.parse(example("rfc4975-11.1-step1-invite-offer.sdp"));
        MsrpMediaDescription answer = MsrpMediaDescription.parse(example("rfc4975-11.1-step2-200ok-answer.sdp"));

        assertThat(offer.port()).isEqualTo(7777);
        assertThat(offer.path()).containsExactly(MsrpUri.parse("msrp://alicepc.example.com:7777/iau39soe2843z;tcp"));
        assertThat(answer.port()).isEqualTo(8888);
        assertThat(answer.path()).containsExactly(MsrpUri.parse("msrp://bob.example.com:8888/9di4eae923wzd;tcp"));
        assertThat(SdpNegotiation.defaults().offererOutcome(offer, answer).dialAddress())
                .isEqualTo(InetSocketAddress.createUnresolved("bob.example.com", 8888));
    }

    @Test
    void figure19FingerprintHashAndBytes() {
        MsrpMediaDescription media = MsrpMediaDescription.parseLenient(example("rfc4975-14.4-fig19-fingerprint.sdp"));

        assertThat(media.transport()).isEqualTo(MsrpTransport.TCP_TLS_MSRP);
        assertThat(media.isTls()).isTrue();
        assertThat(media.port()).isEqualTo(7654);
        assertThat(media.path()).containsExactly(MsrpUri.parse("msrps://atlanta.example.com:7654/jshA7weso3ks;tcp"));
        assertThat(media.path().get(0).isSecure()).isTrue();
        assertThat(media.fingerprints()).hasSize(1);
        Fingerprint fingerprint = media.fingerprints().get(0);
        assertThat(fingerprint.hashFunction()).isEqualTo("sha-1");
        assertThat(fingerprint.value()).isEqualTo(
                HexFormat.of().parseHex("4AADB9B13F82183B540212DF3E5D496B19E57CAB"));
        assertThat(fingerprint.valueHex()).isEqualTo("4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB");
    }

    static Stream<Arguments> rfc4145Exchanges() {
        return Stream.of(
                // section, the answerer's role, where the active side connects, the a=connection values
                Arguments.of("7.1", ConnectionRole.CONNECT, "192.0.2.2", 54111, ConnectionAttribute.NEW,
                        ConnectionAttribute.NEW),
                Arguments.of("7.2", ConnectionRole.ACCEPT, "192.0.2.1", 54321, ConnectionAttribute.NEW,
                        ConnectionAttribute.NEW),
                Arguments.of("7.3", ConnectionRole.CONNECT, "192.0.2.1", 54321, ConnectionAttribute.EXISTING,
                        ConnectionAttribute.EXISTING),
                Arguments.of("7.4", ConnectionRole.CONNECT, "192.0.2.2", 54111, ConnectionAttribute.EXISTING,
                        ConnectionAttribute.NEW));
    }

    /**
     * The fragments, turned into MSRP, settle as RFC 4145 §7 describes: by the a=setup table of §4.1, and, with the
     * connection-line policy, the active side dials the passive side's c= address and m= port. a=connection is read
     * and changes nothing (RFC 6135 §4.4).
     */
    @ParameterizedTest(name = "RFC 4145 §{0}")
    @MethodSource("rfc4145Exchanges")
    void rfc4145FragmentsFollowTheSetupTable(String section, ConnectionRole answererRole, String activeDialsHost,
            int activeDialsPort, ConnectionAttribute offerConnection, ConnectionAttribute answerConnection) {
        MsrpMediaDescription offer = asMsrp(example("rfc4145-" + section + "-offer.sdp"));
        MsrpMediaDescription answer = asMsrp(example("rfc4145-" + section + "-answer.sdp"));
        SdpNegotiation negotiation = SdpNegotiation.defaults()
                .withDialAddressPolicy(DialAddressPolicy.CONNECTION_LINE);

        NegotiationOutcome offerer = negotiation.offererOutcome(offer, answer);
        NegotiationOutcome answerer = negotiation.answererOutcome(offer, answer);

        assertThat(answerer.role()).isEqualTo(answererRole);
        assertThat(offerer.role()).isNotEqualTo(answererRole);
        NegotiationOutcome active = answererRole == ConnectionRole.CONNECT ? answerer : offerer;
        NegotiationOutcome passive = active == answerer ? offerer : answerer;
        assertThat(active.dialAddress()).isEqualTo(InetSocketAddress.createUnresolved(activeDialsHost,
                activeDialsPort));
        assertThat(passive.dialAddress()).isNull();
        assertThat(offer.connection()).contains(offerConnection);
        assertThat(answer.connection()).contains(answerConnection);
    }

    /**
     * Turns an RFC 4145 §7 fragment (T.38 over TCP) into MSRP media: m=message with TCP/MSRP and the attributes MSRP
     * requires. The a=path host differs from every c= address, so a dial address can only come from c= and m=.
     */
    private static MsrpMediaDescription asMsrp(String fragment) {
        return MsrpMediaDescription.parseLenient(fragment.replace("m=image", "m=message")
                .replace(" TCP t38", " TCP/MSRP *") + "a=accept-types:text/plain\r\n"
                + "a=path:msrp://path.example.com:2855/s;tcp\r\n");
    }

    @Test
    void anRfc4145FragmentHasNoMsrpMedia() {
        assertThatThrownBy(() -> MsrpMediaDescription.parseLenient(example("rfc4145-7.2-offer.sdp")))
                .isExactlyInstanceOf(SdpNegotiationException.class)
                .hasMessage("the session description has no m=message media description (RFC 4975 §8.1)");
    }
}
