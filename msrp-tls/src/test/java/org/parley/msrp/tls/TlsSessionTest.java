package org.parley.msrp.tls;

import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.msrp.core.MsrpConnection;
import org.parley.msrp.core.MsrpTlsVerificationException;
import org.parley.msrp.core.MsrpServer;
import org.parley.msrp.core.MsrpSession;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.core.MsrpStack;
import org.parley.msrp.core.MsrpStackOptions;
import org.parley.msrp.core.OutgoingMessage;
import org.parley.msrp.core.testing.RawPeer;
import org.parley.msrp.core.testing.RecordingListener;
import org.parley.msrp.sdp.Fingerprint;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.msrp.core.testing.Futures.failure;

/**
 * MSRP sessions over TLS between two stacks on loopback, verified by SDP fingerprints in both roles (RFC 4975 §14.4,
 * RFC 8122 §5): messages flow when the certificates match, nothing is delivered when they do not.
 */
class TlsSessionTest {

    private static final LocalCertificate ALICE = LocalCertificate.selfSigned("127.0.0.1", Duration.ofDays(1));
    private static final LocalCertificate BOB = LocalCertificate.selfSigned("127.0.0.1", Duration.ofDays(1));
    private static final LocalCertificate MALLORY = LocalCertificate.selfSigned("127.0.0.1", Duration.ofDays(1));

    private final MsrpStack aliceStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
    private final MsrpStack bobStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
    private final RecordingListener aliceListener = new RecordingListener();
    private final RecordingListener bobListener = new RecordingListener();
    /** The fingerprints of the peers Bob's waiting sessions negotiated. */
    private final Set<Fingerprint> bobAccepts = ConcurrentHashMap.newKeySet();
    private MsrpServer bobServer;

    private void listen(SslProvider provider) throws Exception {
        bobServer = bobStack.listen(new InetSocketAddress("127.0.0.1", 0),
                TlsConnectionSecurity.accepting(BOB, () -> bobAccepts, provider)).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        aliceStack.closeAsync().get(10, TimeUnit.SECONDS);
        bobStack.closeAsync().get(10, TimeUnit.SECONDS);
    }

    private MsrpSession[] sessions() {
        MsrpSession alice = aliceStack.newSession(MsrpSessionOptions.builder().secure(true).build(), aliceListener);
        MsrpSession bob = bobStack.newSession(MsrpSessionOptions.builder().secure(true)
                .localPort(bobServer.localAddress().getPort()).build(), bobListener);
        alice.remotePath(List.of(bob.localUri()));
        bob.remotePath(List.of(alice.localUri()));
        return new MsrpSession[] {alice, bob};
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.parley.msrp.tls.FingerprintHandshakeTest#providers")
    void matchingFingerprintsCarryMessagesBothWays(SslProvider provider) throws Exception {
        listen(provider);
        MsrpSession[] pair = sessions();
        bobAccepts.add(ALICE.fingerprint());
        pair[1].inboundCheck(TlsConnectionSecurity.peerMatches(List.of(ALICE.fingerprint())));
        MsrpConnection connection = aliceStack.connect(bobServer.localAddress(),
                TlsConnectionSecurity.toPeer(ALICE, List.of(BOB.fingerprint()), provider))
                .get(10, TimeUnit.SECONDS);
        assertThat(connection.peerCertificates()).containsExactly(BOB.certificate());
        pair[0].attachActive(connection).get(10, TimeUnit.SECONDS);
        assertThat(pair[0].localUri().toString()).startsWith("msrps://");
        pair[0].send(OutgoingMessage.text("over TLS")).get(10, TimeUnit.SECONDS);
        assertThat(RecordingListener.text(bobListener.nextReceived())).isEqualTo("over TLS");
        pair[1].send(OutgoingMessage.text("back over TLS")).get(10, TimeUnit.SECONDS);
        assertThat(RecordingListener.text(aliceListener.nextReceived())).isEqualTo("back over TLS");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.parley.msrp.tls.FingerprintHandshakeTest#providers")
    void theConnectingSideRefusesAServerWithAnotherCertificate(SslProvider provider) throws Exception {
        listen(provider);
        MsrpSession[] pair = sessions();
        bobAccepts.add(ALICE.fingerprint());
        CompletableFuture<MsrpConnection> connect = aliceStack.connect(bobServer.localAddress(),
                TlsConnectionSecurity.toPeer(ALICE, List.of(MALLORY.fingerprint()), provider));
        assertThat(failure(connect)).isInstanceOf(MsrpTlsVerificationException.class)
                .hasMessageContaining("matches none of the SDP fingerprints");
        assertThat(pair[1].isConnected()).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.parley.msrp.tls.FingerprintHandshakeTest#providers")
    void theListeningSideRefusesAClientWithAnotherCertificateAndDeliversNothing(SslProvider provider) throws Exception {
        listen(provider);
        MsrpSession[] pair = sessions();
        bobAccepts.add(ALICE.fingerprint());
        CompletableFuture<MsrpConnection> connect = aliceStack.connect(bobServer.localAddress(),
                TlsConnectionSecurity.toPeer(MALLORY, List.of(BOB.fingerprint()), provider));
        // Under TLS 1.3 the client may finish its side before the server refuses its certificate.
        Throwable outcome = connect.thenCompose(pair[0]::attachActive).handle((v, e) -> e).get(10, TimeUnit.SECONDS);
        // Typed either way: a failed handshake, or (TLS 1.3) the server's alert after the client finished.
        assertThat(outcome instanceof java.util.concurrent.CompletionException ? outcome.getCause() : outcome)
                .isInstanceOf(MsrpTlsVerificationException.class);
        assertThat(pair[1].isConnected()).isFalse();
        assertThat(bobListener.received).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.parley.msrp.tls.FingerprintHandshakeTest#providers")
    void aPeerTrustedForAnotherSessionCannotBindThisOne(SslProvider provider) throws Exception {
        listen(provider);
        MsrpSession[] pair = sessions();
        // Bob waits for Alice in this session and for Mallory in another; Mallory's certificate gets through TLS.
        bobAccepts.add(ALICE.fingerprint());
        bobAccepts.add(MALLORY.fingerprint());
        pair[1].inboundCheck(TlsConnectionSecurity.peerMatches(List.of(ALICE.fingerprint())));
        MsrpConnection connection = aliceStack.connect(bobServer.localAddress(),
                TlsConnectionSecurity.toPeer(MALLORY, List.of(BOB.fingerprint()), provider))
                .get(10, TimeUnit.SECONDS);
        // Mallory claims Alice's path, but her certificate is not the one Alice's SDP gave.
        Throwable refused = failure(pair[0].attachActive(connection));
        assertThat(refused).isInstanceOf(org.parley.msrp.core.MsrpStatusException.class);
        assertThat(((org.parley.msrp.core.MsrpStatusException) refused).status().code()).isEqualTo(481);
        assertThat(pair[1].isConnected()).isFalse();
        assertThat(bobListener.received).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("org.parley.msrp.tls.FingerprintHandshakeTest#providers")
    void aPlainTcpClientGetsNoMsrpFromATlsListener(SslProvider provider) throws Exception {
        listen(provider);
        MsrpSession[] pair = sessions();
        bobAccepts.add(ALICE.fingerprint());
        try (RawPeer plain = new RawPeer(bobServer.localAddress())) {
            plain.write("MSRP tplain SEND\r\nTo-Path: " + pair[1].localUri() + "\r\nFrom-Path: " + pair[0].localUri()
                    + "\r\nMessage-ID: m1\r\nByte-Range: 1-0/0\r\n-------tplain$\r\n");
            assertThat(plain.closedByPeer()).isTrue();
        }
        assertThat(pair[1].isConnected()).isFalse();
        assertThat(bobListener.received).isEmpty();
    }
}
