package org.parley.msrp.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import org.parley.msrp.core.ConnectionSecurity;
import org.parley.msrp.core.MsrpConnection;
import org.parley.msrp.sdp.Fingerprint;

import javax.net.ssl.SSLException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * TLS for MSRP connections ({@code msrps}, {@code TCP/TLS/MSRP}; RFC 4975 §14, RFC 6135 §4.3): the side that opened
 * the TCP connection is the TLS client, both sides present their certificate, and each verifies the other's against
 * the fingerprints of its SDP (RFC 8122 §5). A failed verification closes the connection before any MSRP byte is
 * read, and fails it with {@link MsrpTlsVerificationException}.
 *
 * <pre>{@code
 * // The side that connects, to one peer:
 * stack.connect(address, TlsConnectionSecurity.toPeer(local, outcome.remoteFingerprints(), SslProvider.JDK));
 * // The side that listens: any peer a waiting session negotiated; then each session checks its own peer.
 * stack.listen(address, TlsConnectionSecurity.accepting(local, pendingFingerprints, SslProvider.JDK));
 * session.inboundCheck(TlsConnectionSecurity.peerMatches(outcome.remoteFingerprints()));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class TlsConnectionSecurity implements ConnectionSecurity {

    private final SslContext client;
    private final SslContext server;

    private TlsConnectionSecurity(SslContext client, SslContext server) {
        this.client = client;
        this.server = server;
    }

    /**
     * Makes the security of connections to one peer, whose SDP gave {@code peerFingerprints}.
     *
     * @param local this endpoint's identity
     * @param peerFingerprints the peer's {@code a=fingerprint} values
     * @param provider {@link SslProvider#JDK}, or {@link SslProvider#OPENSSL} with netty-tcnative present
     * @return the security, for either side of the connection
     * @throws SSLException if the identity or the provider is unusable
     */
    public static TlsConnectionSecurity toPeer(LocalCertificate local, List<Fingerprint> peerFingerprints,
                                               SslProvider provider) throws SSLException {
        FingerprintTrustManager trust = FingerprintTrustManager.of(peerFingerprints);
        return new TlsConnectionSecurity(MsrpTlsContexts.client(local, trust, provider),
                MsrpTlsContexts.server(local, trust, provider));
    }

    /**
     * Makes the security of a listening socket shared by many sessions: a client is let in when its certificate
     * matches a fingerprint that {@code acceptable} gives at the time of the handshake, typically those of every
     * session waiting for its peer. Each session then checks that the peer is its own with
     * {@link #peerMatches(List)}.
     *
     * @param local this endpoint's identity
     * @param acceptable the fingerprints acceptable now
     * @param provider the TLS implementation
     * @return the security
     * @throws SSLException if the identity or the provider is unusable
     */
    public static TlsConnectionSecurity accepting(LocalCertificate local,
                                                  Supplier<? extends Collection<Fingerprint>> acceptable,
                                                  SslProvider provider) throws SSLException {
        FingerprintTrustManager trust = new FingerprintTrustManager(acceptable);
        return new TlsConnectionSecurity(MsrpTlsContexts.client(local, trust, provider),
                MsrpTlsContexts.server(local, trust, provider));
    }

    /**
     * Returns a check for {@link org.parley.msrp.core.MsrpSession#inboundCheck}: the connection's TLS peer presented
     * a certificate that matches one of the session's peer fingerprints.
     *
     * @param peerFingerprints the fingerprints of the session's peer
     * @return the check
     */
    public static Predicate<MsrpConnection> peerMatches(List<Fingerprint> peerFingerprints) {
        List<Fingerprint> expected = List.copyOf(peerFingerprints);
        return connection -> !connection.peerCertificates().isEmpty()
                && connection.peerCertificates().get(0) instanceof X509Certificate
                && CertificateFingerprints.matches((X509Certificate) connection.peerCertificates().get(0), expected);
    }

    @Override
    public CompletableFuture<Void> secure(Channel channel, boolean opener) {
        SslHandler ssl = (opener ? client : server).newHandler(channel.alloc());
        channel.pipeline().addLast("tls", ssl);
        CompletableFuture<Void> secured = new CompletableFuture<>();
        ssl.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                secured.complete(null);
            } else {
                secured.completeExceptionally(new MsrpTlsVerificationException("TLS with " + channel.remoteAddress()
                        + " failed: " + rootMessage(f.cause()), f.cause()));
            }
        });
        return secured;
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = Objects.requireNonNull(failure);
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
