package org.parley.msrp.tls;

import org.parley.msrp.sdp.Fingerprint;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Certificate fingerprints as SDP carries them (RFC 8122 §5): a hash of the certificate's DER encoding.
 *
 * <p>Thread-safe; stateless.
 */
public final class CertificateFingerprints {

    /** The hash function Parley writes into its own SDP (RFC 8122 §5: SHA-256 at least). */
    public static final String DEFAULT_HASH = "sha-256";

    /** The hash functions accepted from peers, by their SDP names, with their JDK algorithm names. */
    private static final Map<String, String> ALGORITHMS = Map.of(
            "sha-1", "SHA-1",
            "sha-224", "SHA-224",
            "sha-256", "SHA-256",
            "sha-384", "SHA-384",
            "sha-512", "SHA-512");

    /** The supported hash functions, weakest first (RFC 8122 §5.1 prefers the strongest). */
    private static final List<String> STRENGTH = List.of("sha-1", "sha-224", "sha-256", "sha-384", "sha-512");

    private CertificateFingerprints() {
    }

    /**
     * Returns the hash functions a peer's fingerprint may use.
     *
     * @return the SDP names, such as {@code sha-256}
     */
    public static Set<String> supportedHashes() {
        return ALGORITHMS.keySet();
    }

    /**
     * Computes a certificate's fingerprint.
     *
     * @param certificate the certificate
     * @param hashFunction an SDP hash name from {@link #supportedHashes()}, in any case
     * @return the fingerprint
     * @throws IllegalArgumentException if the hash function is not supported ({@code md5} and {@code md2} never are,
     *     RFC 8122 §5)
     */
    public static Fingerprint of(X509Certificate certificate, String hashFunction) {
        Objects.requireNonNull(certificate, "certificate");
        String algorithm = ALGORITHMS.get(hashFunction.toLowerCase(java.util.Locale.ROOT));
        if (algorithm == null) {
            throw new IllegalArgumentException("unsupported fingerprint hash " + hashFunction + "; supported: "
                    + supportedHashes());
        }
        try {
            return Fingerprint.of(hashFunction, MessageDigest.getInstance(algorithm).digest(certificate.getEncoded()));
        } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
            throw new IllegalStateException("cannot hash a certificate with " + algorithm, e);
        }
    }

    /**
     * Tells whether a certificate matches one peer's fingerprints (RFC 8122 §5, §5.1): of the fingerprints whose hash
     * function this side supports, only those with the strongest one count, so that a weak hash cannot stand in for
     * a strong one; with none left, nothing matches.
     *
     * @param certificate the peer's leaf certificate
     * @param fingerprints the fingerprints of the peer's SDP
     * @return whether one of the strongest supported fingerprints equals the certificate's
     */
    public static boolean matches(X509Certificate certificate, Collection<Fingerprint> fingerprints) {
        String strongest = null;
        for (Fingerprint fingerprint : fingerprints) {
            if (fingerprint.isUsable() && ALGORITHMS.containsKey(fingerprint.hashFunction())
                    && (strongest == null || STRENGTH.indexOf(fingerprint.hashFunction()) > STRENGTH.indexOf(strongest))) {
                strongest = fingerprint.hashFunction();
            }
        }
        return strongest != null && fingerprints.contains(of(certificate, strongest));
    }

    /**
     * Tells whether a certificate matches any fingerprint of a set gathered from many peers, hashing the certificate
     * at most once per supported hash function (a listening socket's admission check, with the precise check per
     * session following).
     *
     * @param certificate the leaf certificate presented
     * @param fingerprints the fingerprints of every peer awaited
     * @return whether one of them is the certificate's
     */
    public static boolean matchesAny(X509Certificate certificate, Collection<Fingerprint> fingerprints) {
        Set<Fingerprint> expected = fingerprints instanceof Set ? (Set<Fingerprint>) fingerprints
                : new HashSet<>(fingerprints);
        Set<String> hashes = new HashSet<>();
        for (Fingerprint fingerprint : expected) {
            if (fingerprint.isUsable() && ALGORITHMS.containsKey(fingerprint.hashFunction())
                    && hashes.add(fingerprint.hashFunction()) && expected.contains(of(certificate,
                    fingerprint.hashFunction()))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Tells whether any of a peer's fingerprints can be checked here.
     *
     * @param fingerprints the fingerprints of the peer's SDP
     * @return whether at least one uses a supported hash function
     */
    public static boolean anySupported(Collection<Fingerprint> fingerprints) {
        return fingerprints.stream().anyMatch(f -> f.isUsable() && ALGORITHMS.containsKey(f.hashFunction()));
    }
}
