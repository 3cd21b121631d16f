package org.parley.msrp.tls;

import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.msrp.core.MsrpConnection;
import org.parley.msrp.core.MsrpTlsVerificationException;
import org.parley.msrp.core.MsrpServer;
import org.parley.msrp.core.MsrpSession;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.core.MsrpStack;
import org.parley.msrp.core.MsrpStackOptions;
import org.parley.msrp.core.MsrpStatusException;
import org.parley.msrp.core.OutgoingMessage;
import org.parley.msrp.core.testing.RecordingListener;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.msrp.core.testing.Futures.failure;

/**
 * Without SDP fingerprints, TLS peers are verified by PKIX against a trust store, with the host of the peer's
 * {@code a=path} checked against the certificate (RFC 4975 §14.2, §5.4). The CA is generated in the test.
 */
class PkixSessionTest {

    private static final LocalCertificate CA = LocalCertificate.certificateAuthority("Parley Test CA",
            Duration.ofDays(2));
    private static final LocalCertificate OTHER_CA = LocalCertificate.certificateAuthority("Somebody Else's CA",
            Duration.ofDays(2));
    private static final LocalCertificate BOB = LocalCertificate.issuedBy("127.0.0.1", CA, Duration.ofDays(1));
    private static final LocalCertificate ALICE = LocalCertificate.issuedBy("alice.example.com", CA,
            Duration.ofDays(1));

    private final MsrpStack aliceStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
    private final MsrpStack bobStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
    private final RecordingListener aliceListener = new RecordingListener();
    private final RecordingListener bobListener = new RecordingListener();

    @AfterEach
    void stop() throws Exception {
        aliceStack.closeAsync().get(10, TimeUnit.SECONDS);
        bobStack.closeAsync().get(10, TimeUnit.SECONDS);
    }

    private MsrpServer bobListens(LocalCertificate identity) throws Exception {
        return bobStack.listen(new InetSocketAddress("127.0.0.1", 0),
                TlsConnectionSecurity.pkix(identity, CA.asTrustStore(), null, SslProvider.JDK)).get(10, TimeUnit.SECONDS);
    }

    private static java.util.function.Predicate<MsrpConnection> peerTrusted(String host) {
        try {
            return TlsConnectionSecurity.peerTrusted(CA.asTrustStore(), host);
        } catch (javax.net.ssl.SSLException e) {
            throw new IllegalStateException(e);
        }
    }

    private MsrpSession[] sessions(MsrpServer server, String expectedClientName) {
        MsrpSession alice = aliceStack.newSession(MsrpSessionOptions.builder().secure(true).build(), aliceListener);
        MsrpSession bob = bobStack.newSession(MsrpSessionOptions.builder().secure(true)
                .localPort(server.localAddress().getPort()).build(), bobListener);
        alice.remotePath(List.of(bob.localUri()));
        bob.remotePath(List.of(alice.localUri()));
        bob.inboundCheck(peerTrusted(expectedClientName));
        return new MsrpSession[] {alice, bob};
    }

    @Test
    void certificatesFromTheTrustedCaNamingTheHostsAreAccepted() throws Exception {
        MsrpServer server = bobListens(BOB);
        MsrpSession[] pair = sessions(server, "alice.example.com");
        MsrpConnection connection = aliceStack.connect(server.localAddress(),
                TlsConnectionSecurity.pkix(ALICE, CA.asTrustStore(), "127.0.0.1", SslProvider.JDK)).get(10, TimeUnit.SECONDS);
        pair[0].attachActive(connection).get(10, TimeUnit.SECONDS);
        pair[0].send(OutgoingMessage.text("trusted")).get(10, TimeUnit.SECONDS);
        assertThat(RecordingListener.text(bobListener.nextReceived())).isEqualTo("trusted");
    }

    @Test
    void aServerCertificateForAnotherHostIsRefused() throws Exception {
        MsrpServer server = bobListens(BOB);
        sessions(server, "alice.example.com");
        Throwable refused = failure(aliceStack.connect(server.localAddress(),
                TlsConnectionSecurity.pkix(ALICE, CA.asTrustStore(), "bob.example.com", SslProvider.JDK)));
        assertThat(refused).isInstanceOf(MsrpTlsVerificationException.class);
    }

    @Test
    void aServerCertificateFromAnUntrustedCaIsRefused() throws Exception {
        MsrpServer server = bobListens(LocalCertificate.issuedBy("127.0.0.1", OTHER_CA, Duration.ofDays(1)));
        sessions(server, "alice.example.com");
        Throwable refused = failure(aliceStack.connect(server.localAddress(),
                TlsConnectionSecurity.pkix(ALICE, CA.asTrustStore(), "127.0.0.1", SslProvider.JDK)));
        assertThat(refused).isInstanceOf(MsrpTlsVerificationException.class);
    }

    @Test
    void aClientWhoseCertificateNamesAnotherHostThanItsPathCannotBindTheSession() throws Exception {
        MsrpServer server = bobListens(BOB);
        MsrpSession[] pair = sessions(server, "carol.example.com");
        MsrpConnection connection = aliceStack.connect(server.localAddress(),
                TlsConnectionSecurity.pkix(ALICE, CA.asTrustStore(), "127.0.0.1", SslProvider.JDK)).get(10, TimeUnit.SECONDS);
        Throwable refused = failure(pair[0].attachActive(connection));
        assertThat(refused).isInstanceOf(MsrpStatusException.class);
        assertThat(((MsrpStatusException) refused).status().code()).isEqualTo(481);
        assertThat(bobListener.received).isEmpty();
    }

    @Test
    void namesMatchBySubjectAlternativeNameWithOneLabelWildcards() {
        LocalCertificate wildcard = LocalCertificate.issuedBy("*.example.com", CA, Duration.ofDays(1));
        assertThat(CertificateNames.names(wildcard.certificate(), "alice.example.com")).isTrue();
        assertThat(CertificateNames.names(wildcard.certificate(), "ALICE.Example.COM")).isTrue();
        assertThat(CertificateNames.names(wildcard.certificate(), "a.b.example.com")).isFalse();
        assertThat(CertificateNames.names(wildcard.certificate(), "example.com")).isFalse();
        assertThat(CertificateNames.names(BOB.certificate(), "127.0.0.1")).isTrue();
        assertThat(CertificateNames.names(BOB.certificate(), "127.0.0.2")).isFalse();
        assertThat(CertificateNames.names(BOB.certificate(), "localhost")).isFalse();
    }
}
