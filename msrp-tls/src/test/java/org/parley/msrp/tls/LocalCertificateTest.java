package org.parley.msrp.tls;

import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.msrp.sdp.Fingerprint;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalCertificateTest {

    private static final LocalCertificate ALICE = LocalCertificate.selfSigned("alice.example.com", Duration.ofDays(1));

    @ParameterizedTest
    @CsvSource({"sha-1, SHA-1, 20", "sha-224, SHA-224, 28", "sha-256, SHA-256, 32", "sha-384, SHA-384, 48",
            "sha-512, SHA-512, 64", "SHA-256, SHA-256, 32"})
    void fingerprintsAreTheHashOfTheDerCertificate(String hash, String algorithm, int bytes) throws Exception {
        Fingerprint fingerprint = ALICE.fingerprint(hash);
        assertThat(fingerprint.value()).hasSize(bytes)
                .isEqualTo(MessageDigest.getInstance(algorithm).digest(ALICE.certificate().getEncoded()));
        assertThat(fingerprint.toAttributeValue()).startsWith(hash.toLowerCase() + " ");
        assertThat(CertificateFingerprints.matches(ALICE.certificate(), List.of(fingerprint))).isTrue();
    }

    @Test
    void theDefaultFingerprintIsSha256() {
        assertThat(ALICE.fingerprint().hashFunction()).isEqualTo("sha-256");
    }

    @Test
    void md5AndUnknownHashesAreNeitherMadeNorMatched() throws Exception {
        assertThatThrownBy(() -> ALICE.fingerprint("md5")).isInstanceOf(IllegalArgumentException.class);
        Fingerprint md5 = Fingerprint.of("md5", MessageDigest.getInstance("MD5").digest(
                ALICE.certificate().getEncoded()));
        Fingerprint unknown = Fingerprint.parse("sha3-256 " + ALICE.fingerprint().valueHex());
        // RFC 8122 §5: md5 must not be used, unknown functions are ignored; nothing is left to match.
        assertThat(CertificateFingerprints.matches(ALICE.certificate(), List.of(md5, unknown))).isFalse();
        assertThat(CertificateFingerprints.anySupported(List.of(md5, unknown))).isFalse();
    }

    @Test
    void aSelfSignedCertificateNamesItsHostAndIsNoCa() throws Exception {
        X509Certificate certificate = ALICE.certificate();
        assertThat(certificate.getSubjectX500Principal().getName()).isEqualTo("CN=alice.example.com");
        assertThat(certificate.getIssuerX500Principal()).isEqualTo(certificate.getSubjectX500Principal());
        assertThat(certificate.getBasicConstraints()).isEqualTo(-1);
        assertThat(certificate.getSubjectAlternativeNames()).containsExactly(List.of(2, "alice.example.com"));
        certificate.verify(certificate.getPublicKey());
        certificate.checkValidity();
        LocalCertificate byAddress = LocalCertificate.selfSigned("127.0.0.1", Duration.ofDays(1));
        assertThat(byAddress.certificate().getSubjectAlternativeNames()).containsExactly(List.of(7, "127.0.0.1"));
    }

    @Test
    void aCertificateIssuedByACaCarriesTheChain() throws Exception {
        LocalCertificate ca = LocalCertificate.certificateAuthority("Parley Test CA", Duration.ofDays(2));
        LocalCertificate leaf = LocalCertificate.issuedBy("bob.example.com", ca, Duration.ofDays(1));
        assertThat(leaf.chain()).hasSize(2);
        assertThat(leaf.chain().get(1)).isEqualTo(ca.certificate());
        leaf.certificate().verify(ca.certificate().getPublicKey());
        assertThat(ca.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void loadsFromPkcs12() throws Exception {
        char[] password = "secret".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("alice", ALICE.privateKey(), password, ALICE.chain().toArray(new X509Certificate[0]));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        store.store(bytes, password);

        LocalCertificate loaded = LocalCertificate.fromPkcs12(new ByteArrayInputStream(bytes.toByteArray()), password);
        assertThat(loaded.certificate()).isEqualTo(ALICE.certificate());
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(ALICE.privateKey().getEncoded());
        assertThat(loaded.fingerprint()).isEqualTo(ALICE.fingerprint());
        assertThatThrownBy(() -> LocalCertificate.fromPkcs12(new ByteArrayInputStream(bytes.toByteArray()),
                "wrong".toCharArray())).isInstanceOf(IOException.class);
    }

    private static String pem(Object object) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            writer.writeObject(object);
        }
        return text.toString();
    }

    /** A private key as "PRIVATE KEY" (PKCS#8), the way openssl genpkey writes it. */
    private static String pemKey(LocalCertificate identity) throws IOException {
        return pem(new JcaPKCS8Generator(identity.privateKey(), null));
    }

    @Test
    void loadsFromPem() throws Exception {
        String certificates = pem(ALICE.certificate());
        String key = pemKey(ALICE);
        LocalCertificate loaded = LocalCertificate.fromPem(new StringReader(certificates), new StringReader(key));
        assertThat(loaded.certificate()).isEqualTo(ALICE.certificate());
        assertThat(loaded.privateKey().getEncoded()).isEqualTo(ALICE.privateKey().getEncoded());
        assertThatThrownBy(() -> LocalCertificate.fromPem(new StringReader(key), new StringReader(key)))
                .isInstanceOf(IOException.class).hasMessageContaining("CERTIFICATE");
        assertThatThrownBy(() -> LocalCertificate.fromPem(new StringReader(certificates),
                new StringReader(certificates))).isInstanceOf(IOException.class).hasMessageContaining("private key");
    }

    @Test
    void onlyTheStrongestHashOfferedCountsAsRfc8122Section51Says() {
        LocalCertificate other = LocalCertificate.selfSigned("mallory.example.com", Duration.ofDays(1));
        // A right sha-1 does not make up for a wrong sha-256: the weak hash cannot stand in for the strong one.
        assertThat(CertificateFingerprints.matches(ALICE.certificate(),
                List.of(other.fingerprint("sha-256"), ALICE.fingerprint("sha-1")))).isFalse();
        assertThat(CertificateFingerprints.matches(ALICE.certificate(),
                List.of(ALICE.fingerprint("sha-256"), other.fingerprint("sha-1")))).isTrue();
        assertThat(CertificateFingerprints.matchesAny(ALICE.certificate(),
                List.of(other.fingerprint("sha-256"), ALICE.fingerprint("sha-1")))).isTrue();
    }

    @Test
    void aKeyThatDoesNotBelongToTheCertificateIsRefused() throws Exception {
        LocalCertificate other = LocalCertificate.selfSigned("other.example.com", Duration.ofDays(1));
        assertThatThrownBy(() -> LocalCertificate.of(other.privateKey(), ALICE.chain()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not belong");
        assertThatThrownBy(() -> LocalCertificate.fromPem(new StringReader(pem(ALICE.certificate())),
                new StringReader(pemKey(other)))).isInstanceOf(IOException.class).hasMessageContaining("does not belong");
    }
}
