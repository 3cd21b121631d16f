package org.parley.msrp.sdp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.msrp.sdp.SdpFixtures.ALICE;
import static org.parley.msrp.sdp.SdpFixtures.ALICE_TLS;
import static org.parley.msrp.sdp.SdpFixtures.BOB;
import static org.parley.msrp.sdp.SdpFixtures.example;
import static org.parley.msrp.sdp.SdpFixtures.lineStarting;

import java.net.InetSocketAddress;
import java.util.HexFormat;
import java.util.List;
import java.util.Vector;
import javax.sdp.MediaDescription;
import javax.sdp.SessionDescription;
import org.junit.jupiter.api.Test;
import org.parley.msrp.core.codec.MsrpUri;

/** Offer to text to offer, unknown attributes kept, and re-offers in a dialog (RFC 4975 §8.4, RFC 3264 §8). */
class RoundTripTest {

    private static final List<SdpAttribute> FILE_TRANSFER = List.of(
            SdpAttribute.of("file-selector", "name:\"My cool picture.jpg\" type:image/jpeg size:4092"),
            SdpAttribute.of("file-transfer-id", "Q6LMoGymJdh0IKIgD6wD0jkcfgva4xvE"),
            SdpAttribute.of("file-disposition", "render"),
            SdpAttribute.of("file-date", "creation:\"Mon, 15 May 2006 15:01:31 +0300\""));

    @Test
    void theBuilderWritesTheSdpOfTheClassDescription() {
        String offer = MsrpOfferBuilder.offer().localPath(List.of(ALICE))
                .acceptTypes(List.of("text/plain", "message/cpim")).origin("-", 3725180322915840031L, 1).build();

        assertThat(offer).isEqualTo(SdpFixtures.sdp("v=0", "o=- 3725180322915840031 1 IN IP4 alice.example.com",
                "s=-", "c=IN IP4 alice.example.com", "t=0 0", "m=message 7394 TCP/MSRP *",
                "a=accept-types:text/plain message/cpim", "a=path:msrp://alice.example.com:7394/2s93i9ek2a;tcp",
                "a=setup:actpass"));
    }

    @Test
    void everyValueSurvivesOfferToTextToOffer() {
        Fingerprint sha256 = Fingerprint.of("SHA-256", HexFormat.of().parseHex("0F".repeat(32)));
        Fingerprint sha1 = Fingerprint.parse("sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB");
        MsrpOfferBuilder builder = MsrpOfferBuilder.offer().localPath(List.of(ALICE_TLS)).tls(true)
                .fingerprints(List.of(sha256, sha1)).acceptTypes(List.of("message/cpim", "text/*;charset=UTF-8"))
                .acceptWrappedTypes(List.of("*")).maxSize(1048576).cema(true).direction(Direction.SENDONLY)
                .attributes(FILE_TRANSFER).reachable(false);

        MsrpMediaDescription built = builder.buildMediaDescription();
        String text = builder.build();
        MsrpMediaDescription parsed = MsrpMediaDescription.parse(text);

        assertThat(parsed).isEqualTo(built).hasSameHashCodeAs(built);
        assertThat(parsed.fingerprints()).containsExactly(sha256, sha1);
        assertThat(parsed.acceptTypes()).containsExactly("message/cpim", "text/*;charset=UTF-8");
        assertThat(parsed.acceptWrappedTypes()).containsExactly("*");
        assertThat(parsed.maxSize()).hasValue(1048576);
        assertThat(parsed.setup()).contains(SetupRole.ACTIVE);
        assertThat(parsed.port()).isEqualTo(9);
        assertThat(parsed.path()).containsExactly(MsrpUri.parse("msrps://alice.example.com:9/2s93i9ek2a;tcp"));
        assertThat(parsed.direction()).isEqualTo(Direction.SENDONLY);
        assertThat(parsed.cema()).isTrue();
        assertThat(parsed.otherAttributes()).isEqualTo(FILE_TRANSFER);
        assertThat(parsed.otherAttribute("file-transfer-id")).contains(FILE_TRANSFER.get(1));
        assertThat(parsed.otherAttribute("file-icon")).isEmpty();
        assertThat(text).contains("a=fingerprint:sha-256 0F:0F:", "a=sendonly\r\n",
                "a=file-date:creation:\"Mon, 15 May 2006 15:01:31 +0300\"\r\n");
        // The same through a javax.sdp session description, and through NIST's own encoding of it.
        assertThat(MsrpMediaDescription.from(builder.buildSessionDescription())).isEqualTo(built);
        assertThat(MsrpMediaDescription.parse(SdpParser.parse(text).toString())).isEqualTo(built);
    }

    @Test
    void aMediaDescriptionGoesIntoAnotherSessionAndBackUnchanged() throws Exception {
        MsrpMediaDescription original = MsrpMediaDescription.parse(SdpFixtures.aliceOffer("i=My latest picture",
                "a=sendonly", "a=accept-types:message/cpim", "a=accept-wrapped-types:*",
                "a=path:msrp://alice.example.com:7394/2s93i9ek2a;tcp",
                "a=file-selector:name:\"My cool picture.jpg\" type:image/jpeg size:4092",
                "a=file-transfer-id:Q6LMoGymJdh0IKIgD6wD0jkcfgva4xvE", "a=connection:new", "a=X-Vendor"));
        SessionDescription session = SdpParser.parse(example("rfc4975-8.7-fig10-answer.sdp"));
        Vector<MediaDescription> media = new Vector<>();
        media.add(original.toMediaDescription());
        session.setMediaDescriptions(media);

        MsrpMediaDescription back = MsrpMediaDescription.parse(session.toString());

        assertThat(back).isEqualTo(original);
        assertThat(back.connection()).contains(ConnectionAttribute.NEW);
        assertThat(back.otherAttributes()).extracting(SdpAttribute::toString).containsExactly(
                "file-selector:name:\"My cool picture.jpg\" type:image/jpeg size:4092",
                "file-transfer-id:Q6LMoGymJdh0IKIgD6wD0jkcfgva4xvE", "X-Vendor");
        assertThat(MsrpMediaDescription.from((MediaDescription) session.getMediaDescriptions(false).get(0), null))
                .isEqualTo(original);
        assertThat(original.toString()).startsWith("m=message 7394 TCP/MSRP *\r\nc=IN IP4 alice.example.com\r\n");
    }

    @Test
    void aSendrecvMediaDescriptionKeepsItsDirectionInASessionWithAnotherOne() throws Exception {
        MsrpMediaDescription original = MsrpMediaDescription.parse(example("rfc4975-8.2-fig7-offer.sdp"));
        SessionDescription session = SdpParser.parse(SdpFixtures.sdp("v=0", "o=- 1 1 IN IP4 bob.example.com", "s=-",
                "c=IN IP4 bob.example.com", "t=0 0", "a=recvonly"));
        Vector<MediaDescription> media = new Vector<>();
        media.add(original.toMediaDescription());
        session.setMediaDescriptions(media);

        MsrpMediaDescription back = MsrpMediaDescription.parse(session.toString());

        assertThat(original.direction()).isEqualTo(Direction.SENDRECV);
        assertThat(original.toString()).contains("a=sendrecv\r\n");
        assertThat(back).isEqualTo(original);
    }

    @Test
    void sessionLevelSetupDirectionAndFingerprintApplyToTheMedia() {
        String sdp = SdpFixtures.sdp("v=0", "o=- 1 1 IN IP4 atlanta.example.com", "s=-",
                "c=IN IP4 atlanta.example.com", "t=0 0", "a=setup:active", "a=recvonly",
                "a=fingerprint:sha-1 4A:AD:B9:B1:3F:82:18:3B:54:02:12:DF:3E:5D:49:6B:19:E5:7C:AB",
                "m=message 9 TCP/TLS/MSRP *", "a=accept-types:text/plain",
                "a=path:msrps://atlanta.example.com:9/jshA7weso3ks;tcp", "a=inactive");

        MsrpMediaDescription media = MsrpMediaDescription.parse(sdp);

        assertThat(media.setup()).contains(SetupRole.ACTIVE);
        assertThat(media.direction()).isEqualTo(Direction.INACTIVE);
        assertThat(media.fingerprints()).extracting(Fingerprint::hashFunction).containsExactly("sha-1");
    }

    @Test
    void aReofferThatChangesNothingIsIdenticalAndKeepsTheVersion() {
        String offer = MsrpOfferBuilder.offer().localPath(List.of(ALICE)).acceptTypes(List.of("text/plain"))
                .attributes(FILE_TRANSFER).origin("alice", 2890844526L, 2890844527L).build();

        assertThat(MsrpOfferBuilder.updating(offer).build()).isEqualTo(offer);
    }

    @Test
    void aReofferThatChangesThePathKeepsTheOriginAndIncrementsTheVersion() {
        String offer = MsrpOfferBuilder.offer().localPath(List.of(ALICE)).acceptTypes(List.of("text/plain"))
                .origin("alice", 2890844526L, 2890844527L).build();
        MsrpUri newPath = MsrpUri.parse("msrp://alice.example.com:7400/3r0u8vnw2p;tcp");

        String reoffer = MsrpOfferBuilder.updating(offer).localPath(List.of(newPath)).build();

        assertThat(lineStarting(reoffer, "o=")).isEqualTo("o=alice 2890844526 2890844528 IN IP4 alice.example.com");
        assertThat(MsrpMediaDescription.parse(reoffer).path()).containsExactly(newPath);
        assertThat(lineStarting(reoffer, "m=")).isEqualTo("m=message 7400 TCP/MSRP *");
    }

    @Test
    void aReofferFromARejectedDescriptionAsksForThePathAgain() {
        String rejected = SdpFixtures.sdp("v=0", "o=bob 7 7 IN IP4 bob.example.com", "s=-", "c=IN IP4 bob.example.com",
                "t=0 0", "m=message 0 TCP/MSRP *");

        MsrpOfferBuilder builder = MsrpOfferBuilder.updating(rejected);

        assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessage("localPath is required (RFC 4975 §8.2)");
        String reoffer = builder.localPath(List.of(BOB)).acceptTypes(List.of("text/plain")).build();
        assertThat(lineStarting(reoffer, "o=")).isEqualTo("o=bob 7 8 IN IP4 bob.example.com");
    }

    @Test
    void theOffererUsesThePathOfEachNewAnswer() {
        MsrpAnswerer first = answerer(BOB);
        String offer = MsrpOfferBuilder.offer().localPath(List.of(ALICE)).acceptTypes(List.of("text/plain")).build();
        String answer = first.answer(offer).sdp();
        assertThat(SdpNegotiation.defaults().offererOutcome(offer, answer).remotePath()).containsExactly(BOB);

        // Same path kept by Alice, Bob answers from a new path (RFC 4975 §8.4: the offerer must not assume the same).
        String reoffer = MsrpOfferBuilder.updating(offer).build();
        MsrpUri bobLater = MsrpUri.parse("msrp://bob.example.com:8500/z8p2b7xw1q;tcp");
        String reanswer = answerer(bobLater).answer(reoffer, answer).sdp();
        NegotiationOutcome alice = SdpNegotiation.defaults().offererOutcome(reoffer, reanswer);

        assertThat(reoffer).isEqualTo(offer);
        assertThat(alice.remotePath()).containsExactly(bobLater);
        assertThat(alice.localPath()).containsExactly(ALICE);
        assertThat(alice.dialAddress()).isEqualTo(InetSocketAddress.createUnresolved("bob.example.com", 8500));
        assertThat(lineStarting(reanswer, "o=")).isEqualTo(lineStarting(answer, "o=").replaceFirst(" 1 IN", " 2 IN"));
    }

    @Test
    void anIdenticalReanswerKeepsTheVersion() {
        String offer = MsrpOfferBuilder.offer().localPath(List.of(ALICE)).acceptTypes(List.of("text/plain")).build();
        MsrpAnswerer bob = answerer(BOB);
        String answer = bob.answer(offer).sdp();

        assertThat(bob.answer(offer, answer).sdp()).isEqualTo(answer);
    }

    @Test
    void theAnswererMayReofferFromItsPreviousAnswer() {
        String offer = MsrpOfferBuilder.offer().localPath(List.of(ALICE)).acceptTypes(List.of("text/plain")).build();
        String bobsAnswer = MsrpAnswerer.builder().tcpPath(List.of(BOB)).acceptTypes(List.of("text/plain"))
                .reachable(false).build().answer(offer).sdp();
        assertThat(lineStarting(bobsAnswer, "a=setup:")).isEqualTo("a=setup:active");

        // Bob, now reachable, re-offers with his real listening path; Alice answers as answerer.
        String bobsOffer = MsrpOfferBuilder.updating(bobsAnswer).reachable(true).localPath(List.of(BOB)).build();
        SdpAnswer alicesAnswer = answerer(ALICE).answer(bobsOffer);
        NegotiationOutcome bob = SdpNegotiation.defaults().offererOutcome(bobsOffer, alicesAnswer.sdp());

        assertThat(lineStarting(bobsOffer, "a=setup:")).isEqualTo("a=setup:actpass");
        assertThat(lineStarting(bobsOffer, "o=").split(" ")[1]).isEqualTo(lineStarting(bobsAnswer, "o=").split(" ")[1]);
        assertThat(bob.role()).isEqualTo(ConnectionRole.CONNECT);
        assertThat(bob.remotePath()).containsExactly(ALICE);
        assertThat(alicesAnswer.outcome().role()).isEqualTo(ConnectionRole.ACCEPT);
    }

    private static MsrpAnswerer answerer(MsrpUri path) {
        return MsrpAnswerer.builder().tcpPath(List.of(path)).acceptTypes(List.of("text/plain")).build();
    }
}
