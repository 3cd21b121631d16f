package org.parley.msrp.sdp;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.parley.msrp.core.codec.MsrpUri;

/** SDP texts for tests: the RFC examples copied into test resources, and bodies composed line by line. */
final class SdpFixtures {

    /** Every SDP example of RFC 4975 and RFC 4145 §7, as shared/spec/examples holds them (CRLF line ends). */
    static final List<String> EXAMPLES = List.of("rfc4975-4-fig1-invite-offer.sdp", "rfc4975-4-fig1-200ok-answer.sdp",
            "rfc4975-8.2-fig7-offer.sdp", "rfc4975-8.7-fig9-offer.sdp", "rfc4975-8.7-fig10-answer.sdp",
            "rfc4975-11.1-step1-invite-offer.sdp", "rfc4975-11.1-step2-200ok-answer.sdp",
            "rfc4975-14.4-fig19-fingerprint.sdp", "rfc4145-7.1-offer.sdp", "rfc4145-7.1-answer.sdp",
            "rfc4145-7.2-offer.sdp", "rfc4145-7.2-answer.sdp", "rfc4145-7.3-offer.sdp", "rfc4145-7.3-answer.sdp",
            "rfc4145-7.4-offer.sdp", "rfc4145-7.4-answer.sdp");

    static final MsrpUri ALICE = MsrpUri.parse("msrp://alice.example.com:7394/2s93i9ek2a;tcp");
    static final MsrpUri ALICE_TLS = MsrpUri.parse("msrps://alice.example.com:7394/2s93i9ek2a;tcp");
    static final MsrpUri BOB = MsrpUri.parse("msrp://bob.example.com:8493/si438dsaodes;tcp");
    static final MsrpUri BOB_TLS = MsrpUri.parse("msrps://bob.example.com:8493/si438dsaodes;tcp");

    private SdpFixtures() {
    }

    /** Reads an example from src/test/resources/sdp. */
    static String example(String name) {
        try (InputStream in = SdpFixtures.class.getResourceAsStream("/sdp/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No test resource /sdp/" + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Joins lines into an SDP body, each ending with CRLF. */
    static String sdp(String... lines) {
        StringBuilder sb = new StringBuilder();
        for (String line : lines) {
            sb.append(line).append("\r\n");
        }
        return sb.toString();
    }

    /** Alice's offer of RFC 4975 Figure 7 with extra media-level lines after the m= line. */
    static String aliceOffer(String... mediaLines) {
        String head = sdp("v=0", "o=alice 2890844526 2890844527 IN IP4 alice.example.com", "s= -",
                "c=IN IP4 alice.example.com", "t=0 0", "m=message 7394 TCP/MSRP *");
        return head + sdp(mediaLines);
    }

    /** Replaces the first occurrence of a line in an SDP body; fails if it is absent. */
    static String replaceLine(String sdp, String line, String replacement) {
        String target = line + "\r\n";
        int at = sdp.indexOf(target);
        if (at < 0) {
            throw new IllegalArgumentException("No line " + line + " in\n" + sdp);
        }
        return sdp.substring(0, at) + replacement + "\r\n" + sdp.substring(at + target.length());
    }

    /** The value of the first line of a type, e.g. {@code lineStarting(sdp, "m=")}. */
    static String lineStarting(String sdp, String prefix) {
        for (String line : sdp.split("\r\n")) {
            if (line.startsWith(prefix)) {
                return line;
            }
        }
        throw new IllegalArgumentException("No line starting with " + prefix + " in\n" + sdp);
    }
}
