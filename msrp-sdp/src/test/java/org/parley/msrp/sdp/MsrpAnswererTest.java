package org.parley.msrp.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.msrp.sdp.SdpFixtures.ALICE;
import static org.parley.msrp.sdp.SdpFixtures.BOB;
import static org.parley.msrp.sdp.SdpFixtures.BOB_TLS;
import static org.parley.msrp.sdp.SdpFixtures.aliceOffer;
import static org.parley.msrp.sdp.SdpFixtures.example;
import static org.parley.msrp.sdp.SdpFixtures.lineStarting;
import static org.parley.msrp.sdp.SdpFixtures.replaceLine;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class MsrpAnswererTest {

    private static final String PATH = "a=path:msrp://alice.example.com:7394/2s93i9ek2a;tcp";

    @Test
    void answersFigure9AsFigure10Does() {
        MsrpAnswerer bob = MsrpAnswerer.builder().tcpPath(List.of(BOB)).acceptTypes(List.of("message/cpim",
                "text/plain")).username("userb").build();

        SdpAnswer answer = bob.answer(example("rfc4975-8.7-fig9-offer.sdp"));
        MsrpMediaDescription media = MsrpMediaDescription.parse(answer.sdp());

        assertThat(answer.isRejected()).isFalse();
        assertThat(answer.rejectionReason()).isEmpty();
        assertThat(media).isEqualTo(MsrpMediaDescription.parse(replaceLine(example("rfc4975-8.7-fig10-answer.sdp"),
                "a=path:msrp://bob.example.com:8493/si438dsaodes;tcp",
                "a=path:msrp://bob.example.com:8493/si438dsaodes;tcp\r\na=setup:passive")));
        assertThat(lineStarting(answer.sdp(), "o=")).startsWith("o=userb ").endsWith(" 1 IN IP4 bob.example.com");
        assertThat(answer.outcome().remoteAcceptTypes()).containsExactly("message/cpim", "text/plain", "text/html");
        assertThat(MsrpMediaDescription.from(answer.toSessionDescription())).isEqualTo(media);
    }

    static Stream<Arguments> rejections() {
        MsrpAnswerer tcpOnly = MsrpAnswerer.builder().tcpPath(List.of(BOB)).acceptTypes(List.of("text/plain"))
                .build();
        MsrpAnswerer tlsOnly = MsrpAnswerer.builder().tlsPath(List.of(BOB_TLS)).acceptTypes(List.of("text/plain"))
                .build();
        MsrpAnswerer imagesOnly = MsrpAnswerer.builder().tcpPath(List.of(BOB)).acceptTypes(List.of("image/*"))
                .build();
        String tlsOffer = SdpFixtures.sdp("v=0", "o=- 1 1 IN IP4 atlanta.example.com", "s=-",
                "c=IN IP4 atlanta.example.com", "t=0 0", "m=message 7654 TCP/TLS/MSRP *", "a=accept-types:text/plain",
                "a=path:msrps://atlanta.example.com:7654/jshA7weso3ks;tcp");
        return Stream.of(
                Arguments.of("no common accept type", imagesOnly, example("rfc4975-8.2-fig7-offer.sdp"),
                        "no accept type in common: the offer accepts [text/plain], this answerer [image/*] "
                                + "(RFC 4975 §8.6, RFC 3264 §6)", "m=message 0 TCP/MSRP *"),
                Arguments.of("TLS not supported", tcpOnly, tlsOffer, "the offer asks for TCP/TLS/MSRP, which this "
                        + "answerer does not support (RFC 4975 §8.1)", "m=message 0 TCP/TLS/MSRP *"),
                Arguments.of("TLS required", tlsOnly, example("rfc4975-8.2-fig7-offer.sdp"), "the offer asks for "
                        + "TCP/MSRP without TLS, which this answerer does not allow (RFC 4975 §8.1)",
                        "m=message 0 TCP/MSRP *"),
                Arguments.of("peer path not MSRP", tcpOnly, aliceOffer("a=accept-types:text/plain",
                        "a=path:sip:alice@example.com"), "a=path holds something that is not an MSRP URI: Invalid "
                                + "MSRP URI \"sip:alice@example.com\": scheme \"sip\" is not msrp or msrps, in line "
                                + "\"a=path:sip:alice@example.com\" (RFC 4975 §8.2)", "m=message 0 TCP/MSRP *"),
                Arguments.of("unknown transport", tcpOnly, replaceLine(example("rfc4975-8.2-fig7-offer.sdp"),
                        "m=message 7394 TCP/MSRP *", "m=message 7394 UDP/MSRP *"), "the transport \"UDP/MSRP\" is "
                                + "neither TCP/MSRP nor TCP/TLS/MSRP, in line \"m=message 7394 UDP/MSRP *\" "
                                + "(RFC 4975 §8.1)", "m=message 0 UDP/MSRP *"),
                Arguments.of("stream disabled in the offer", tcpOnly, replaceLine(example("rfc4975-8.2-fig7-offer.sdp"),
                        "m=message 7394 TCP/MSRP *", "m=message 0 TCP/MSRP *"), "the offer disables the MSRP stream "
                                + "with port 0 (RFC 3264 §8.2)", "m=message 0 TCP/MSRP *"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rejections")
    void rejectsTheStreamWithPortZeroAndAReason(String what, MsrpAnswerer answerer, String offer, String reason,
            String mLine) {
        SdpAnswer answer = answerer.answer(offer);

        assertThat(answer.isRejected()).isTrue();
        assertThat(answer.rejectionReason()).contains(reason);
        assertThat(lineStarting(answer.sdp(), "m=")).isEqualTo(mLine);
        assertThat(answer.sdp()).doesNotContain("a=");
        assertThatThrownBy(answer::outcome).isInstanceOf(IllegalStateException.class)
                .hasMessage("The MSRP stream was rejected: " + reason);
        assertThat(MsrpMediaDescription.parse(answer.sdp().replace("UDP/MSRP", "TCP/MSRP")).isRejected()).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"*, text/plain, true", "text/*, text/html, true", "text/plain;charset=UTF-8, text/plain, true",
        "image/*, text/plain, false", "message/cpim, */*, true", "TEXT/PLAIN, text/plain, true"})
    void acceptTypesOverlapWithWildcards(String offered, String local, boolean accepted) {
        MsrpAnswerer answerer = MsrpAnswerer.builder().tcpPath(List.of(BOB)).acceptTypes(List.of(local)).build();

        assertThat(answerer.answer(aliceOffer("a=accept-types:" + offered, PATH)).isRejected()).isNotEqualTo(accepted);
    }

    @Test
    void countsTypesAcceptedOnlyInsideAContainer() {
        MsrpAnswerer plain = MsrpAnswerer.builder().tcpPath(List.of(BOB)).acceptTypes(List.of("text/plain")).build();
        MsrpAnswerer cpimOnly = MsrpAnswerer.builder().tcpPath(List.of(BOB)).acceptTypes(List.of("message/cpim"))
                .acceptWrappedTypes(List.of("text/plain")).build();

        // RFC 4975 §8.6: text/plain may flow to the offerer wrapped in message/cpim.
        SdpAnswer wrapped = plain.answer(aliceOffer("a=accept-types:message/cpim",
                "a=accept-wrapped-types:text/plain", PATH));
        assertThat(wrapped.isRejected()).isFalse();
        assertThat(wrapped.outcome().remoteAcceptWrappedTypes()).containsExactly("text/plain");
        // The same the other way round: the answerer takes text/plain only inside message/cpim.
        assertThat(cpimOnly.answer(aliceOffer("a=accept-types:text/plain", PATH)).isRejected()).isFalse();
        // Without a container in accept-types, accept-wrapped-types wrap nothing.
        assertThat(plain.answer(aliceOffer("a=accept-types:image/png", "a=accept-wrapped-types:text/plain", PATH))
                .rejectionReason()).contains("no accept type in common: the offer accepts [image/png] and wrapped "
                        + "[text/plain], this answerer [text/plain] (RFC 4975 §8.6, RFC 3264 §6)");
    }

    @Test
    void rejectsAPassiveOfferWithPortZeroInItsPath() {
        // The answerer must connect (RFC 4145 §4.1), and the first a=path URI gives nothing to connect to.
        String offer = aliceOffer("a=accept-types:text/plain", "a=path:msrp://alice.example.com:0/2s93i9ek2a;tcp",
                "a=setup:passive");

        SdpAnswer answer = MsrpAnswerer.builder().tcpPath(List.of(BOB)).acceptTypes(List.of("text/plain")).build()
                .answer(offer);

        assertThat(answer.isRejected()).isTrue();
        assertThat(answer.rejectionReason()).contains("the peer's first a=path URI has port 0, nothing to connect to, "
                + "in line \"a=path:msrp://alice.example.com:0/2s93i9ek2a;tcp\" (RFC 4975 §8.2)");
        assertThat(lineStarting(answer.sdp(), "m=")).isEqualTo("m=message 0 TCP/MSRP *");
    }

    @Test
    void answersEveryOfferedLineAndCopiesTheTimeLine() {
        String offer = SdpFixtures.sdp("v=0", "o=alice 1 1 IN IP4 alice.example.com", "s=-",
                "c=IN IP4 alice.example.com", "t=3034423619 3042462419", "m=audio 49170 RTP/AVP 0 8",
                "m=message 7394 TCP/MSRP *", "a=accept-types:text/plain", PATH,
                "m=message 7395 TCP/MSRP *", "a=accept-types:text/plain",
                "a=path:msrp://alice.example.com:7395/9sj3kd9a;tcp");

        String answer = MsrpAnswerer.builder().tcpPath(List.of(BOB)).acceptTypes(List.of("text/plain")).build()
                .answer(offer).sdp();

        assertThat(answer.split("\r\n")).filteredOn(line -> line.startsWith("m=")).containsExactly(
                "m=audio 0 RTP/AVP 0 8", "m=message 8493 TCP/MSRP *", "m=message 0 TCP/MSRP *");
        assertThat(lineStarting(answer, "t=")).isEqualTo("t=3034423619 3042462419");
    }

    @ParameterizedTest
    @CsvSource({"sendrecv, sendrecv, sendrecv, sendrecv", "sendonly, sendrecv, recvonly, sendonly",
        "recvonly, sendrecv, sendonly, recvonly", "inactive, sendrecv, inactive, inactive",
        "sendrecv, recvonly, recvonly, sendonly", "sendonly, sendonly, inactive, inactive"})
    void narrowsTheOfferedDirection(String offered, String wanted, String answered, String offererSees) {
        String offer = aliceOffer("a=accept-types:text/plain", PATH, "a=" + offered);
        MsrpAnswerer answerer = MsrpAnswerer.builder().tcpPath(List.of(BOB)).acceptTypes(List.of("text/plain"))
                .direction(Direction.fromAttributeName(wanted).orElseThrow()).build();

        SdpAnswer answer = answerer.answer(offer);

        assertThat(MsrpMediaDescription.parse(answer.sdp()).direction()).hasToString(answered);
        assertThat(answer.outcome().direction()).hasToString(answered);
        assertThat(SdpNegotiation.defaults().offererOutcome(offer, answer.sdp()).direction()).hasToString(offererSees);
    }

    @Test
    void ignoresAReceivedConnectionAttributeAndNeverSendsOne() {
        String offer = aliceOffer("a=accept-types:text/plain", PATH, "a=setup:actpass", "a=connection:existing");

        SdpAnswer answer = MsrpAnswerer.builder().tcpPath(List.of(BOB)).acceptTypes(List.of("text/plain")).build()
                .answer(offer);

        assertThat(MsrpMediaDescription.parse(offer).connection()).contains(ConnectionAttribute.EXISTING);
        assertThat(answer.sdp()).doesNotContain("a=connection").contains("a=setup:passive\r\n");
        assertThat(answer.outcome().role()).isEqualTo(ConnectionRole.ACCEPT);
    }

    @Test
    void passesItsExtraAttributesAndMaxSize() {
        SdpAnswer answer = MsrpAnswerer.builder().tcpPath(List.of(BOB)).acceptTypes(List.of("message/cpim"))
                .acceptWrappedTypes(List.of("*")).maxSize(4096)
                .attributes(List.of(SdpAttribute.of("file-transfer-id", "Q6LMoGymJdh0IKIgD6wD0jkcfgva4xvE")))
                .build().answer(aliceOffer("a=accept-types:message/cpim", "a=accept-wrapped-types:*", PATH,
                        "a=max-size:8192"));

        MsrpMediaDescription media = MsrpMediaDescription.parse(answer.sdp());
        assertThat(media.acceptWrappedTypes()).containsExactly("*");
        assertThat(media.maxSize()).hasValue(4096);
        assertThat(media.otherAttributes()).containsExactly(SdpAttribute.of("file-transfer-id",
                "Q6LMoGymJdh0IKIgD6wD0jkcfgva4xvE"));
        assertThat(answer.outcome().remoteMaxSize()).hasValue(8192);
        assertThat(answer.outcome().remoteAcceptWrappedTypes()).containsExactly("*");
    }

    @Test
    void refusesOffersThatAreNotWellFormedOrHaveNoMsrp() {
        MsrpAnswerer answerer = MsrpAnswerer.builder().tcpPath(List.of(BOB)).acceptTypes(List.of("*")).build();
        String noMsrp = SdpFixtures.sdp("v=0", "o=- 1 1 IN IP4 a.example.com", "s=-", "c=IN IP4 a.example.com",
                "t=0 0", "m=audio 49170 RTP/AVP 0");

        assertThatThrownBy(() -> answerer.answer(example("rfc4975-8.2-fig7-offer.sdp").replace("\r\n", "\n")))
                .isExactlyInstanceOf(SdpNegotiationException.class).hasMessageContaining("LF only");
        assertThatThrownBy(() -> answerer.answer(noMsrp)).isExactlyInstanceOf(SdpNegotiationException.class)
                .hasMessage("the offer has no m=message media description (RFC 4975 §8.1)");
    }

    @Test
    void checksItsCapabilities() {
        assertThatThrownBy(() -> MsrpAnswerer.builder().acceptTypes(List.of("*")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("tcpPath or tlsPath is required");
        assertThatThrownBy(() -> MsrpAnswerer.builder().tcpPath(List.of(BOB)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("acceptTypes is required");
        assertThatThrownBy(() -> MsrpAnswerer.builder().tlsPath(List.of(BOB)).acceptTypes(List.of("*")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("must use msrps with TLS");
        assertThatThrownBy(() -> MsrpAnswerer.builder().tcpPath(List.of(BOB)).acceptTypes(List.of("*"))
                .fingerprints(List.of(Fingerprint.of("sha-256", new byte[32]))).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Fingerprints need a tlsPath");
        assertThatThrownBy(() -> MsrpAnswerer.builder().attributes(List.of(SdpAttribute.of("connection", "new"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFC 6135 §4.4");
        assertThatThrownBy(() -> MsrpAnswerer.builder().tcpPath(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one MSRP URI");
        assertThatThrownBy(() -> MsrpAnswerer.builder().username("two words"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFC 8866 §5.2");
        assertThat(MsrpAnswerer.builder().tcpPath(List.of(ALICE)).acceptTypes(List.of("*")).build()).isNotNull();
    }
}
