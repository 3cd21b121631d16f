package org.parley.msrp.tls;

import org.parley.msrp.sdp.Fingerprint;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Trusts a TLS peer whose leaf certificate matches a fingerprint from its SDP (RFC 8122 §5, RFC 4975 §14.4), whoever
 * issued it: peer-to-peer MSRP uses self-signed certificates. The certificate must also be within its validity
 * period. Used on both sides; the server side asks for the client's certificate.
 *
 * <p>The fingerprints are read at each handshake, so a listening side can accept the fingerprints of every session
 * that waits for its peer, and check the one session the first request names afterwards.
 *
 * <p>Thread-safe if the supplier is.
 */
public final class FingerprintTrustManager extends X509ExtendedTrustManager {

    private static final X509Certificate[] NO_ISSUERS = new X509Certificate[0];

    private final Supplier<? extends Collection<Fingerprint>> fingerprints;
    /** Checks a certificate that matches no fingerprint by PKIX instead; null to refuse it. */
    private final X509ExtendedTrustManager pkix;

    /**
     * Creates a trust manager.
     *
     * @param fingerprints supplies the fingerprints acceptable at the time of a handshake
     */
    public FingerprintTrustManager(Supplier<? extends Collection<Fingerprint>> fingerprints) {
        this(fingerprints, null);
    }

    /**
     * Creates a trust manager that falls back on PKIX: a certificate that matches no fingerprint is accepted if
     * {@code pkix} trusts it (RFC 4975 §14.2, for peers whose SDP gives no fingerprint). The host name is then for
     * the caller to check.
     *
     * @param fingerprints supplies the fingerprints acceptable at the time of a handshake
     * @param pkix the PKIX trust manager of a trust store, or null for fingerprints only
     */
    public FingerprintTrustManager(Supplier<? extends Collection<Fingerprint>> fingerprints,
                                   X509ExtendedTrustManager pkix) {
        this.fingerprints = Objects.requireNonNull(fingerprints, "fingerprints");
        this.pkix = pkix;
    }

    /** A PKIX check of the same certificate, made when no fingerprint matches. */
    @FunctionalInterface
    private interface PkixCheck {
        void check(X509ExtendedTrustManager pkix) throws CertificateException;
    }

    /**
     * Creates a trust manager for one peer.
     *
     * @param fingerprints the fingerprints of the peer's SDP
     * @return the trust manager
     */
    public static FingerprintTrustManager of(List<Fingerprint> fingerprints) {
        List<Fingerprint> copy = List.copyOf(fingerprints);
        return new FingerprintTrustManager(() -> copy);
    }

    private void verify(X509Certificate[] chain, PkixCheck byPkix) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the peer sent no certificate");
        }
        X509Certificate leaf = chain[0];
        List<Fingerprint> expected = List.copyOf(fingerprints.get());
        if (pkix != null && !CertificateFingerprints.matches(leaf, expected)) {
            byPkix.check(pkix);
            return;
        }
        if (!CertificateFingerprints.anySupported(expected)) {
            throw new CertificateException("no SDP fingerprint with a supported hash function ("
                    + CertificateFingerprints.supportedHashes() + ") to check the peer's certificate against");
        }
        if (!CertificateFingerprints.matches(leaf, expected)) {
            throw new CertificateException("the peer's certificate " + leaf.getSubjectX500Principal()
                    + " (sha-256 " + CertificateFingerprints.of(leaf, "sha-256").valueHex()
                    + ") matches none of the SDP fingerprints " + expected);
        }
        leaf.checkValidity();
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        verify(chain, trust -> trust.checkClientTrusted(chain, authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        verify(chain, trust -> trust.checkServerTrusted(chain, authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        verify(chain, trust -> trust.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        verify(chain, trust -> trust.checkServerTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        verify(chain, trust -> trust.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        verify(chain, trust -> trust.checkServerTrusted(chain, authType, engine));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return NO_ISSUERS;
    }
}
