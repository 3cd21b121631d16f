package org.parley.msrp.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.parley.msrp.sdp.SdpFixtures.ALICE;
import static org.parley.msrp.sdp.SdpFixtures.BOB;
import static org.parley.msrp.sdp.SdpFixtures.lineStarting;
import static org.parley.msrp.sdp.SdpFixtures.replaceLine;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.parley.msrp.core.codec.MsrpUri;

/**
 * CEMA (RFC 6714) on, off and mismatched, and the dial address it chooses. A middlebox is simulated by rewriting the
 * c= and m= lines of an SDP body on its way, leaving a=path alone.
 */
class CemaTest {

    private static final MsrpUri ALICE_RELAY = MsrpUri.parse("msrps://relay.atlanta.example.com:2855;tcp");
    private static final MsrpUri BOB_RELAY = MsrpUri.parse("msrps://relay.biloxi.example.com:2855;tcp");
    private static final MsrpUri BOB_IP = MsrpUri.parse("msrp://192.0.2.2:8493/si438dsaodes;tcp");

    @Test
    void bothSignalCemaAndTheActiveOffererDialsTheRewrittenAnswerAddress() {
        String offer = offer(true, true, List.of(ALICE));
        String answer = answerer(true, true, List.of(BOB)).answer(middlebox(offer, "198.51.100.1", 40000)).sdp();
        String answerSeen = middlebox(answer, "198.51.100.2", 50000);

        NegotiationOutcome alice = SdpNegotiation.defaults().offererOutcome(offer, answerSeen);

        assertThat(lineStarting(offer, "a=msrp-cema")).isEqualTo("a=msrp-cema");
        assertThat(lineStarting(answer, "a=msrp-cema")).isEqualTo("a=msrp-cema");
        assertThat(alice.cemaInUse()).isTrue();
        assertThat(alice.role()).isEqualTo(ConnectionRole.CONNECT);
        assertThat(alice.dialAddress()).isEqualTo(InetSocketAddress.createUnresolved("198.51.100.2", 50000));
        // The paths are untouched, so MSRP session matching still works end to end.
        assertThat(alice.remotePath()).containsExactly(BOB);
    }

    @Test
    void bothSignalCemaAndTheActiveAnswererDialsTheRewrittenOfferAddress() {
        String offerSeen = middlebox(offer(true, true, List.of(ALICE)), "198.51.100.1", 40000);

        SdpAnswer answer = answerer(true, false, List.of(BOB)).answer(offerSeen);

        assertThat(answer.outcome().role()).isEqualTo(ConnectionRole.CONNECT);
        assertThat(answer.outcome().cemaInUse()).isTrue();
        assertThat(answer.outcome().dialAddress())
                .isEqualTo(InetSocketAddress.createUnresolved("198.51.100.1", 40000));
    }

    @Test
    void withoutCemaTheActiveSideDialsThePathEvenWhenCmWasRewritten() {
        String offer = offer(false, true, List.of(ALICE));
        String answerSeen = middlebox(answerer(false, true, List.of(BOB)).answer(offer).sdp(), "198.51.100.2", 50000);

        NegotiationOutcome alice = SdpNegotiation.defaults().offererOutcome(offer, answerSeen);

        assertThat(offer).doesNotContain("msrp-cema");
        assertThat(alice.cemaInUse()).isFalse();
        assertThat(alice.dialAddress()).isEqualTo(InetSocketAddress.createUnresolved("bob.example.com", 8493));
    }

    @Test
    void theConnectionLinePolicyDialsCmWithoutCema() {
        String offer = offer(false, true, List.of(ALICE));
        String answerSeen = middlebox(answerer(false, true, List.of(BOB)).answer(offer).sdp(), "198.51.100.2", 50000);

        NegotiationOutcome alice = SdpNegotiation.defaults().withDialAddressPolicy(DialAddressPolicy.CONNECTION_LINE)
                .offererOutcome(offer, answerSeen);

        assertThat(alice.cemaInUse()).isFalse();
        assertThat(alice.dialAddress()).isEqualTo(InetSocketAddress.createUnresolved("198.51.100.2", 50000));
    }

    @Test
    void anAnswererWithoutCemaThatStaysPassiveLetsTheCemaOffererDialCm() {
        // RFC 6714 §4.2, "other cases": no fall-back criterion holds and the offerer becomes active.
        String offer = offer(true, true, List.of(ALICE));
        String answer = answerer(false, true, List.of(BOB)).answer(offer).sdp();

        NegotiationOutcome alice = SdpNegotiation.defaults().offererOutcome(offer, middlebox(answer, "198.51.100.2",
                50000));

        assertThat(answer).doesNotContain("msrp-cema");
        assertThat(alice.cemaInUse()).isTrue();
        assertThat(alice.dialAddress()).isEqualTo(InetSocketAddress.createUnresolved("198.51.100.2", 50000));
    }

    @Test
    void aRewrittenAnswerWithoutCemaThatMakesTheOffererPassiveRequiresANewOffer() {
        // An address in a=path: the m= port of an active answerer is not compared, and a name would not show the
        // rewrite without DNS (RFC 6714 §4.4).
        String offer = offer(true, true, List.of(ALICE));
        String answer = answerer(false, false, List.of(BOB_IP)).answer(offer).sdp();
        String answerSeen = middlebox(answer, "198.51.100.2", 9);

        CemaFallbackRequiredException e = catchThrowableOfType(CemaFallbackRequiredException.class,
                () -> SdpNegotiation.defaults().offererOutcome(offer, answerSeen));

        assertThat(e.rule()).isEqualTo("RFC 6714 §4.2, first criterion");
        assertThat(e).hasMessageContaining("send a new offer without a=msrp-cema");
        assertThat(e.line()).isEqualTo("m=message 9 TCP/MSRP *");
        // The new offer, without CEMA, works with the same answerer: the offerer accepts the connection.
        String newOffer = MsrpOfferBuilder.updating(offer).cema(false).build();
        assertThat(newOffer).doesNotContain("msrp-cema");
        String newAnswer = answerer(false, false, List.of(BOB_IP)).answer(newOffer, answer).sdp();
        assertThat(SdpNegotiation.defaults().offererOutcome(newOffer, newAnswer).role())
                .isEqualTo(ConnectionRole.ACCEPT);
    }

    @Test
    void anUnrewrittenAnswerWithoutCemaIsUsedAsIs() {
        String offer = offer(true, true, List.of(ALICE));
        String answer = answerer(false, false, List.of(BOB)).answer(offer).sdp();

        NegotiationOutcome alice = SdpNegotiation.defaults().offererOutcome(offer, answer);

        assertThat(alice.role()).isEqualTo(ConnectionRole.ACCEPT);
        assertThat(alice.dialAddress()).isNull();
    }

    @Test
    void anOffererBehindARelayOffersTheRelayInCmAndFallsBackWhenTheAnswerWasRewrittenWithoutCema() {
        String offer = offer(true, false, List.of(ALICE_RELAY, MsrpUri.parse(
                "msrps://alice.example.com:7394/2s93i9ek2a;tcp")));
        assertThat(lineStarting(offer, "c=")).isEqualTo("c=IN IP4 relay.atlanta.example.com");
        assertThat(lineStarting(offer, "m=")).isEqualTo("m=message 2855 TCP/TLS/MSRP *");
        // A relay counts as reachable (RFC 6135 §4.2.2), and RFC 6714 §4.2 asks for actpass.
        assertThat(lineStarting(offer, "a=setup:")).isEqualTo("a=setup:actpass");

        String answer = tlsAnswerer(false, List.of(SdpFixtures.BOB_TLS)).answer(offer).sdp();
        CemaFallbackRequiredException e = catchThrowableOfType(CemaFallbackRequiredException.class,
                () -> SdpNegotiation.defaults().offererOutcome(offer, middlebox(answer, "198.51.100.2", 50000)));

        assertThat(e.rule()).isEqualTo("RFC 6714 §4.2, second criterion");
    }

    @Test
    void anAnswererRelayInCmWithoutCemaMeansNoMiddlebox() {
        String offer = offer(true, true, List.of(MsrpUri.parse("msrps://alice.example.com:7394/2s93i9ek2a;tcp")));
        MsrpUri bob = MsrpUri.parse("msrps://bob.example.com:8493/si438dsaodes;tcp");
        String answer = tlsAnswerer(false, List.of(BOB_RELAY, bob)).answer(offer).sdp();
        String relayInCm = middlebox(answer, "relay.biloxi.example.com", 2855);

        NegotiationOutcome alice = SdpNegotiation.defaults().offererOutcome(offer, relayInCm);

        assertThat(alice.cemaInUse()).isFalse();
        assertThat(alice.dialAddress()).isEqualTo(InetSocketAddress.createUnresolved("relay.biloxi.example.com",
                2855));
        assertThat(alice.remotePath()).containsExactly(BOB_RELAY, bob);
    }

    @Test
    void aCemaAnswererRejectsAnOfferWhoseCmWasRewrittenWithoutCema() {
        String offerSeen = middlebox(offer(false, true, List.of(ALICE)), "198.51.100.1", 40000);

        SdpAnswer answer = answerer(true, true, List.of(BOB)).answer(offerSeen);

        assertThat(answer.isRejected()).isTrue();
        assertThat(answer.rejectionReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("198.51.100.1:40000 does not match its a=path").endsWith("(RFC 6714 §4.3)"));
        assertThat(lineStarting(answer.sdp(), "m=")).isEqualTo("m=message 0 TCP/MSRP *");
    }

    @Test
    void aCemaAnswererSignalsCemaToAnUnrewrittenOfferWithoutItButDoesNotUseIt() {
        SdpAnswer answer = answerer(true, true, List.of(BOB)).answer(offer(false, true, List.of(ALICE)));

        // RFC 6714 §4.3 asks for a=msrp-cema; §4.1: the offerer without CEMA keeps RFC 4975 behaviour.
        assertThat(answer.sdp()).contains("a=msrp-cema\r\n");
        assertThat(answer.outcome().cemaInUse()).isFalse();
        assertThat(answer.outcome().role()).isEqualTo(ConnectionRole.ACCEPT);
    }

    @Test
    void anActiveCemaAnswererDialsTheRelayOfAnOffererWithoutCema() {
        // RFC 6714 §4.1, second bullet: the offerer follows RFC 4975, so c=/m= names itself, not its relay.
        MsrpUri relay = MsrpUri.parse("msrp://relay.a.example:2855;tcp");
        String offer = offer(false, true, List.of(relay, ALICE));
        assertThat(lineStarting(offer, "c=")).isEqualTo("c=IN IP4 alice.example.com");
        assertThat(lineStarting(offer, "m=")).isEqualTo("m=message 7394 TCP/MSRP *");
        assertThat(lineStarting(offer, "a=setup:")).isEqualTo("a=setup:actpass");

        SdpAnswer answer = answerer(true, false, List.of(BOB)).answer(offer);

        assertThat(answer.sdp()).doesNotContain("msrp-cema");
        assertThat(answer.outcome().role()).isEqualTo(ConnectionRole.CONNECT);
        assertThat(answer.outcome().cemaInUse()).isFalse();
        assertThat(answer.outcome().dialAddress()).isEqualTo(InetSocketAddress.createUnresolved("relay.a.example",
                2855));
        assertThat(answer.outcome().remotePath()).containsExactly(relay, ALICE);
        // The same for an answer that does carry a=msrp-cema, as another answerer may write it.
        MsrpMediaDescription withCema = MsrpMediaDescription.parse(replaceLine(answer.sdp(), "a=setup:active",
                "a=setup:active\r\na=msrp-cema"));
        NegotiationOutcome outcome = SdpNegotiation.defaults().answererOutcome(MsrpMediaDescription.parse(offer),
                withCema);
        assertThat(outcome.cemaInUse()).isFalse();
        assertThat(outcome.dialAddress()).isEqualTo(InetSocketAddress.createUnresolved("relay.a.example", 2855));
    }

    @Test
    void aNameInPathAndAnAddressInCmCannotBeToldApartSoTheOfferIsTakenAsNotRewritten() {
        String offer = replaceLine(offer(false, true, List.of(ALICE)), "c=IN IP4 alice.example.com",
                "c=IN IP4 192.0.2.10");

        SdpAnswer answer = answerer(true, true, List.of(BOB)).answer(offer);

        assertThat(answer.isRejected()).isFalse();
        assertThat(answer.sdp()).contains("a=msrp-cema\r\n");
        // The same on the offerer's side: an active answerer's c= address alone cannot show a rewrite of a name.
        String cemaOffer = offer(true, true, List.of(ALICE));
        String activeAnswer = answerer(false, false, List.of(BOB)).answer(cemaOffer).sdp();
        assertThat(SdpNegotiation.defaults().offererOutcome(cemaOffer, middlebox(activeAnswer, "198.51.100.2", 9))
                .role()).isEqualTo(ConnectionRole.ACCEPT);
    }

    @Test
    void aCemaAnswererComparesThePortOfAnOfferWithoutSetup() {
        // An RFC 4975 offerer without a=setup listens on its m= port, so a different one there was rewritten.
        String offer = SdpFixtures.aliceOffer("a=accept-types:text/plain",
                "a=path:msrp://alice.example.com:7394/2s93i9ek2a;tcp");

        SdpAnswer unchanged = answerer(true, true, List.of(BOB)).answer(offer);
        SdpAnswer rewritten = answerer(true, true, List.of(BOB)).answer(replaceLine(offer, "m=message 7394 TCP/MSRP *",
                "m=message 40000 TCP/MSRP *"));

        assertThat(unchanged.isRejected()).isFalse();
        assertThat(rewritten.rejectionReason()).hasValueSatisfying(reason -> assertThat(reason)
                .contains("alice.example.com:40000 does not match its a=path").endsWith("(RFC 6714 §4.3)"));
    }

    @Test
    void aCemaAnswererDoesNotCompareTheDiscardPortOfAnActiveOfferer() {
        // An RFC 6135 offerer without CEMA that will not listen: port 9 in m=, its real port in a=path.
        String offer = replaceLine(offer(false, false, List.of(ALICE)),
                "a=path:msrp://alice.example.com:9/2s93i9ek2a;tcp",
                "a=path:msrp://alice.example.com:7394/2s93i9ek2a;tcp");

        SdpAnswer answer = answerer(true, true, List.of(BOB)).answer(offer);

        assertThat(answer.isRejected()).isFalse();
        assertThat(answer.outcome().role()).isEqualTo(ConnectionRole.ACCEPT);
    }

    @Test
    void aCemaAnswererFallsBackWhenBothSidesUseRelays() {
        String offer = offer(true, true, List.of(ALICE_RELAY, MsrpUri.parse(
                "msrps://alice.example.com:7394/2s93i9ek2a;tcp")));
        MsrpUri bob = MsrpUri.parse("msrps://bob.example.com:8493/si438dsaodes;tcp");

        SdpAnswer answer = tlsAnswerer(true, List.of(BOB_RELAY, bob)).answer(offer);

        assertThat(answer.sdp()).doesNotContain("msrp-cema");
        assertThat(answer.outcome().cemaInUse()).isFalse();
        assertThat(lineStarting(answer.sdp(), "c=")).isEqualTo("c=IN IP4 bob.example.com");
    }

    @Test
    void aCemaAnswererBehindARelayPutsTheRelayInCmAndIsPassive() {
        String offer = offer(true, true, List.of(MsrpUri.parse("msrps://alice.example.com:7394/2s93i9ek2a;tcp")));
        MsrpUri bob = MsrpUri.parse("msrps://bob.example.com:8493/si438dsaodes;tcp");

        SdpAnswer answer = tlsAnswerer(true, List.of(BOB_RELAY, bob)).answer(offer);

        assertThat(answer.sdp()).contains("a=msrp-cema\r\n", "a=setup:passive\r\n",
                "c=IN IP4 relay.biloxi.example.com\r\n", "m=message 2855 TCP/TLS/MSRP *\r\n");
        assertThat(SdpNegotiation.defaults().offererOutcome(offer, answer.sdp()).dialAddress())
                .isEqualTo(InetSocketAddress.createUnresolved("relay.biloxi.example.com", 2855));
    }

    @Test
    void ipv6AddressesMatchInAnySpelling() {
        MsrpUri alice = MsrpUri.parse("msrp://[2001:db8::1]:7394/2s93i9ek2a;tcp");
        String offer = replaceLine(offer(false, true, List.of(alice)), "c=IN IP6 2001:db8::1",
                "c=IN IP6 2001:DB8:0:0:0:0:0:1");

        assertThat(answerer(true, true, List.of(BOB)).answer(offer).isRejected()).isFalse();
    }

    private static String offer(boolean cema, boolean reachable, List<MsrpUri> path) {
        boolean tls = path.get(path.size() - 1).isSecure();
        return MsrpOfferBuilder.offer().localPath(path).tls(tls).acceptTypes(List.of("text/plain"))
                .reachable(reachable).cema(cema).origin("alice", 2890844526L, 2890844527L).build();
    }

    private static MsrpAnswerer answerer(boolean cema, boolean reachable, List<MsrpUri> path) {
        return MsrpAnswerer.builder().tcpPath(path).acceptTypes(List.of("text/plain")).reachable(reachable)
                .cema(cema).build();
    }

    private static MsrpAnswerer tlsAnswerer(boolean cema, List<MsrpUri> path) {
        return MsrpAnswerer.builder().tlsPath(path).acceptTypes(List.of("text/plain")).cema(cema).build();
    }

    /** Rewrites the session c= line and the m= port, as an anchoring middlebox does. */
    private static String middlebox(String sdp, String address, int port) {
        String withC = replaceLine(sdp, lineStarting(sdp, "c="), "c=IN IP4 " + address);
        String m = lineStarting(withC, "m=");
        String[] fields = m.split(" ");
        fields[1] = Integer.toString(port);
        return replaceLine(withC, m, String.join(" ", fields));
    }
}
