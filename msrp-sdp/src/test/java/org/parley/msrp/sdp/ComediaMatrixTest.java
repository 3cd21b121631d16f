package org.parley.msrp.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.msrp.sdp.ConnectionRole.ACCEPT;
import static org.parley.msrp.sdp.ConnectionRole.CONNECT;
import static org.parley.msrp.sdp.SdpFixtures.ALICE;
import static org.parley.msrp.sdp.SdpFixtures.ALICE_TLS;
import static org.parley.msrp.sdp.SdpFixtures.BOB;
import static org.parley.msrp.sdp.SdpFixtures.BOB_TLS;
import static org.parley.msrp.sdp.SdpFixtures.lineStarting;
import static org.parley.msrp.sdp.SdpFixtures.replaceLine;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.msrp.core.codec.MsrpUri;

/**
 * The COMEDIA negotiation matrix (RFC 6135 §4.2, RFC 4145 §4.1): the offer's a=setup × whether the answerer is
 * reachable × TCP or TLS. Offers with {@code actpass} and {@code active} come from {@link MsrpOfferBuilder}; offers
 * with {@code passive}, {@code holdconn} or no a=setup, which Parley never sends, stand for other implementations.
 * For every row both sides settle the exchange and exactly one of them connects, to where the other listens.
 */
class ComediaMatrixTest {

    private static final Fingerprint ALICE_FINGERPRINT = Fingerprint.of("sha-256",
            HexFormat.of().parseHex("A1".repeat(32)));
    private static final Fingerprint BOB_FINGERPRINT = Fingerprint.of("sha-256",
            HexFormat.of().parseHex("B0".repeat(32)));

    static Stream<Arguments> matrix() {
        // offer's a=setup ("none" = absent), answerer reachable, answer's a=setup, offerer's role
        Object[][] table = {
            {"actpass", true, SetupRole.PASSIVE, CONNECT},
            {"actpass", false, SetupRole.ACTIVE, ACCEPT},
            {"active", true, SetupRole.PASSIVE, CONNECT},
            {"active", false, SetupRole.PASSIVE, CONNECT},
            {"passive", true, SetupRole.ACTIVE, ACCEPT},
            {"passive", false, SetupRole.ACTIVE, ACCEPT},
            {"holdconn", true, SetupRole.PASSIVE, CONNECT},
            {"holdconn", false, SetupRole.PASSIVE, CONNECT},
            {"none", true, SetupRole.PASSIVE, CONNECT},
            {"none", false, SetupRole.PASSIVE, CONNECT},
        };
        List<Arguments> rows = new ArrayList<>();
        for (boolean tls : new boolean[] {false, true}) {
            for (Object[] row : table) {
                rows.add(Arguments.of(row[0], row[1], tls, row[2], row[3]));
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "offer {0}, answerer reachable {1}, TLS {2} -> answer {3}, offerer {4}")
    @MethodSource("matrix")
    void bothSidesAgreeOnWhoConnectsWhere(String offered, boolean answererReachable, boolean tls,
            SetupRole expectedAnswer, ConnectionRole expectedOffererRole) {
        String offerSdp = offer(offered, tls);
        MsrpAnswerer answerer = MsrpAnswerer.builder().tcpPath(List.of(BOB)).tlsPath(List.of(BOB_TLS))
                .fingerprints(List.of(BOB_FINGERPRINT)).acceptTypes(List.of("text/plain"))
                .reachable(answererReachable).build();

        SdpAnswer answer = answerer.answer(offerSdp);
        MsrpMediaDescription offerMedia = MsrpMediaDescription.parse(offerSdp);
        MsrpMediaDescription answerMedia = MsrpMediaDescription.parse(answer.sdp());
        NegotiationOutcome offerer = SdpNegotiation.defaults().offererOutcome(offerMedia, answerMedia);
        NegotiationOutcome answererOutcome = answer.outcome();

        // RFC 6135 §4.2.1: the answer always states its role; RFC 4145 §4.1: and it fits the offer.
        assertThat(answer.isRejected()).isFalse();
        assertThat(answerMedia.setup()).contains(expectedAnswer);
        assertThat(lineStarting(answer.sdp(), "a=setup:")).isEqualTo("a=setup:" + expectedAnswer);
        assertThat(offerer.role()).isEqualTo(expectedOffererRole);
        assertThat(answererOutcome.role()).isNotEqualTo(offerer.role());

        NegotiationOutcome connecting = offerer.role() == CONNECT ? offerer : answererOutcome;
        NegotiationOutcome accepting = connecting == offerer ? answererOutcome : offerer;
        MsrpUri listener = accepting.localPath().get(0);
        assertThat(listener.port()).isNotEqualTo(9);
        assertThat(connecting.dialAddress())
                .isEqualTo(InetSocketAddress.createUnresolved(listener.host(), listener.port()));
        assertThat(accepting.dialAddress()).isNull();
        // The accepting side authenticates the first SEND by the connecting side's path (RFC 4975 §5.4).
        assertThat(accepting.remotePath()).isEqualTo(connecting.localPath());
        assertThat(offerer.remotePath()).isEqualTo(answerMedia.path());
        assertThat(answererOutcome.remotePath()).isEqualTo(offerMedia.path());

        // An endpoint that says active puts port 9 in m= and in its own path URI (RFC 6135 §4.2.2).
        if (expectedAnswer == SetupRole.ACTIVE) {
            assertThat(answerMedia.port()).isEqualTo(9);
            assertThat(answerMedia.path().get(0).port()).isEqualTo(9);
        } else {
            assertThat(answerMedia.port()).isEqualTo(8493);
        }
        if (offered.equals("active")) {
            assertThat(offerMedia.port()).isEqualTo(9);
            assertThat(offerMedia.path().get(0).port()).isEqualTo(9);
        }

        // RFC 6135 §4.4: a=connection is never sent.
        assertThat(answer.sdp()).doesNotContain("a=connection");
        assertThat(offerer.isTls()).isEqualTo(tls);
        assertThat(answererOutcome.isTls()).isEqualTo(tls);
        assertThat(answerMedia.transport()).isEqualTo(offerMedia.transport());
        assertThat(offerer.remoteFingerprints()).isEqualTo(tls ? List.of(BOB_FINGERPRINT) : List.of());
        assertThat(answererOutcome.remoteFingerprints()).isEqualTo(tls ? List.of(ALICE_FINGERPRINT) : List.of());
        assertThat(offerer.localPath().get(0).isSecure()).isEqualTo(tls);
        assertThat(answererOutcome.localPath().get(0).isSecure()).isEqualTo(tls);
    }

    /** Alice's offer with the given a=setup: built for actpass and active, edited for the others. */
    private static String offer(String setup, boolean tls) {
        MsrpOfferBuilder builder = MsrpOfferBuilder.offer().acceptTypes(List.of("text/plain", "message/cpim"))
                .reachable(!setup.equals("active"));
        if (tls) {
            builder.tls(true).localPath(List.of(ALICE_TLS)).fingerprints(List.of(ALICE_FINGERPRINT));
        } else {
            builder.localPath(List.of(ALICE));
        }
        String built = builder.build();
        return switch (setup) {
            case "actpass", "active" -> built;
            case "none" -> built.replace("a=setup:actpass\r\n", "");
            default -> replaceLine(built, "a=setup:actpass", "a=setup:" + setup);
        };
    }
}
