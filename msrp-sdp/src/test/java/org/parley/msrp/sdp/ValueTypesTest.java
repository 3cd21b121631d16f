package org.parley.msrp.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.msrp.sdp.SdpFixtures.ALICE;

import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.msrp.core.codec.MsrpUri;

/** The small value types and the builder's checks of its inputs. */
class ValueTypesTest {

    @Test
    void fingerprintsNormaliseTheHashNameAndCompareBytes() {
        Fingerprint upper = Fingerprint.parse("SHA-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB");
        Fingerprint lower = Fingerprint.parse("sha-1 4a:ad:b9:b1:3f:82:18:3b:54:02:12:df:3e:5d:49:6b:19:e5:7c:ab");

        assertThat(upper).isEqualTo(lower).hasSameHashCodeAs(lower);
        assertThat(lower.toAttributeValue())
                .isEqualTo("sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB");
        assertThat(Fingerprint.parse(upper.toString())).isEqualTo(upper);
        assertThat(upper).isNotEqualTo(Fingerprint.of("sha-256", new byte[32]));
        byte[] bytes = upper.value();
        bytes[0] = 0;
        assertThat(upper.value()[0]).isEqualTo((byte) 0x4A);
    }

    @ParameterizedTest
    @CsvSource({"sha-1, 20", "sha-224, 28", "sha-256, 32", "sha-384, 48", "sha-512, 64", "md5, 16", "md2, 16"})
    void fingerprintsOfKnownHashesHaveTheirLength(String hash, int length) {
        String hex = String.join(":", Collections.nCopies(length, "AB"));

        assertThat(Fingerprint.parse(hash.toUpperCase() + " " + hex).value()).hasSize(length);
        assertThatThrownBy(() -> Fingerprint.parse(hash + " " + hex + ":AB"))
                .isExactlyInstanceOf(SdpNegotiationException.class).hasMessageContaining("RFC 8122 §5");
        assertThat(Fingerprint.of(hash, new byte[length]).isUsable()).isEqualTo(!hash.startsWith("md"));
    }

    @Test
    void fingerprintsOfOtherHashTokensAreKept() {
        assertThat(Fingerprint.parse("sha3-256 01:02:03").hashFunction()).isEqualTo("sha3-256");
        assertThatThrownBy(() -> Fingerprint.parse("sha(1) 01")).isExactlyInstanceOf(SdpNegotiationException.class)
                .hasMessageStartingWith("the hash function \"sha(1)\" is not a token");
        assertThatThrownBy(() -> Fingerprint.parse("sha-1  4A")).isExactlyInstanceOf(SdpNegotiationException.class);
        assertThatThrownBy(() -> Fingerprint.parse(null)).isExactlyInstanceOf(SdpNegotiationException.class);
        assertThatThrownBy(() -> Fingerprint.of("sha-256", new byte[20])).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A sha-256 fingerprint has 32 bytes, not 20 (RFC 8122 §5)");
        assertThatThrownBy(() -> Fingerprint.of("x", new byte[0])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Fingerprint.of("a b", new byte[1])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void setupRolesParseIgnoringCaseAndFollowTheAnswerTable() {
        assertThat(SetupRole.parse("ActPass")).isEqualTo(SetupRole.ACTPASS).hasToString("actpass");
        assertThatThrownBy(() -> SetupRole.parse(null)).isExactlyInstanceOf(SdpNegotiationException.class)
                .hasMessage("a=setup must be active, passive, actpass or holdconn, in line \"a=setup\" (RFC 4145 §4)");
        assertThat(SetupRole.PASSIVE.canAnswer(SetupRole.ACTIVE)).isTrue();
        assertThat(SetupRole.ACTIVE.canAnswer(SetupRole.ACTIVE)).isFalse();
        assertThat(SetupRole.ACTIVE.canAnswer(SetupRole.PASSIVE)).isTrue();
        assertThat(SetupRole.ACTIVE.canAnswer(SetupRole.ACTPASS)).isTrue();
        assertThat(SetupRole.ACTPASS.canAnswer(SetupRole.ACTPASS)).isFalse();
        assertThat(SetupRole.HOLDCONN.canAnswer(SetupRole.HOLDCONN)).isTrue();
        assertThat(SetupRole.PASSIVE.canAnswer(SetupRole.HOLDCONN)).isFalse();
        assertThat(SetupRole.ACTIVE.connectionRole()).isEqualTo(ConnectionRole.CONNECT);
        assertThat(SetupRole.PASSIVE.connectionRole()).isEqualTo(ConnectionRole.ACCEPT);
        assertThatThrownBy(SetupRole.ACTPASS::connectionRole).isInstanceOf(IllegalStateException.class);
        assertThat(ConnectionAttribute.parse("EXISTING")).isEqualTo(ConnectionAttribute.EXISTING)
                .hasToString("existing");
        assertThatThrownBy(() -> ConnectionAttribute.parse("old")).isExactlyInstanceOf(SdpNegotiationException.class)
                .hasMessage("a=connection must be new or existing, in line \"a=connection:old\" (RFC 4145 §5)");
        assertThat(ConnectionAttribute.find("New")).contains(ConnectionAttribute.NEW);
        assertThat(ConnectionAttribute.find("old")).isEmpty();
        assertThat(ConnectionAttribute.find(null)).isEmpty();
    }

    @Test
    void directionsAndTransports() {
        assertThat(Direction.SENDONLY.reversed()).isEqualTo(Direction.RECVONLY);
        assertThat(Direction.INACTIVE.reversed()).isEqualTo(Direction.INACTIVE);
        assertThat(Direction.of(true, true)).isEqualTo(Direction.SENDRECV);
        assertThat(Direction.fromAttributeName("recvonly")).contains(Direction.RECVONLY);
        assertThat(Direction.fromAttributeName("RECVONLY")).isEmpty();
        assertThat(Direction.SENDRECV.answer(Direction.SENDONLY)).isEqualTo(Direction.SENDONLY);
        assertThat(MsrpTransport.fromProtocol("tcp/tls/msrp")).contains(MsrpTransport.TCP_TLS_MSRP);
        assertThat(MsrpTransport.fromProtocol("TCP")).isEmpty();
        assertThat(MsrpTransport.of(false)).hasToString("TCP/MSRP");
    }

    @Test
    void sdpAttributesAreTokensWithSafeValues() {
        assertThat(SdpAttribute.of("file-disposition", "render")).hasToString("file-disposition:render")
                .isEqualTo(SdpAttribute.of("file-disposition", "render"));
        assertThat(SdpAttribute.property("X-flag")).hasToString("X-flag");
        assertThat(SdpAttribute.property("X-flag").value()).isEmpty();
        assertThatThrownBy(() -> SdpAttribute.of("a:b", "c")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SdpAttribute.of("x", "a\r\na=setup:passive"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("CR, LF or NUL");
    }

    @Test
    void theOfferBuilderChecksItsInputs() {
        assertThatThrownBy(() -> MsrpOfferBuilder.offer().acceptTypes(List.of("text/plain")).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("localPath is required (RFC 4975 §8.2)");
        assertThatThrownBy(() -> MsrpOfferBuilder.offer().localPath(List.of(ALICE)).build())
                .isInstanceOf(IllegalStateException.class).hasMessage("acceptTypes is required (RFC 4975 §8.6)");
        assertThatThrownBy(() -> MsrpOfferBuilder.offer().localPath(List.of(ALICE)).acceptTypes(List.of("*"))
                .tls(true).build()).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("must use msrps with TLS");
        assertThatThrownBy(() -> MsrpOfferBuilder.offer().localPath(List.of(ALICE)).acceptTypes(List.of("*"))
                .fingerprints(List.of(Fingerprint.of("sha-256", new byte[32]))).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("Fingerprints need tls(true)");
        assertThatThrownBy(() -> MsrpOfferBuilder.offer().fingerprints(List.of(Fingerprint.of("md5", new byte[16]))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("md5");
        assertThatThrownBy(() -> MsrpOfferBuilder.offer().localPath(List.of(MsrpUri.parse("msrp://a.example/s;tcp"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("explicit port");
        assertThatThrownBy(() -> MsrpOfferBuilder.offer().acceptTypes(List.of("text")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("RFC 4975 §8.6");
        assertThatThrownBy(() -> MsrpOfferBuilder.offer().acceptTypes(List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one entry");
        assertThatThrownBy(() -> MsrpOfferBuilder.offer().maxSize(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MsrpOfferBuilder.offer().attributes(List.of(SdpAttribute.property("sendonly"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("set it with its own method");
        assertThatThrownBy(() -> MsrpOfferBuilder.offer().origin("-", -1, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MsrpOfferBuilder.offer().direction(null)).isInstanceOf(NullPointerException.class)
                .hasMessage("direction");
    }

    @Test
    void anIpv6EndpointGetsIp6LinesAndAnActiveOneKeepsItsUriPartsWithPort9() {
        MsrpUri uri = MsrpUri.parse("msrp://bob@[2001:db8::7]:2855/s3ss10n;tcp;x=1");

        String offer = MsrpOfferBuilder.offer().localPath(List.of(uri)).acceptTypes(List.of("*")).reachable(false)
                .build();

        assertThat(offer).contains("c=IN IP6 2001:db8::7\r\n", "m=message 9 TCP/MSRP *\r\n",
                "a=path:msrp://bob@[2001:db8::7]:9/s3ss10n;tcp;x=1\r\n", "a=setup:active\r\n");
        assertThat(SdpFixtures.lineStarting(offer, "o=")).endsWith(" IN IP6 2001:db8::7");
    }
}
