package org.parley.msrp.tls;

import io.netty.util.NetUtil;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.parley.msrp.sdp.Fingerprint;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Objects;

/**
 * This endpoint's TLS identity: a private key and its certificate chain, leaf first. Loaded from PKCS#12 or PEM, or
 * generated self-signed; a self-signed certificate is what peer-to-peer MSRP usually uses, with its fingerprint in
 * the SDP (RFC 4975 §14.4, RFC 8122 §5).
 *
 * <p>Immutable and thread-safe.
 */
public final class LocalCertificate {

    private static final SecureRandom RANDOM = new SecureRandom();
    /** Backdated by this much, so that a peer whose clock is a little behind still accepts a new certificate. */
    private static final Duration CLOCK_SKEW = Duration.ofHours(1);

    private final PrivateKey privateKey;
    private final List<X509Certificate> chain;

    private LocalCertificate(PrivateKey privateKey, List<X509Certificate> chain) {
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("a certificate chain needs at least the leaf certificate");
        }
        this.privateKey = Objects.requireNonNull(privateKey, "privateKey");
        this.chain = List.copyOf(chain);
        if (!keyMatchesLeaf(privateKey, this.chain.get(0))) {
            throw new IllegalArgumentException("the private key does not belong to the certificate "
                    + this.chain.get(0).getSubjectX500Principal());
        }
    }

    /** Signs a probe with the key and verifies it with the certificate's public key. */
    private static boolean keyMatchesLeaf(PrivateKey key, X509Certificate leaf) {
        String algorithm = "EC".equals(key.getAlgorithm()) ? "SHA256withECDSA"
                : "RSA".equals(key.getAlgorithm()) ? "SHA256withRSA" : null;
        if (algorithm == null) {
            // Other key types (EdDSA, DSA) are left to the TLS handshake to reject if they do not match.
            return true;
        }
        try {
            byte[] probe = "parley key check".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(probe);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /**
     * Wraps a key and chain the application already has.
     *
     * @param privateKey the private key of the leaf certificate
     * @param chain the chain, leaf first
     * @return the identity
     * @throws IllegalArgumentException if the chain is empty or the key does not belong to its leaf
     */
    public static LocalCertificate of(PrivateKey privateKey, List<X509Certificate> chain) {
        return new LocalCertificate(privateKey, chain);
    }

    /**
     * Generates an ECDSA P-256 key and a self-signed certificate for it, valid from an hour ago for {@code validity}.
     *
     * @param commonName the subject's common name, also written as a subject alternative name (an IP address one for
     *     an IP literal, a DNS one otherwise)
     * @param validity how long the certificate is valid
     * @return the identity
     */
    public static LocalCertificate selfSigned(String commonName, Duration validity) {
        Instant now = Instant.now();
        return selfSigned(commonName, now.minus(CLOCK_SKEW), now.plus(validity));
    }

    /**
     * Generates an ECDSA P-256 key and a self-signed certificate with the given validity period (for example an
     * expired one, for tests).
     *
     * @param commonName the subject's common name, also written as a DNS subject alternative name
     * @param notBefore the start of the validity period
     * @param notAfter the end of the validity period
     * @return the identity
     */
    public static LocalCertificate selfSigned(String commonName, Instant notBefore, Instant notAfter) {
        KeyPair keys = newKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        return new LocalCertificate(keys.getPrivate(), List.of(sign(subject, keys, subject, keys.getPrivate(),
                notBefore, notAfter, false, commonName)));
    }

    /**
     * Generates a key and a certificate for it issued by {@code issuer} (a CA certificate), valid from an hour ago for
     * {@code validity}: for deployments and tests with their own certificate authority (PKIX, RFC 4975 §14.2).
     *
     * @param commonName the subject's common name, also written as a DNS subject alternative name
     * @param issuer the issuing identity, whose certificate must be a CA
     * @param validity how long the certificate is valid
     * @return the identity, with the issuer's chain after the new leaf
     */
    public static LocalCertificate issuedBy(String commonName, LocalCertificate issuer, Duration validity) {
        KeyPair keys = newKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        X500Name issuerName = X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        Instant now = Instant.now();
        List<X509Certificate> chain = new ArrayList<>();
        chain.add(sign(subject, keys, issuerName, issuer.privateKey(), now.minus(CLOCK_SKEW), now.plus(validity),
                false, commonName));
        chain.addAll(issuer.chain);
        return new LocalCertificate(keys.getPrivate(), chain);
    }

    /**
     * Generates a self-signed certificate authority, to issue certificates with {@link #issuedBy}.
     *
     * @param commonName the CA's common name
     * @param validity how long it is valid
     * @return the CA's identity
     */
    public static LocalCertificate certificateAuthority(String commonName, Duration validity) {
        KeyPair keys = newKeyPair();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        Instant now = Instant.now();
        return new LocalCertificate(keys.getPrivate(), List.of(sign(subject, keys, subject, keys.getPrivate(),
                now.minus(CLOCK_SKEW), now.plus(validity), true, null)));
    }

    /**
     * Loads a key and its chain from a PKCS#12 file.
     *
     * @param in the PKCS#12 bytes
     * @param password the store's and the key's password
     * @return the identity of the first key entry
     * @throws IOException if the store cannot be read, the password is wrong, or it holds no key
     */
    public static LocalCertificate fromPkcs12(InputStream in, char[] password) throws IOException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            for (String alias : Collections.list(store.aliases())) {
                Certificate[] stored = store.isKeyEntry(alias) ? store.getCertificateChain(alias) : null;
                if (stored != null) {
                    List<X509Certificate> chain = new ArrayList<>();
                    for (Certificate certificate : stored) {
                        chain.add((X509Certificate) certificate);
                    }
                    return new LocalCertificate((PrivateKey) store.getKey(alias, password), chain);
                }
            }
            throw new IOException("the PKCS#12 store holds no private key with its certificate chain");
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the PKCS#12 store: " + e.getMessage(), e);
        }
    }

    /**
     * Loads a key and its chain from PEM text: the certificates ({@code CERTIFICATE} blocks, leaf first) and the
     * unencrypted private key ({@code PRIVATE KEY}, {@code EC PRIVATE KEY} or {@code RSA PRIVATE KEY}).
     *
     * @param certificates the PEM certificate chain
     * @param privateKey the PEM private key
     * @return the identity
     * @throws IOException if the PEM cannot be read, holds no certificate or no unencrypted key, or the key does not
     *     belong to the first certificate
     */
    public static LocalCertificate fromPem(Reader certificates, Reader privateKey) throws IOException {
        JcaX509CertificateConverter converter = new JcaX509CertificateConverter();
        List<X509Certificate> chain = new ArrayList<>();
        try (PEMParser parser = new PEMParser(certificates)) {
            for (Object item; (item = parser.readObject()) != null; ) {
                if (item instanceof X509CertificateHolder) {
                    chain.add(converter.getCertificate((X509CertificateHolder) item));
                }
            }
        } catch (CertificateException e) {
            throw new IOException("cannot read a PEM certificate: " + e.getMessage(), e);
        }
        if (chain.isEmpty()) {
            throw new IOException("the PEM text holds no CERTIFICATE block");
        }
        JcaPEMKeyConverter keys = new JcaPEMKeyConverter();
        try (PEMParser parser = new PEMParser(privateKey)) {
            for (Object item; (item = parser.readObject()) != null; ) {
                PrivateKeyInfo info = item instanceof PEMKeyPair ? ((PEMKeyPair) item).getPrivateKeyInfo()
                        : item instanceof PrivateKeyInfo ? (PrivateKeyInfo) item : null;
                if (info != null) {
                    // An EC key may come without its public half: only the private key info is needed.
                    try {
                        return new LocalCertificate(keys.getPrivateKey(info), chain);
                    } catch (IllegalArgumentException e) {
                        throw new IOException(e.getMessage(), e);
                    }
                }
            }
        }
        throw new IOException("the PEM text holds no unencrypted private key");
    }

    /**
     * Returns the private key.
     *
     * @return the key of the leaf certificate
     */
    public PrivateKey privateKey() {
        return privateKey;
    }

    /**
     * Returns the leaf certificate.
     *
     * @return the certificate peers see first
     */
    public X509Certificate certificate() {
        return chain.get(0);
    }

    /**
     * Returns the chain.
     *
     * @return the certificates, leaf first
     */
    public List<X509Certificate> chain() {
        return chain;
    }

    /**
     * Returns a trust store that trusts this certificate, typically a certificate authority's, for PKIX verification
     * of peers whose SDP gives no fingerprint (see {@code TlsConnectionSecurity.pkix}).
     *
     * @return a new in-memory PKCS#12 store with the leaf certificate as its one trusted entry
     */
    public KeyStore asTrustStore() {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            store.setCertificateEntry("trusted", certificate());
            return store;
        } catch (GeneralSecurityException | IOException e) {
            throw new IllegalStateException("the JDK cannot make an in-memory PKCS#12 store", e);
        }
    }

    /**
     * Returns the leaf certificate's fingerprint for the SDP {@code a=fingerprint} attribute.
     *
     * @param hashFunction one of {@link CertificateFingerprints#supportedHashes()}
     * @return the fingerprint
     */
    public Fingerprint fingerprint(String hashFunction) {
        return CertificateFingerprints.of(certificate(), hashFunction);
    }

    /**
     * Returns the leaf certificate's SHA-256 fingerprint, the one Parley writes into its SDP by default.
     *
     * @return the fingerprint
     */
    public Fingerprint fingerprint() {
        return fingerprint(CertificateFingerprints.DEFAULT_HASH);
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot make P-256 keys", e);
        }
    }

    private static X509Certificate sign(X500Name subject, KeyPair subjectKeys, X500Name issuer, PrivateKey issuerKey,
                                        Instant notBefore, Instant notAfter, boolean ca, String dnsName) {
        try {
            JcaX509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(issuer,
                    new BigInteger(64, RANDOM).abs().add(BigInteger.ONE), Date.from(notBefore), Date.from(notAfter),
                    subject, subjectKeys.getPublic());
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(ca));
            if (dnsName != null) {
                // An IP literal is an iPAddress name, which hostname verification of an address looks for.
                int type = NetUtil.isValidIpV4Address(dnsName) || NetUtil.isValidIpV6Address(dnsName)
                        ? GeneralName.iPAddress : GeneralName.dNSName;
                builder.addExtension(Extension.subjectAlternativeName, false,
                        new GeneralNames(new GeneralName(type, dnsName)));
            }
            return new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
        } catch (OperatorCreationException | CertificateException | IOException e) {
            throw new IllegalStateException("cannot sign a certificate", e);
        }
    }
}
