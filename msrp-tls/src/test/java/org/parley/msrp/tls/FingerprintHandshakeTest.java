package org.parley.msrp.tls;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.msrp.sdp.Fingerprint;

import javax.net.ssl.SSLHandshakeException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.cert.CertificateException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real TLS handshakes over loopback between a client and a server that verify each other by SDP fingerprints
 * (RFC 8122 §5, RFC 4975 §14.4): TLS 1.3 or 1.2, both certificates checked, failures before any application byte.
 */
class FingerprintHandshakeTest {

    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private static final LocalCertificate ALICE = LocalCertificate.selfSigned("alice.example.com", Duration.ofDays(1));
    private static final LocalCertificate BOB = LocalCertificate.selfSigned("bob.example.com", Duration.ofDays(1));
    private static final LocalCertificate MALLORY = LocalCertificate.selfSigned("bob.example.com", Duration.ofDays(1));

    @AfterAll
    static void stop() {
        GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The outcome of one handshake on each side. */
    private record Outcome(Throwable server, Throwable client, String protocol) {
    }

    private static Outcome handshake(SslContext serverContext, SslContext clientContext) throws Exception {
        CompletableFuture<Throwable> server = new CompletableFuture<>();
        CompletableFuture<Throwable> client = new CompletableFuture<>();
        CompletableFuture<String> protocol = new CompletableFuture<>();
        Channel listening = new ServerBootstrap().group(GROUP).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        SslHandler ssl = serverContext.newHandler(channel.alloc());
                        channel.pipeline().addLast(ssl);
                        ssl.handshakeFuture().addListener(f -> server.complete(f.cause()));
                    }
                }).bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)).sync().channel();
        try {
            Channel connection = new Bootstrap().group(GROUP).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel channel) {
                            SslHandler ssl = clientContext.newHandler(channel.alloc());
                            channel.pipeline().addLast(ssl);
                            ssl.handshakeFuture().addListener(f -> {
                                client.complete(f.cause());
                                protocol.complete(f.isSuccess() ? ssl.engine().getSession().getProtocol() : null);
                            });
                        }
                    }).connect(listening.localAddress()).sync().channel();
            Outcome outcome = new Outcome(server.get(10, TimeUnit.SECONDS), client.get(10, TimeUnit.SECONDS),
                    protocol.get(10, TimeUnit.SECONDS));
            connection.close().sync();
            return outcome;
        } finally {
            listening.close().sync();
        }
    }

    /**
     * The JDK's TLS, and BoringSSL through netty-tcnative where the test dependency brings it (Linux on x86-64, as
     * in CI): there it must work.
     */
    static List<SslProvider> providers() {
        boolean linuxX64 = System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT).contains("linux")
                && List.of("amd64", "x86_64").contains(System.getProperty("os.arch"));
        if (linuxX64) {
            assertThat(OpenSsl.isAvailable()).as("netty-tcnative: %s", OpenSsl.unavailabilityCause()).isTrue();
            return List.of(SslProvider.JDK, SslProvider.OPENSSL);
        }
        return List.of(SslProvider.JDK);
    }

    static Stream<Arguments> providersAndHashes() {
        return providers().stream().flatMap(provider -> CertificateFingerprints.supportedHashes().stream().sorted()
                .map(hash -> Arguments.of(provider, hash)));
    }

    private static SslContext server(SslProvider provider, LocalCertificate local, List<Fingerprint> clientFingerprints)
            throws Exception {
        return MsrpTlsContexts.server(local, FingerprintTrustManager.of(clientFingerprints), provider);
    }

    private static SslContext client(SslProvider provider, LocalCertificate local, List<Fingerprint> serverFingerprints)
            throws Exception {
        return MsrpTlsContexts.client(local, FingerprintTrustManager.of(serverFingerprints), provider);
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("providersAndHashes")
    void matchingFingerprintsOfEachHashLetBothSidesIn(SslProvider provider, String hash) throws Exception {
        Outcome outcome = handshake(server(provider, BOB, List.of(ALICE.fingerprint(hash))),
                client(provider, ALICE, List.of(BOB.fingerprint(hash))));
        assertThat(outcome.server()).isNull();
        assertThat(outcome.client()).isNull();
        assertThat(outcome.protocol()).isIn("TLSv1.3", "TLSv1.2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void oneMatchingFingerprintAmongSeveralIsEnough(SslProvider provider) throws Exception {
        Outcome outcome = handshake(server(provider, BOB, List.of(MALLORY.fingerprint(), ALICE.fingerprint("sha-512"))),
                client(provider, ALICE, List.of(BOB.fingerprint())));
        assertThat(outcome.server()).isNull();
        assertThat(outcome.client()).isNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void theClientRefusesAServerWhoseCertificateIsNotTheOneInTheSdp(SslProvider provider) throws Exception {
        // Mallory answers on Bob's address with her own certificate.
        Outcome outcome = handshake(server(provider, MALLORY, List.of(ALICE.fingerprint())),
                client(provider, ALICE, List.of(BOB.fingerprint())));
        assertThat(outcome.client()).isInstanceOf(SSLHandshakeException.class);
        assertThat(rootCause(outcome.client())).isInstanceOf(CertificateException.class)
                .hasMessageContaining("matches none of the SDP fingerprints");
        assertThat(outcome.server()).isNotNull();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void theServerRefusesAClientWhoseCertificateIsNotTheOneInTheSdp(SslProvider provider) throws Exception {
        Outcome outcome = handshake(server(provider, BOB, List.of(ALICE.fingerprint())),
                client(provider, MALLORY, List.of(BOB.fingerprint())));
        assertThat(outcome.server()).isInstanceOf(SSLHandshakeException.class);
        assertThat(rootCause(outcome.server())).isInstanceOf(CertificateException.class)
                .hasMessageContaining("matches none of the SDP fingerprints");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void theServerRefusesAClientWithoutCertificate(SslProvider provider) throws Exception {
        SslContext anonymousClient = io.netty.handler.ssl.SslContextBuilder.forClient().sslProvider(provider)
                .protocols(MsrpTlsContexts.PROTOCOLS).trustManager(FingerprintTrustManager.of(List.of(BOB.fingerprint())))
                .build();
        Outcome outcome = handshake(server(provider, BOB, List.of(ALICE.fingerprint())), anonymousClient);
        assertThat(outcome.server()).isInstanceOf(SSLHandshakeException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void anExpiredCertificateIsRefusedEvenWithAMatchingFingerprint(SslProvider provider) throws Exception {
        LocalCertificate expired = LocalCertificate.selfSigned("old.example.com",
                Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)));
        Outcome outcome = handshake(server(provider, BOB, List.of(expired.fingerprint())),
                client(provider, expired, List.of(BOB.fingerprint())));
        assertThat(outcome.server()).isInstanceOf(SSLHandshakeException.class);
        assertThat(rootCause(outcome.server())).isInstanceOf(java.security.cert.CertificateExpiredException.class);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("providers")
    void withoutAnyUsableFingerprintNobodyIsTrusted(SslProvider provider) throws Exception {
        Fingerprint unknownHash = Fingerprint.parse("sha3-256 " + BOB.fingerprint().valueHex());
        Outcome outcome = handshake(server(provider, BOB, List.of(ALICE.fingerprint())), client(provider, ALICE, List.of(unknownHash)));
        assertThat(rootCause(outcome.client())).isInstanceOf(CertificateException.class)
                .hasMessageContaining("no SDP fingerprint with a supported hash function");
    }
}
