package org.parley.msrp.comedia;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.msrp.comedia.testing.KamailioRelay;
import org.parley.msrp.core.MsrpSendResult;
import org.parley.msrp.core.MsrpSession;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.core.MsrpStack;
import org.parley.msrp.core.MsrpStackOptions;
import org.parley.msrp.core.MsrpStatusException;
import org.parley.msrp.core.OutgoingMessage;
import org.parley.msrp.core.codec.MsrpUri;
import org.parley.msrp.core.relay.DigestCredentials;
import org.parley.msrp.core.relay.RelayGrant;
import org.parley.msrp.core.testing.RecordingListener;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.msrp.core.testing.Futures.failure;

/**
 * Two Parley clients behind a real Kamailio MSRP relay (RFC 4976): each authenticates with Digest, gets its Use-Path,
 * and they talk through the relay, which answers each SEND itself (hop by hop).
 */
class RelayInteropTest {

    @TempDir
    Path workDir;

    private KamailioRelay relay;
    private final MsrpStack aliceStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
    private final MsrpStack bobStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
    private final RecordingListener aliceListener = new RecordingListener();
    private final RecordingListener bobListener = new RecordingListener();

    @AfterEach
    void stop() throws Exception {
        aliceStack.closeAsync().get(10, TimeUnit.SECONDS);
        bobStack.closeAsync().get(10, TimeUnit.SECONDS);
        if (relay != null) {
            relay.close();
        }
    }

    /** A session of {@code stack} connected to the relay; its URI names its real socket, as the relay needs. */
    private MsrpSession behindRelay(MsrpStack stack, RecordingListener listener) throws Exception {
        var connection = stack.connect(new InetSocketAddress(relay.address(), relay.tcpPort()))
                .get(10, TimeUnit.SECONDS);
        MsrpSession session = stack.newSession(MsrpSessionOptions.builder()
                .localPort(connection.localAddress().getPort())
                // The relay forwards frames up to about 11 KB only.
                .chunkSize(8 * 1024).build(), listener);
        session.attach(connection).get(10, TimeUnit.SECONDS);
        return session;
    }

    @Test
    void twoClientsAuthenticateAndTalkThroughTheRelay() throws Exception {
        assertThat(KamailioRelay.available()).as(KamailioRelay.NOT_INSTALLED).isTrue();
        relay = KamailioRelay.start(workDir, "parley", "s3cret");
        MsrpUri relayUri = MsrpUri.parse(relay.msrpUri());
        DigestCredentials credentials = new DigestCredentials("parley", "s3cret");
        MsrpSession alice = behindRelay(aliceStack, aliceListener);
        MsrpSession bob = behindRelay(bobStack, bobListener);
        RelayGrant aliceGrant = alice.authenticate(relayUri, credentials, Duration.ofSeconds(600))
                .get(10, TimeUnit.SECONDS);
        RelayGrant bobGrant = bob.authenticate(relayUri, credentials, Duration.ofSeconds(600))
                .get(10, TimeUnit.SECONDS);
        assertThat(aliceGrant.expires()).isEqualTo(Duration.ofSeconds(600));
        assertThat(aliceGrant.usePath()).hasSize(1).isNotEqualTo(bobGrant.usePath());

        // To-Path: the peer's relay URI, then the peer (RFC 4976 §5.1: Use-Path, then the peer's SDP path).
        alice.remotePath(bobGrant.toPathTo(List.of(bob.localUri())));
        bob.remotePath(aliceGrant.toPathTo(List.of(alice.localUri())));
        alice.send(OutgoingMessage.text("through the relay")).get(10, TimeUnit.SECONDS);
        assertThat(RecordingListener.text(bobListener.nextReceived())).isEqualTo("through the relay");
        bob.send(OutgoingMessage.text("and back")).get(10, TimeUnit.SECONDS);
        assertThat(RecordingListener.text(aliceListener.nextReceived())).isEqualTo("and back");
    }

    @Test
    void aWrongPasswordEndsInA401() throws Exception {
        assertThat(KamailioRelay.available()).as(KamailioRelay.NOT_INSTALLED).isTrue();
        relay = KamailioRelay.start(workDir, "parley", "s3cret");
        MsrpSession alice = behindRelay(aliceStack, aliceListener);
        Throwable refused = failure(alice.authenticate(MsrpUri.parse(relay.msrpUri()),
                new DigestCredentials("parley", "wrong"), Duration.ZERO));
        assertThat(refused).isInstanceOf(MsrpStatusException.class);
        assertThat(((MsrpStatusException) refused).status().code()).isEqualTo(401);
    }

    @Test
    void anExpiresBelowTheRelaysMinimumIsCorrectedOnTheWire() throws Exception {
        assertThat(KamailioRelay.available()).as(KamailioRelay.NOT_INSTALLED).isTrue();
        relay = KamailioRelay.start(workDir, "parley", "s3cret");
        MsrpSession alice = behindRelay(aliceStack, aliceListener);
        RelayGrant grant = alice.authenticate(MsrpUri.parse(relay.msrpUri()),
                new DigestCredentials("parley", "s3cret"), Duration.ofSeconds(5)).get(10, TimeUnit.SECONDS);
        assertThat(grant.expires()).isEqualTo(Duration.ofSeconds(relay.minExpires()));
    }

    @Test
    void grantsAreRefreshedSoTheRelayKeepsForwardingPastTheFirstExpiry() throws Exception {
        assertThat(KamailioRelay.available()).as(KamailioRelay.NOT_INSTALLED).isTrue();
        relay = KamailioRelay.builder().user("parley").password("s3cret").expires(1, 5).start(workDir);
        MsrpUri relayUri = MsrpUri.parse(relay.msrpUri());
        DigestCredentials credentials = new DigestCredentials("parley", "s3cret");
        MsrpSession alice = behindRelay(aliceStack, aliceListener);
        MsrpSession bob = behindRelay(bobStack, bobListener);
        RelayGrant aliceGrant = alice.authenticate(relayUri, credentials, Duration.ofSeconds(2))
                .get(10, TimeUnit.SECONDS);
        RelayGrant bobGrant = bob.authenticate(relayUri, credentials, Duration.ofSeconds(2)).get(10, TimeUnit.SECONDS);
        alice.remotePath(bobGrant.toPathTo(List.of(bob.localUri())));
        bob.remotePath(aliceGrant.toPathTo(List.of(alice.localUri())));
        // Twice the grant's time: without refreshes the relay would answer 481 (its session table expires).
        Thread.sleep(4_000);
        alice.send(OutgoingMessage.text("still here")).get(10, TimeUnit.SECONDS);
        assertThat(RecordingListener.text(bobListener.nextReceived())).isEqualTo("still here");
        // Two first AUTHs and at least one refresh from each side, each extending the URI it names.
        assertThat(relay.logText().split("AUTH ok: session", -1).length - 1).isGreaterThanOrEqualTo(4);
    }

    /** Both sessions authenticated at the relay and pointed at each other through it. */
    private MsrpSession[] pairThroughRelay() throws Exception {
        MsrpUri relayUri = MsrpUri.parse(relay.msrpUri());
        DigestCredentials credentials = new DigestCredentials("parley", "s3cret");
        MsrpSession alice = behindRelay(aliceStack, aliceListener);
        MsrpSession bob = behindRelay(bobStack, bobListener);
        RelayGrant aliceGrant = alice.authenticate(relayUri, credentials, Duration.ZERO).get(10, TimeUnit.SECONDS);
        RelayGrant bobGrant = bob.authenticate(relayUri, credentials, Duration.ZERO).get(10, TimeUnit.SECONDS);
        alice.remotePath(bobGrant.toPathTo(List.of(bob.localUri())));
        bob.remotePath(aliceGrant.toPathTo(List.of(alice.localUri())));
        return new MsrpSession[] {alice, bob};
    }

    @Test
    void aFiveMebibyteFileGoesThroughTheRelayWithAnEndToEndSuccessReport() throws Exception {
        assertThat(KamailioRelay.available()).as(KamailioRelay.NOT_INSTALLED).isTrue();
        relay = KamailioRelay.start(workDir, "parley", "s3cret");
        MsrpSession[] pair = pairThroughRelay();
        byte[] file = new byte[5 * 1024 * 1024];
        new java.util.Random(42).nextBytes(file);
        MsrpSendResult result = pair[0].send(OutgoingMessage.builder(
                org.parley.msrp.core.codec.MsrpContentType.parse("application/octet-stream"),
                org.parley.msrp.core.MessageSource.of(file))
                .successReport(org.parley.msrp.core.codec.SuccessReport.YES).build()).get(60, TimeUnit.SECONDS);
        // The relay's 200s are hop by hop; the REPORT comes from Bob, through the relay (RFC 4976 §6).
        assertThat(result.confirmedBySuccessReport()).isTrue();
        assertThat(result.size()).isEqualTo(file.length);
        var received = bobListener.nextReceived();
        assertThat(((org.parley.msrp.core.InMemoryMessageSink) received.sink()).bytes()).isEqualTo(file);
    }

    @Test
    void whenTheRelayDiesEverySenderIsTold() throws Exception {
        assertThat(KamailioRelay.available()).as(KamailioRelay.NOT_INSTALLED).isTrue();
        relay = KamailioRelay.start(workDir, "parley", "s3cret");
        MsrpSession[] pair = pairThroughRelay();
        byte[] large = new byte[64 * 1024 * 1024];
        var inFlight = pair[0].send(OutgoingMessage.bytes("application/octet-stream", large));
        var fromBob = pair[1].send(OutgoingMessage.bytes("application/octet-stream", large));
        relay.kill();
        assertThat(failure(inFlight)).isInstanceOf(org.parley.msrp.core.MsrpConnectionException.class);
        assertThat(failure(fromBob)).isInstanceOf(org.parley.msrp.core.MsrpConnectionException.class);
        assertThat(aliceListener.closed.get(10, TimeUnit.SECONDS)).isInstanceOf(
                org.parley.msrp.core.MsrpConnectionException.class);
        assertThat(pair[0].isConnected()).isFalse();
    }

    @Test
    void authenticatesOverTlsToTheRelay() throws Exception {
        assertThat(KamailioRelay.available()).as(KamailioRelay.NOT_INSTALLED).isTrue();
        relay = KamailioRelay.start(workDir, "parley", "s3cret");
        org.parley.msrp.tls.LocalCertificate me = org.parley.msrp.tls.LocalCertificate.selfSigned("127.0.0.1",
                Duration.ofDays(1));
        var connection = aliceStack.connect(new InetSocketAddress(relay.address(), relay.tlsPort()),
                org.parley.msrp.tls.TlsConnectionSecurity.toPeer(me, List.of(relay.certificate().fingerprint()),
                        io.netty.handler.ssl.SslProvider.JDK)).get(10, TimeUnit.SECONDS);
        MsrpSession alice = aliceStack.newSession(MsrpSessionOptions.builder().secure(true)
                .localPort(connection.localAddress().getPort()).build(), aliceListener);
        alice.attach(connection).get(10, TimeUnit.SECONDS);
        RelayGrant grant = alice.authenticate(MsrpUri.parse(relay.msrpsUri()), new DigestCredentials("parley",
                "s3cret"), Duration.ZERO).get(10, TimeUnit.SECONDS);
        assertThat(grant.usePath().get(0).toString()).startsWith("msrps://");
        assertThat(connection.peerCertificates()).containsExactly(relay.certificate().certificate());
    }
}
