package org.parley.msrp.comedia;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.msrp.core.MsrpSession;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.core.MsrpStack;
import org.parley.msrp.core.MsrpStackOptions;
import org.parley.msrp.core.MsrpTlsVerificationException;
import org.parley.msrp.core.OutgoingMessage;
import org.parley.msrp.core.testing.RecordingListener;
import org.parley.msrp.sdp.ConnectionRole;
import org.parley.msrp.sdp.MsrpMediaDescription;
import org.parley.msrp.sdp.MsrpTransport;
import org.parley.msrp.tls.LocalCertificate;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.msrp.comedia.ComediaEndpointTest.endpoint;
import static org.parley.msrp.core.testing.Futures.failure;

/**
 * COMEDIA sessions over TLS (RFC 6135 §4.3, RFC 4975 §14, RFC 8122): the side that connects is the TLS client, and
 * each side verifies the other's certificate against the fingerprint of its SDP before any MSRP byte.
 */
class ComediaTlsTest {

    private static final LocalCertificate ALICE = LocalCertificate.selfSigned("127.0.0.1", Duration.ofDays(1));
    private static final LocalCertificate BOB = LocalCertificate.selfSigned("127.0.0.1", Duration.ofDays(1));
    private static final LocalCertificate MALLORY = LocalCertificate.selfSigned("127.0.0.1", Duration.ofDays(1));

    private final MsrpStack aliceStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
    private final MsrpStack bobStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
    private final RecordingListener aliceListener = new RecordingListener();
    private final RecordingListener bobListener = new RecordingListener();

    @AfterEach
    void stop() throws Exception {
        aliceStack.closeAsync().get(10, TimeUnit.SECONDS);
        bobStack.closeAsync().get(10, TimeUnit.SECONDS);
    }

    private void talk(ComediaSession alice, ComediaSession bob) throws Exception {
        MsrpSession aliceSession = alice.connected().get(10, TimeUnit.SECONDS);
        MsrpSession bobSession = bob.connected().get(10, TimeUnit.SECONDS);
        aliceSession.send(OutgoingMessage.text("secret")).get(10, TimeUnit.SECONDS);
        assertThat(RecordingListener.text(bobListener.nextReceived())).isEqualTo("secret");
        bobSession.send(OutgoingMessage.text("noted")).get(10, TimeUnit.SECONDS);
        assertThat(RecordingListener.text(aliceListener.nextReceived())).isEqualTo("noted");
    }

    @Test
    void theOffererConnectsAsTlsClientAndBothVerifyFingerprints() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.builder().tls(ALICE).build());
        ComediaEndpoint bobEnd = endpoint(bobStack, ComediaOptions.builder().tls(BOB).build());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        MsrpMediaDescription offer = MsrpMediaDescription.parse(alice.localSdp());
        assertThat(offer.transport()).isEqualTo(MsrpTransport.TCP_TLS_MSRP);
        assertThat(offer.fingerprints()).containsExactly(ALICE.fingerprint());
        assertThat(alice.session().localUri().toString()).startsWith("msrps://");
        ComediaSession bob = bobEnd.answer(alice.localSdp(), MsrpSessionOptions.defaults(), bobListener);
        assertThat(MsrpMediaDescription.parse(bob.localSdp()).fingerprints()).containsExactly(BOB.fingerprint());
        assertThat(alice.applyAnswer(bob.localSdp()).role()).isEqualTo(ConnectionRole.CONNECT);
        talk(alice, bob);
    }

    @Test
    void anActiveAnswererIsTheTlsClient() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.builder().tls(ALICE).build());
        ComediaEndpoint bobEnd = endpoint(bobStack, ComediaOptions.builder().tls(BOB).reachable(false).build());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        ComediaSession bob = bobEnd.answer(alice.localSdp(), MsrpSessionOptions.defaults(), bobListener);
        assertThat(bob.outcome().orElseThrow().role()).isEqualTo(ConnectionRole.CONNECT);
        alice.applyAnswer(bob.localSdp());
        talk(alice, bob);
    }

    @Test
    void aCertificateThatIsNotTheOneInTheAnswerFailsTheSessionAndDeliversNothing() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.builder().tls(ALICE).build());
        // Mallory's endpoint answers, but the SDP that reaches Alice carries Bob's fingerprint.
        ComediaEndpoint malloryEnd = endpoint(bobStack, ComediaOptions.builder().tls(MALLORY).build());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        ComediaSession mallory = malloryEnd.answer(alice.localSdp(), MsrpSessionOptions.defaults(), bobListener);
        String forged = mallory.localSdp().replace(MALLORY.fingerprint().valueHex(), BOB.fingerprint().valueHex());
        var queued = alice.session().send(OutgoingMessage.text("for Bob only"));
        alice.applyAnswer(forged);
        assertThat(failure(alice.connected())).isInstanceOf(MsrpTlsVerificationException.class)
                .hasMessageContaining("matches none of the SDP fingerprints");
        assertThat(failure(queued)).isInstanceOf(MsrpTlsVerificationException.class);
        assertThat(bobListener.received).isEmpty();
        assertThat(mallory.session().isConnected()).isFalse();
    }

    @Test
    void aPlainOfferToATlsEndpointIsRejected() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.defaults());
        ComediaEndpoint bobEnd = endpoint(bobStack, ComediaOptions.builder().tls(BOB).build());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        ComediaSession bob = bobEnd.answer(alice.localSdp(), MsrpSessionOptions.defaults(), bobListener);
        assertThat(bob.isRejected()).isTrue();
        assertThat(MsrpMediaDescription.parse(bob.localSdp()).port()).isZero();
    }

    /** A peer that uses a CA-issued certificate and sends no fingerprint. */
    private static String withoutFingerprints(String sdp) {
        return sdp.replaceAll("a=fingerprint:[^\r\n]*\r\n", "");
    }

    @Test
    void withoutFingerprintsBothSidesVerifyByPkixAndHostName() throws Exception {
        LocalCertificate ca = LocalCertificate.certificateAuthority("Parley Test CA", Duration.ofDays(2));
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.builder().trustStore(ca.asTrustStore())
                .tls(LocalCertificate.issuedBy("127.0.0.1", ca, Duration.ofDays(1))).build());
        ComediaEndpoint bobEnd = endpoint(bobStack, ComediaOptions.builder().trustStore(ca.asTrustStore())
                .tls(LocalCertificate.issuedBy("127.0.0.1", ca, Duration.ofDays(1))).build());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        ComediaSession bob = bobEnd.answer(withoutFingerprints(alice.localSdp()), MsrpSessionOptions.defaults(),
                bobListener);
        assertThat(bob.outcome().orElseThrow().remoteFingerprints()).isEmpty();
        alice.applyAnswer(withoutFingerprints(bob.localSdp()));
        talk(alice, bob);
    }

    @Test
    void withoutFingerprintsAndWithoutTrustStoreTheSessionFails() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.builder().tls(ALICE).build());
        ComediaEndpoint bobEnd = endpoint(bobStack, ComediaOptions.builder().tls(BOB).build());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        ComediaSession bob = bobEnd.answer(alice.localSdp(), MsrpSessionOptions.defaults(), bobListener);
        alice.applyAnswer(withoutFingerprints(bob.localSdp()));
        assertThat(failure(alice.connected())).isInstanceOf(MsrpTlsVerificationException.class)
                .hasMessageContaining("no trust store");
        assertThat(bobListener.received).isEmpty();
    }

    @Test
    void aCaIssuedCertificateForAnotherHostIsRefusedWithoutFingerprints() throws Exception {
        LocalCertificate ca = LocalCertificate.certificateAuthority("Parley Test CA", Duration.ofDays(2));
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.builder().trustStore(ca.asTrustStore())
                .tls(LocalCertificate.issuedBy("127.0.0.1", ca, Duration.ofDays(1))).build());
        ComediaEndpoint bobEnd = endpoint(bobStack, ComediaOptions.builder().trustStore(ca.asTrustStore())
                .tls(LocalCertificate.issuedBy("bob.example.com", ca, Duration.ofDays(1))).build());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        ComediaSession bob = bobEnd.answer(withoutFingerprints(alice.localSdp()), MsrpSessionOptions.defaults(),
                bobListener);
        alice.applyAnswer(withoutFingerprints(bob.localSdp()));
        // Bob's a=path says 127.0.0.1, his certificate says bob.example.com.
        assertThat(failure(alice.connected())).isInstanceOf(MsrpTlsVerificationException.class);
        assertThat(bobListener.received).isEmpty();
    }

    @Test
    void anAnswererThatConnectsLongBeforeTheAnswerArrivesIsStillLetIn() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.builder().tls(ALICE).build());
        ComediaEndpoint bobEnd = endpoint(bobStack, ComediaOptions.builder().tls(BOB).reachable(false).build());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        // Bob connects at once; Alice has not seen his fingerprint yet (RFC 6135 §4.2, the 2xx is slower).
        ComediaSession bob = bobEnd.answer(alice.localSdp(), MsrpSessionOptions.defaults(), bobListener);
        bob.session().whenConnected().get(10, TimeUnit.SECONDS);
        Thread.sleep(500);
        alice.applyAnswer(bob.localSdp());
        talk(alice, bob);
    }

    /**
     * An intruder with {@code identity} gets through the TLS handshake to Alice's endpoint and names her session:
     * the session refuses it with 481, and nothing is delivered.
     */
    private void assertRefused(MsrpStack intruderStack, LocalCertificate identity, ComediaEndpoint aliceEnd,
                               ComediaSession alice) throws Exception {
        MsrpSession intruder = intruderStack.newSession(MsrpSessionOptions.builder().secure(true).build(),
                bobListener);
        intruder.remotePath(java.util.List.of(alice.session().localUri()));
        org.parley.msrp.core.MsrpConnection connection = intruderStack.connect(aliceEnd.localAddress(),
                org.parley.msrp.tls.TlsConnectionSecurity.toPeer(identity,
                        MsrpMediaDescription.parse(alice.localSdp()).fingerprints(),
                        io.netty.handler.ssl.SslProvider.JDK)).get(10, TimeUnit.SECONDS);
        Throwable refused = failure(intruder.attachActive(connection));
        assertThat(refused).isInstanceOf(org.parley.msrp.core.MsrpStatusException.class);
        assertThat(((org.parley.msrp.core.MsrpStatusException) refused).status().code()).isEqualTo(481);
        assertThat(aliceListener.received).isEmpty();
    }

    @Test
    void beforeTheAnswerNoTlsPeerBindsASessionEvenWithSessionIdMatching() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.builder().tls(ALICE).build());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.builder()
                .inboundAuthentication(org.parley.msrp.core.InboundAuthentication.SESSION_ID).build(), aliceListener);
        // Mallory's certificate gets through the handshake while an offer waits; the session then refuses her.
        assertRefused(bobStack, MALLORY, aliceEnd, alice);
        assertThat(alice.session().isConnected()).isFalse();
        assertThat(aliceListener.received).isEmpty();
    }

    @Test
    void aSelfSignedCertificateNamingThePkixHostCannotTakeAPkixSession() throws Exception {
        LocalCertificate ca = LocalCertificate.certificateAuthority("Parley Test CA", Duration.ofDays(2));
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.builder().trustStore(ca.asTrustStore())
                .tls(LocalCertificate.issuedBy("127.0.0.1", ca, Duration.ofDays(1))).build());
        ComediaEndpoint bobEnd = endpoint(bobStack, ComediaOptions.builder().trustStore(ca.asTrustStore())
                .tls(LocalCertificate.issuedBy("127.0.0.1", ca, Duration.ofDays(1))).reachable(false).build());
        // Bob offers without fingerprint (PKIX); Alice answers with session-id matching, so only TLS guards her.
        ComediaSession bob = bobEnd.createOffer(MsrpSessionOptions.defaults(), bobListener);
        ComediaSession alice = aliceEnd.answer(withoutFingerprints(bob.localSdp()), MsrpSessionOptions.builder()
                .inboundAuthentication(org.parley.msrp.core.InboundAuthentication.SESSION_ID).build(), aliceListener);
        // A pending offer of Alice's lets any valid certificate through her handshake.
        aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        MsrpStack malloryStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
        try {
            assertRefused(malloryStack, LocalCertificate.selfSigned("127.0.0.1", Duration.ofDays(1)), aliceEnd, alice);
        } finally {
            malloryStack.closeAsync().get(10, TimeUnit.SECONDS);
        }
    }
}
