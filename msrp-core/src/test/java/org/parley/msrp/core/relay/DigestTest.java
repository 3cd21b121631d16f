package org.parley.msrp.core.relay;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Digest answers to relay challenges (RFC 4976 §9.1), checked against the published RFC 2617 and RFC 7616 vectors. */
class DigestTest {

    @Test
    void answersTheRfc2617ExampleWithMd5() {
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"testrealm@host.com\", qop=\"auth,auth-int\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
        String header = new DigestCredentials("Mufasa", "Circle Of Life")
                .authorize(challenge, "GET", "/dir/index.html", 1, "0a4f113b");
        assertThat(header).isEqualTo("Digest username=\"Mufasa\", realm=\"testrealm@host.com\","
                + " nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\", uri=\"/dir/index.html\", qop=auth, nc=00000001,"
                + " cnonce=\"0a4f113b\", response=\"6629fae49393a05397450978507c4ef1\","
                + " opaque=\"5ccc069c403ebaf9f0171e9517f40e41\"");
    }

    @Test
    void answersTheRfc7616ExampleWithSha256AndMd5() {
        String common = "realm=\"http-auth@example.org\", qop=\"auth, auth-int\","
                + " nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\","
                + " opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\"";
        DigestCredentials mufasa = new DigestCredentials("Mufasa", "Circle of Life");
        String cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        assertThat(mufasa.authorize(DigestChallenge.parse("Digest " + common + ", algorithm=SHA-256"), "GET",
                "/dir/index.html", 1, cnonce))
                .contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\"")
                .contains(", algorithm=SHA-256");
        assertThat(mufasa.authorize(DigestChallenge.parse("Digest " + common + ", algorithm=MD5"), "GET",
                "/dir/index.html", 1, cnonce))
                .contains("response=\"8ca523f5e9506fed4657c9700eebdbec\"").doesNotContain("algorithm");
    }

    @Test
    void readsTheChallengeOfRfc4976Section51() {
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=\"intra.example.com\", qop=\"auth\", "
                + "nonce=\"dcd98b7102dd2f0e8b11d0f600bfb0c093\"");
        assertThat(challenge.realm()).isEqualTo("intra.example.com");
        assertThat(challenge.nonce()).isEqualTo("dcd98b7102dd2f0e8b11d0f600bfb0c093");
        assertThat(challenge.qop()).containsExactly("auth");
        assertThat(challenge.algorithm()).isEqualTo("MD5");
        assertThat(challenge.opaque()).isEmpty();
        assertThat(challenge.stale()).isFalse();
        String header = new DigestCredentials("Alice", "secret").authorize(challenge, "AUTH",
                "msrps://alice@intra.example.com;tcp", 2, "0a4f113b");
        assertThat(header).contains("uri=\"msrps://alice@intra.example.com;tcp\"", "qop=auth", "nc=00000002",
                "cnonce=\"0a4f113b\"");
    }

    @Test
    void readsQuotedEscapesAndParameterNamesInAnyCase() {
        DigestChallenge challenge = DigestChallenge.parse("DIGEST REALM=\"a \\\"quoted\\\" realm\",NONCE=abc,"
                + "QOP=\"auth\",STALE=TRUE");
        assertThat(challenge.realm()).isEqualTo("a \"quoted\" realm");
        assertThat(challenge.nonce()).isEqualTo("abc");
        assertThat(challenge.stale()).isTrue();
        String header = new DigestCredentials("u", "p").authorize(challenge, "AUTH", "msrp://r;tcp", 1, "c");
        assertThat(header).contains("realm=\"a \\\"quoted\\\" realm\"");
    }

    @Test
    void refusesWhatMsrpDoesNotAllow() {
        assertThatThrownBy(() -> DigestChallenge.parse("Basic realm=\"r\"")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> DigestChallenge.parse("Digest qop=\"auth\"")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("realm and a nonce");
        assertThatThrownBy(() -> DigestChallenge.parse("Digest realm=\"r, nonce=n")).isInstanceOf(
                IllegalArgumentException.class);
        DigestCredentials credentials = new DigestCredentials("u", "p");
        assertThatThrownBy(() -> credentials.authorize(DigestChallenge.parse("Digest realm=r, nonce=n"), "AUTH",
                "msrp://r;tcp", 1)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("qop=auth");
        assertThatThrownBy(() -> credentials.authorize(DigestChallenge.parse(
                "Digest realm=r, nonce=n, qop=\"auth\", algorithm=MD5-sess"), "AUTH", "msrp://r;tcp", 1))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("MD5-sess");
        assertThat(credentials.toString()).doesNotContain("p]");
    }

    @Test
    void eachAnswerHasAFreshClientNonce() {
        DigestChallenge challenge = DigestChallenge.parse("Digest realm=r, nonce=n, qop=\"auth\"");
        DigestCredentials credentials = new DigestCredentials("u", "p");
        assertThat(credentials.authorize(challenge, "AUTH", "msrp://r;tcp", 1))
                .isNotEqualTo(credentials.authorize(challenge, "AUTH", "msrp://r;tcp", 1));
    }
}
