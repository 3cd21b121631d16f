package org.parley.msrp.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.parley.msrp.sdp.SdpFixtures.ALICE;
import static org.parley.msrp.sdp.SdpFixtures.BOB;
import static org.parley.msrp.sdp.SdpFixtures.replaceLine;

import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the offerer settles answers, including answers that do not fit the offer. */
class SdpNegotiationTest {

    private static final String ACTPASS_OFFER = offer(true);
    private static final String ACTIVE_OFFER = offer(false);
    private static final String ANSWER = MsrpAnswerer.builder().tcpPath(List.of(BOB))
            .acceptTypes(List.of("text/plain")).build().answer(ACTPASS_OFFER).sdp();

    @ParameterizedTest(name = "offer {0}, answer {1}")
    @CsvSource({"actpass, passive, CONNECT", "actpass, active, ACCEPT", "actpass, holdconn, CONNECT",
        "actpass, none, CONNECT", "active, passive, CONNECT", "active, none, CONNECT", "active, holdconn, CONNECT"})
    void theOffererTakesTheRoleTheAnswerLeavesIt(String offered, String answered, ConnectionRole role) {
        String offer = offered.equals("active") ? ACTIVE_OFFER : ACTPASS_OFFER;

        NegotiationOutcome alice = SdpNegotiation.defaults().offererOutcome(offer, withSetup(ANSWER, answered));

        assertThat(alice.role()).isEqualTo(role);
        assertThat(alice.dialAddress()).isEqualTo(role == ConnectionRole.CONNECT
                ? InetSocketAddress.createUnresolved("bob.example.com", 8493) : null);
        assertThat(alice.toString()).startsWith("NegotiationOutcome[" + role);
    }

    @ParameterizedTest(name = "offer {0}, answer {1}")
    @CsvSource({"active, active", "actpass, actpass", "active, actpass"})
    void anAnswerThatDoesNotFitTheOfferFails(String offered, String answered) {
        String offer = offered.equals("active") ? ACTIVE_OFFER : ACTPASS_OFFER;

        SdpNegotiationException e = catchThrowableOfType(SdpNegotiationException.class,
                () -> SdpNegotiation.defaults().offererOutcome(offer, withSetup(ANSWER, answered)));

        assertThat(e.rule()).isEqualTo("RFC 4145 §4.1");
        assertThat(e.line()).isEqualTo("a=setup:" + answered);
        assertThat(e).hasMessageStartingWith("a=setup:" + answered + " in the answer does not fit a=setup:" + offered);
    }

    @Test
    void aPassiveOfferAnsweredWithoutSetupFails() {
        String passiveOffer = replaceLine(ACTPASS_OFFER, "a=setup:actpass", "a=setup:passive");

        SdpNegotiationException e = catchThrowableOfType(SdpNegotiationException.class,
                () -> SdpNegotiation.defaults().offererOutcome(passiveOffer, withSetup(ANSWER, "none")));

        assertThat(e).hasMessageStartingWith("a=setup:passive (implied) in the answer does not fit a=setup:passive");
        assertThat(e.line()).isEqualTo("m=message 8493 TCP/MSRP *");
    }

    @Test
    void aRejectedAnswerFails() {
        String rejected = replaceLine(ANSWER, "m=message 8493 TCP/MSRP *", "m=message 0 TCP/MSRP *");

        assertThatThrownBy(() -> SdpNegotiation.defaults().offererOutcome(ACTPASS_OFFER, rejected))
                .isExactlyInstanceOf(SdpNegotiationException.class)
                .hasMessage("the answer rejects the MSRP stream with port 0, in line \"m=message 0 TCP/MSRP *\" "
                        + "(RFC 3264 §6)");
    }

    @Test
    void anAnswerWithAnotherTransportFails() {
        String tls = replaceLine(replaceLine(ANSWER, "m=message 8493 TCP/MSRP *", "m=message 8493 TCP/TLS/MSRP *"),
                "a=path:" + BOB, "a=path:" + SdpFixtures.BOB_TLS);

        assertThatThrownBy(() -> SdpNegotiation.defaults().offererOutcome(ACTPASS_OFFER, tls))
                .isExactlyInstanceOf(SdpNegotiationException.class)
                .hasMessageStartingWith("the answer's transport TCP/TLS/MSRP differs from the offered TCP/MSRP");
    }

    @Test
    void theAnswererSideAppliesTheConnectionLinePolicyToo() {
        SdpAnswer answer = MsrpAnswerer.builder().tcpPath(List.of(BOB)).acceptTypes(List.of("text/plain"))
                .reachable(false).negotiation(SdpNegotiation.defaults()
                        .withDialAddressPolicy(DialAddressPolicy.CONNECTION_LINE))
                .build().answer(replaceLine(ACTPASS_OFFER, "c=IN IP4 alice.example.com", "c=IN IP4 192.0.2.10"));

        assertThat(answer.outcome().role()).isEqualTo(ConnectionRole.CONNECT);
        assertThat(answer.outcome().dialAddress()).isEqualTo(InetSocketAddress.createUnresolved("192.0.2.10", 7394));
        assertThat(SdpNegotiation.defaults().withDialAddressPolicy(DialAddressPolicy.CONNECTION_LINE)
                .dialAddressPolicy()).isEqualTo(DialAddressPolicy.CONNECTION_LINE);
        assertThat(SdpNegotiation.defaults().dialAddressPolicy()).isEqualTo(DialAddressPolicy.PATH);
    }

    private static String offer(boolean reachable) {
        return MsrpOfferBuilder.offer().localPath(List.of(ALICE)).acceptTypes(List.of("text/plain"))
                .reachable(reachable).build();
    }

    private static String withSetup(String answer, String setup) {
        return setup.equals("none") ? answer.replace("a=setup:passive\r\n", "")
                : replaceLine(answer, "a=setup:passive", "a=setup:" + setup);
    }
}
