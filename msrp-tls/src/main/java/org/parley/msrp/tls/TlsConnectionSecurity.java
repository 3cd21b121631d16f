package org.parley.msrp.tls;

import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeTimeoutException;
import io.netty.handler.ssl.SslProvider;
import org.parley.msrp.core.ConnectionSecurity;
import org.parley.msrp.core.MsrpConnection;
import org.parley.msrp.core.MsrpConnectionException;
import org.parley.msrp.core.MsrpTlsVerificationException;
import org.parley.msrp.sdp.Fingerprint;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * TLS for MSRP connections ({@code msrps}, {@code TCP/TLS/MSRP}; RFC 4975 §14, RFC 6135 §4.3): the side that opened
 * the TCP connection is the TLS client, both sides present their certificate, and each verifies the other's against
 * the fingerprints of its SDP (RFC 8122 §5), or by PKIX when the SDP gives none (RFC 4975 §14.2). A failed verification closes the connection before any MSRP byte is
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
    /** With PKIX: the host the server's certificate must name (RFC 4975 §14.2); null with fingerprints. */
    private final String peerHost;

    private TlsConnectionSecurity(SslContext client, SslContext server, String peerHost) {
        this.client = client;
        this.server = server;
        this.peerHost = peerHost;
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
                MsrpTlsContexts.server(local, trust, provider), null);
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
        return accepting(local, acceptable, null, () -> false, provider);
    }

    /**
     * Makes the security of a listening socket as {@link #accepting(LocalCertificate, Supplier, SslProvider)} does,
     * also letting in a client whose certificate matches no fingerprint but is trusted by PKIX against
     * {@code trustStore}: the session it binds must then check the client with {@link #peerTrusted(KeyStore, String)}.
     *
     * <p>While {@code admitUnknown} says true (an offer of this side waits for an answer whose sender may connect
     * first, RFC 6135 §4.2), any certificate within its validity period gets through the handshake; the session its
     * first request names must then check it (see {@link FingerprintTrustManager}).
     *
     * @param local this endpoint's identity
     * @param acceptable the fingerprints acceptable now
     * @param trustStore the trusted certificate authorities, or null for fingerprints only
     * @param admitUnknown whether a peer whose fingerprint is not known yet may be awaited
     * @param provider the TLS implementation
     * @return the security
     * @throws SSLException if the identity, the trust store or the provider is unusable
     */
    public static TlsConnectionSecurity accepting(LocalCertificate local,
                                                  Supplier<? extends Collection<Fingerprint>> acceptable,
                                                  KeyStore trustStore, BooleanSupplier admitUnknown,
                                                  SslProvider provider) throws SSLException {
        FingerprintTrustManager trust = new FingerprintTrustManager(acceptable,
                trustStore == null ? null : pkixTrust(trustStore), admitUnknown);
        return new TlsConnectionSecurity(MsrpTlsContexts.client(local, trust, provider),
                MsrpTlsContexts.server(local, trust, provider), null);
    }

    /**
     * Makes the security of connections verified by PKIX, for peers whose SDP gives no fingerprint (RFC 4975 §14.2):
     * the peer's chain must lead to a certificate of {@code trustStore}, be valid now, and, on the side that connects,
     * name {@code peerHost} (the host of the peer's {@code a=path} URI) in a subject alternative name. The listening
     * side checks a client per session with {@link #peerTrusted(KeyStore, String)}.
     *
     * @param local this endpoint's identity
     * @param trustStore the trusted certificate authorities
     * @param peerHost the host the peer's certificate must name, or null on a listening socket
     * @param provider the TLS implementation
     * @return the security
     * @throws SSLException if the identity, the trust store or the provider is unusable
     */
    public static TlsConnectionSecurity pkix(LocalCertificate local, KeyStore trustStore, String peerHost,
                                             SslProvider provider) throws SSLException {
        X509ExtendedTrustManager trust = pkixTrust(trustStore);
        return new TlsConnectionSecurity(MsrpTlsContexts.client(local, trust, provider),
                MsrpTlsContexts.server(local, trust, provider), peerHost);
    }

    private static X509ExtendedTrustManager pkixTrust(KeyStore trustStore) throws SSLException {
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(trustStore);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager) {
                    return (X509ExtendedTrustManager) manager;
                }
            }
            throw new SSLException("the JDK offers no X.509 trust manager");
        } catch (GeneralSecurityException e) {
            throw new SSLException("unusable trust store: " + e.getMessage(), e);
        }
    }

    /**
     * Returns a check for {@link org.parley.msrp.core.MsrpSession#inboundCheck} with PKIX: the connection's TLS peer
     * presented a chain that {@code trustStore} trusts, valid now, whose leaf names {@code host}, the host of the
     * peer's {@code a=path} URI (RFC 4975 §5.4: "comparing the hostname part of the target URI in the SDP ... against
     * the SubjectAltName in the client certificate"). The chain is checked here again, whatever let the connection
     * through its handshake.
     *
     * @param trustStore the trusted certificate authorities
     * @param host a DNS name (a {@code *.} wildcard in the certificate covers one label) or an IP address literal
     * @return the check
     * @throws SSLException if the trust store is unusable
     */
    public static Predicate<MsrpConnection> peerTrusted(KeyStore trustStore, String host) throws SSLException {
        Objects.requireNonNull(host, "host");
        X509ExtendedTrustManager trust = pkixTrust(trustStore);
        return connection -> {
            X509Certificate[] chain = x509Chain(connection);
            if (chain.length == 0 || !CertificateNames.names(chain[0], host)) {
                return false;
            }
            try {
                trust.checkClientTrusted(chain, chain[0].getPublicKey().getAlgorithm());
                return true;
            } catch (CertificateException e) {
                return false;
            }
        };
    }

    private static X509Certificate[] x509Chain(MsrpConnection connection) {
        return connection.peerCertificates().stream().filter(X509Certificate.class::isInstance)
                .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
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
        return connection -> {
            X509Certificate[] chain = x509Chain(connection);
            if (chain.length == 0 || !CertificateFingerprints.matches(chain[0], expected)) {
                return false;
            }
            try {
                chain[0].checkValidity();
                return true;
            } catch (CertificateException e) {
                return false;
            }
        };
    }

    @Override
    public CompletableFuture<Void> secure(Channel channel, boolean opener) {
        SslHandler ssl;
        if (opener && peerHost != null) {
            // PKIX on the connecting side: the JDK checks the server's certificate names the peer's host.
            InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
            ssl = client.newHandler(channel.alloc(), peerHost, remote == null ? -1 : remote.getPort());
            SSLParameters parameters = ssl.engine().getSSLParameters();
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.engine().setSSLParameters(parameters);
        } else {
            ssl = (opener ? client : server).newHandler(channel.alloc());
        }
        channel.pipeline().addLast("tls", ssl);
        CompletableFuture<Void> secured = new CompletableFuture<>();
        ssl.handshakeFuture().addListener(f -> {
            if (f.isSuccess()) {
                secured.complete(null);
            } else if (isVerificationFailure(f.cause())) {
                secured.completeExceptionally(new MsrpTlsVerificationException("TLS with " + channel.remoteAddress()
                        + " failed: " + rootMessage(f.cause()), f.cause()));
            } else {
                // A handshake timeout, a closed channel or a peer that does not speak TLS: not a verdict on the peer.
                secured.completeExceptionally(new MsrpConnectionException("TLS with " + channel.remoteAddress()
                        + " did not complete: " + rootMessage(f.cause()), f.cause()));
            }
        });
        return secured;
    }

    /** Whether a failed handshake is a verdict on a certificate (ours or the peer's), or a transport problem. */
    private static boolean isVerificationFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SslHandshakeTimeoutException) {
                return false;
            }
            if (cause instanceof CertificateException || cause instanceof SSLHandshakeException) {
                return true;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable cause = Objects.requireNonNull(failure);
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause.getMessage() == null ? cause.toString() : cause.getMessage();
    }
}
