package org.parley.msrp.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.msrp.core.codec.MsrpUri;
import org.parley.msrp.core.relay.DigestCredentials;
import org.parley.msrp.core.relay.RelayGrant;
import org.parley.msrp.core.testing.RawPeer;
import org.parley.msrp.core.testing.RecordingListener;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.msrp.core.testing.Futures.failure;

/**
 * AUTH with a relay played by a raw socket (RFC 4976 §5.1, §9.1): the 401 challenge, the Digest answer, Use-Path
 * and Expires from the 200, a 423 with Min-Expires, and refused credentials.
 */
class RelayAuthTest {

    private static final String REALM = "relay.example.com";
    private static final String NONCE = "dcd98b7102dd2f0e8b11d0f600bfb0c093";

    private final MsrpStack stack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
    private final RecordingListener listener = new RecordingListener();

    @AfterEach
    void stop() throws Exception {
        stack.closeAsync().get(10, TimeUnit.SECONDS);
    }

    private static String header(String frame, String name) {
        Matcher m = Pattern.compile("\r\n" + name + ": ([^\r\n]*)\r\n").matcher(frame);
        return m.find() ? m.group(1) : null;
    }

    private static String param(String authorization, String name) {
        Matcher m = Pattern.compile(name + "=\"?([^\",]*)\"?").matcher(authorization);
        assertThat(m.find()).as("%s in %s", name, authorization).isTrue();
        return m.group(1);
    }

    private static String md5(String text) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    private static String response(String request, String status, String extraHeaders) {
        String tid = RawPeer.transactionId(request);
        return "MSRP " + tid + " " + status + "\r\nTo-Path: " + header(request, "From-Path") + "\r\nFrom-Path: "
                + header(request, "To-Path") + "\r\n" + extraHeaders + "-------" + tid + "$\r\n";
    }

    private static final String CHALLENGE = "WWW-Authenticate: Digest realm=\"" + REALM + "\", qop=\"auth\", nonce=\""
            + NONCE + "\"\r\n";

    @Test
    void answersTheChallengeAndReturnsUsePathAndExpires() throws Exception {
        try (ServerSocket relaySocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Relayed relayed = relayed(relaySocket)) {
            MsrpUri relay = relayed.relay();
            MsrpSession session = relayed.session();
            RawPeer peer = relayed.peer();
            CompletableFuture<RelayGrant> grant = session.authenticate(relay,
                    new DigestCredentials("alice", "secret"), Duration.ofSeconds(600));
            String first = peer.readFrame();
            assertThat(first).startsWith("MSRP ").contains(" AUTH\r\nTo-Path: " + relay + "\r\nFrom-Path: "
                    + session.localUri() + "\r\n").contains("\r\nExpires: 600\r\n").doesNotContain("Authorization");
            peer.write(response(first, "401 Unauthorized", CHALLENGE));

            String second = peer.readFrame();
            String authorization = header(second, "Authorization");
            assertThat(authorization).startsWith("Digest ").contains("username=\"alice\"", "realm=\"" + REALM + "\"",
                    "nonce=\"" + NONCE + "\"", "uri=\"" + relay + "\"", "qop=auth", "nc=00000001");
            // The relay's side of RFC 2617 §3.2.2, with the request-URI of RFC 4976 §9.1.
            String ha1 = md5("alice:" + REALM + ":secret");
            String ha2 = md5("AUTH:" + relay);
            String expected = md5(ha1 + ":" + NONCE + ":00000001:" + param(authorization, "cnonce") + ":auth:" + ha2);
            assertThat(param(authorization, "response")).isEqualTo(expected);
            peer.write(response(second, "200 OK", "Use-Path: msrp://127.0.0.1:" + relaySocket.getLocalPort()
                    + "/granted1234;tcp\r\nExpires: 300\r\n"));

            RelayGrant granted = grant.get(10, TimeUnit.SECONDS);
            assertThat(granted.usePath()).containsExactly(MsrpUri.parse("msrp://127.0.0.1:"
                    + relaySocket.getLocalPort() + "/granted1234;tcp"));
            assertThat(granted.expires()).isEqualTo(Duration.ofSeconds(300));
        }
    }

    @Test
    void wrongCredentialsEndInA401StatusException() throws Exception {
        try (ServerSocket relaySocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Relayed relayed = relayed(relaySocket)) {
            MsrpUri relay = relayed.relay();
            MsrpSession session = relayed.session();
            RawPeer peer = relayed.peer();
            CompletableFuture<RelayGrant> grant = session.authenticate(relay,
                    new DigestCredentials("alice", "wrong"), Duration.ZERO);
            String first = peer.readFrame();
            assertThat(first).doesNotContain("Expires");
            peer.write(response(first, "401 Unauthorized", CHALLENGE));
            peer.write(response(peer.readFrame(), "401 Unauthorized", CHALLENGE));
            Throwable refused = failure(grant);
            assertThat(refused).isInstanceOf(MsrpStatusException.class);
            assertThat(((MsrpStatusException) refused).status().code()).isEqualTo(401);
        }
    }

    @Test
    void anExpiresOutOfBoundsIsAskedAgainWithinTheRelaysMinimum() throws Exception {
        try (ServerSocket relaySocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Relayed relayed = relayed(relaySocket)) {
            MsrpUri relay = relayed.relay();
            MsrpSession session = relayed.session();
            RawPeer peer = relayed.peer();
            CompletableFuture<RelayGrant> grant = session.authenticate(relay,
                    new DigestCredentials("alice", "secret"), Duration.ofSeconds(5));
            peer.write(response(peer.readFrame(), "401 Unauthorized", CHALLENGE));
            String tooShort = peer.readFrame();
            assertThat(header(tooShort, "Expires")).isEqualTo("5");
            peer.write(response(tooShort, "423 Interval Out-of-Bounds", "Min-Expires: 60\r\nMax-Expires: 3600\r\n"));
            String corrected = peer.readFrame();
            assertThat(header(corrected, "Expires")).isEqualTo("60");
            // The same nonce again, so the nonce count goes up (RFC 2617 §3.2.2).
            assertThat(header(corrected, "Authorization")).contains("nc=00000002");
            peer.write(response(corrected, "200 OK", "Use-Path: msrp://127.0.0.1:" + relaySocket.getLocalPort()
                    + "/granted5678;tcp\r\nExpires: 60\r\n"));
            assertThat(grant.get(10, TimeUnit.SECONDS).expires()).isEqualTo(Duration.ofSeconds(60));
        }
    }

    @Test
    void withoutConnectionAuthenticationFailsAtOnce() throws Exception {
        MsrpSession session = stack.newSession(MsrpSessionOptions.defaults(), listener);
        assertThat(failure(session.authenticate(MsrpUri.parse("msrp://127.0.0.1:2855;tcp"),
                new DigestCredentials("alice", "secret"), Duration.ZERO))).isInstanceOf(MsrpConnectionException.class);
    }

    @Test
    void theGrantIsRefreshedBeforeItExpiresAndAFailedRefreshEndsTheSession() throws Exception {
        try (ServerSocket relaySocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Relayed relayed = relayed(relaySocket)) {
            MsrpUri relay = relayed.relay();
            MsrpSession session = relayed.session();
            RawPeer peer = relayed.peer();
            CompletableFuture<RelayGrant> grant = session.authenticate(relay,
                    new DigestCredentials("alice", "secret"), Duration.ofSeconds(1));
            String usePath = "Use-Path: msrp://127.0.0.1:" + relaySocket.getLocalPort() + "/g1;tcp\r\n";
            peer.write(response(peer.readFrame(), "200 OK", usePath + "Expires: 1\r\n"));
            grant.get(10, TimeUnit.SECONDS);
            // About 0.8 s later, unprompted: a new AUTH for the same grant time.
            String refresh = peer.readFrame();
            assertThat(refresh).contains(" AUTH\r\nTo-Path: msrp://127.0.0.1:" + relaySocket.getLocalPort()
                    + "/g1;tcp\r\n").contains("\r\nExpires: 1\r\n");
            peer.write(response(refresh, "200 OK", usePath + "Expires: 1\r\n"));
            String again = peer.readFrame();
            assertThat(again).contains(" AUTH\r\n");
            peer.write(response(again, "403 Forbidden", ""));
            assertThat(listener.closed.get(10, TimeUnit.SECONDS)).isInstanceOf(MsrpStatusException.class);
            assertThat(session.isConnected()).isFalse();
        }
    }

    @Test
    void aGrantGivesTheToPathAndTheSdpPath() {
        MsrpUri b = MsrpUri.parse("msrps://b.example.com:2855/b1;tcp");
        MsrpUri c = MsrpUri.parse("msrps://c.example.com:2855/c1;tcp");
        MsrpUri a = MsrpUri.parse("msrps://a.example.com:7000/a1;tcp");
        MsrpUri d = MsrpUri.parse("msrps://d.example.com:2855/d1;tcp");
        MsrpUri f = MsrpUri.parse("msrps://f.example.com:7000/f1;tcp");
        // RFC 4976 §5.1's example: Use-Path "B C"; path attribute "C B A"; the peer's "D F"; To-Path "B C D F".
        RelayGrant grant = new RelayGrant(List.of(b, c), Duration.ofMinutes(10), java.time.Instant.now());
        assertThat(grant.sdpPath(a)).containsExactly(c, b, a);
        assertThat(grant.toPathTo(List.of(d, f))).containsExactly(b, c, d, f);
    }

    /** A session attached to a raw relay, with the relay's side of the connection. */
    private record Relayed(MsrpSession session, MsrpUri relay, RawPeer peer) implements AutoCloseable {
        @Override
        public void close() throws Exception {
            peer.close();
        }
    }

    private Relayed relayed(ServerSocket relaySocket) throws Exception {
        MsrpSession session = stack.newSession(MsrpSessionOptions.defaults(), listener);
        session.attach(stack.connect(new InetSocketAddress("127.0.0.1", relaySocket.getLocalPort()))
                .get(10, TimeUnit.SECONDS)).get(10, TimeUnit.SECONDS);
        return new Relayed(session, MsrpUri.parse("msrp://127.0.0.1:" + relaySocket.getLocalPort() + ";tcp"),
                new RawPeer(relaySocket.accept()));
    }

    @Test
    void aStaleNonceIsAnsweredAgainAndAPreferredSha256ChallengeIsTaken() throws Exception {
        try (ServerSocket relaySocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Relayed r = relayed(relaySocket)) {
            CompletableFuture<RelayGrant> grant = r.session().authenticate(r.relay(),
                    new DigestCredentials("alice", "secret"), Duration.ZERO);
            // Two challenges, MD5 first: the SHA-256 one is answered (RFC 7616 §3.7).
            r.peer().write(response(r.peer().readFrame(), "401 Unauthorized", CHALLENGE
                    + "WWW-Authenticate: Digest realm=\"" + REALM + "\", qop=\"auth\", nonce=\"n256\", algorithm=SHA-256\r\n"));
            String answered = r.peer().readFrame();
            assertThat(header(answered, "Authorization")).contains("algorithm=SHA-256", "nonce=\"n256\"");
            r.peer().write(response(answered, "401 Unauthorized", "WWW-Authenticate: Digest realm=\"" + REALM
                    + "\", qop=\"auth\", nonce=\"fresh\", algorithm=MD5, stale=true\r\n"));
            String again = r.peer().readFrame();
            assertThat(header(again, "Authorization")).contains("nonce=\"fresh\"", "nc=00000001");
            r.peer().write(response(again, "200 OK", "Use-Path: " + r.relay().toString().replace(";tcp", "/s1;tcp")
                    + "\r\n"));
            assertThat(grant.get(10, TimeUnit.SECONDS).expires()).isEqualTo(Duration.ZERO);
        }
    }

    @Test
    void a423WithOnlyMaxExpiresForAnOpenRequestAsksForTheMaximum() throws Exception {
        try (ServerSocket relaySocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Relayed r = relayed(relaySocket)) {
            CompletableFuture<RelayGrant> grant = r.session().authenticate(r.relay(),
                    new DigestCredentials("alice", "secret"), Duration.ZERO);
            r.peer().write(response(r.peer().readFrame(), "423 Interval Out-of-Bounds", "Max-Expires: 120\r\n"));
            String corrected = r.peer().readFrame();
            assertThat(header(corrected, "Expires")).isEqualTo("120");
            r.peer().write(response(corrected, "423 Interval Out-of-Bounds", "Max-Expires: 120\r\n"));
            assertThat(failure(grant)).isInstanceOf(MsrpStatusException.class);
        }
    }

    @Test
    void a401WithoutChallengeFailsInsteadOfHanging() throws Exception {
        try (ServerSocket relaySocket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             Relayed r = relayed(relaySocket)) {
            CompletableFuture<RelayGrant> grant = r.session().authenticate(r.relay(),
                    new DigestCredentials("alice", "secret"), Duration.ZERO);
            r.peer().write(response(r.peer().readFrame(), "401 Unauthorized", ""));
            assertThat(failure(grant)).isInstanceOf(MsrpStatusException.class);
        }
    }
}
