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
import java.util.function.BooleanSupplier;
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
    /** Whether the fingerprints are one peer's (RFC 8122 §5.1 applies) or gathered from many. */
    private final boolean onePeer;
    /** Admits a valid certificate that matches nothing, while a peer yet unknown may come; see the constructor. */
    private final BooleanSupplier admitUnknown;

    /**
     * Creates a trust manager.
     *
     * @param fingerprints supplies the fingerprints acceptable at the time of a handshake
     */
    public FingerprintTrustManager(Supplier<? extends Collection<Fingerprint>> fingerprints) {
        this(fingerprints, null, () -> false);
    }

    /**
     * Creates a trust manager that falls back on PKIX: a certificate that matches no fingerprint is accepted if
     * {@code pkix} trusts it (RFC 4975 §14.2, for peers whose SDP gives no fingerprint). The host name is then for
     * the caller to check.
     *
     * <p>{@code admitUnknown} serves a listening socket whose sessions include offers still waiting for their
     * answer: an answerer that connects at once (RFC 6135 §4.2) may present its certificate before its fingerprint is
     * known here. While it says true, a certificate within its validity period is let through the handshake, and the
     * session the first request names checks it once the answer is in; a session always checks its own peer.
     *
     * @param fingerprints supplies the fingerprints of every awaited peer at the time of a handshake
     * @param pkix the PKIX trust manager of a trust store, or null for fingerprints only
     * @param admitUnknown whether a peer whose fingerprint is not known yet may be awaited
     */
    public FingerprintTrustManager(Supplier<? extends Collection<Fingerprint>> fingerprints,
                                   X509ExtendedTrustManager pkix, BooleanSupplier admitUnknown) {
        this(fingerprints, pkix, admitUnknown, false);
    }

    private FingerprintTrustManager(Supplier<? extends Collection<Fingerprint>> fingerprints,
                                    X509ExtendedTrustManager pkix, BooleanSupplier admitUnknown, boolean onePeer) {
        this.fingerprints = Objects.requireNonNull(fingerprints, "fingerprints");
        this.pkix = pkix;
        this.admitUnknown = Objects.requireNonNull(admitUnknown, "admitUnknown");
        this.onePeer = onePeer;
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
        return new FingerprintTrustManager(() -> copy, null, () -> false, true);
    }

    private void verify(X509Certificate[] chain, PkixCheck byPkix) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("the peer sent no certificate");
        }
        X509Certificate leaf = chain[0];
        Collection<Fingerprint> expected = fingerprints.get();
        boolean matched = onePeer ? CertificateFingerprints.matches(leaf, expected)
                : CertificateFingerprints.matchesAny(leaf, expected);
        if (matched) {
            leaf.checkValidity();
            return;
        }
        if (pkix != null) {
            try {
                byPkix.check(pkix);
                return;
            } catch (CertificateException e) {
                if (!admitUnknown.getAsBoolean()) {
                    throw e;
                }
            }
        }
        if (admitUnknown.getAsBoolean()) {
            leaf.checkValidity();
            return;
        }
        if (!CertificateFingerprints.anySupported(expected)) {
            throw new CertificateException("no SDP fingerprint with a supported hash function ("
                    + CertificateFingerprints.supportedHashes() + ") to check the peer's certificate against");
        }
        throw new CertificateException("the peer's certificate " + leaf.getSubjectX500Principal()
                + " (sha-256 " + CertificateFingerprints.of(leaf, "sha-256").valueHex()
                + ") matches none of the SDP fingerprints " + expected);
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
