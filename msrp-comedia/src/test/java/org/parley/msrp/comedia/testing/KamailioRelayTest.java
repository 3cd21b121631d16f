package org.parley.msrp.comedia.testing;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Shows that {@link KamailioRelay} behaves as an RFC 4976 relay, speaking raw MSRP over plain and TLS sockets, and
 * pins the exact wire behaviour of Kamailio 5.6's msrp module with the relay configuration: what later tests of
 * Parley's relay support can rely on.
 */
class KamailioRelayTest {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    private static final String USER = "alice";
    private static final String PASSWORD = "s3cret-Pass";
    private static final Pattern CHALLENGE = Pattern.compile(
            "Digest realm=\"([^\"]+)\", nonce=\"([^\"]+)\", qop=\"auth\", algorithm=MD5");
    private static final AtomicInteger TRANSACTIONS = new AtomicInteger();

    @TempDir
    static Path sharedDir;

    private static KamailioRelay relay;

    private final List<RawClient> clients = new ArrayList<>();

    @BeforeAll
    static void startRelay() {
        assertThat(KamailioRelay.available()).as(KamailioRelay.NOT_INSTALLED).isTrue();
        relay = KamailioRelay.start(sharedDir, USER, PASSWORD);
    }

    @AfterAll
    static void stopRelay() {
        if (relay != null) {
            long pid = relay.pid();
            relay.close();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        }
    }

    @AfterEach
    void closeClients() {
        clients.forEach(RawClient::close);
    }

    @Test
    void theHarnessExposesTheRelay() {
        assertThat(relay.msrpUri()).isEqualTo("msrp://127.0.0.1:" + relay.tcpPort() + ";tcp");
        assertThat(relay.msrpsUri()).isEqualTo("msrps://127.0.0.1:" + relay.tlsPort() + ";tcp");
        assertThat(relay.realm()).isEqualTo(KamailioRelay.DEFAULT_REALM);
        assertThat(relay.isAlive()).isTrue();
        assertThat(ProcessHandle.of(relay.pid())).isPresent();
        assertThat(relay.config()).content().doesNotContain("{{").contains("listen=tcp:127.0.0.1:" + relay.tcpPort());
        assertThat(relay.log()).exists();
        assertThat(relay.workDir().resolve(KamailioRelay.CERTIFICATE_FILE)).exists();
    }

    @Test
    void anAuthWithoutCredentialsIsChallengedWithDigest() {
        RawClient client = tcpClient();

        Frame challenge = client.request("AUTH", relay.msrpUri(), "");

        assertThat(challenge.firstLine()).isEqualTo("MSRP " + challenge.transactionId() + " 401 Unauthorized");
        assertThat(challenge.header("To-Path")).isEqualTo(client.uri());
        assertThat(challenge.header("From-Path")).isEqualTo(relay.msrpUri());
        // realm, nonce, qop quoted as RFC 4976 section 9.1 wants, algorithm last and unquoted; nothing else.
        assertThat(challenge.header("WWW-Authenticate")).matches(CHALLENGE)
                .startsWith("Digest realm=\"" + KamailioRelay.DEFAULT_REALM + "\", nonce=\"");
        assertThat(challenge.headerNames()).containsExactly("To-Path", "From-Path", "WWW-Authenticate");
    }

    @Test
    void anAuthWithTheRightDigestGetsUsePathExpiresAndAuthenticationInfo() {
        RawClient client = tcpClient();
        Digest digest = Digest.from(client.request("AUTH", relay.msrpUri(), ""));

        String authorization = digest.authorization(USER, PASSWORD, relay.msrpUri(), 1, "0a4f113b");
        Frame ok = client.request("AUTH", relay.msrpUri(), "Authorization: " + authorization + "\r\n");

        assertThat(ok.firstLine()).endsWith(" 200 OK");
        assertThat(ok.header("To-Path")).isEqualTo(client.uri());
        assertThat(ok.header("From-Path")).isEqualTo(relay.msrpUri());
        assertThat(ok.header("Use-Path")).matches("msrp://127\\.0\\.0\\.1:" + relay.tcpPort() + "/[0-9a-f]{24};tcp");
        assertThat(ok.header("Expires")).isEqualTo(Integer.toString(KamailioRelay.DEFAULT_MAX_EXPIRES));
        assertThat(ok.header("Authentication-Info")).isEqualTo("rspauth=\""
                + digest.rspauth(USER, PASSWORD, relay.msrpUri(), 1, "0a4f113b")
                + "\", cnonce=\"0a4f113b\", nc=00000001, qop=auth");
        assertThat(ok.headerNames())
                .containsExactly("To-Path", "From-Path", "Use-Path", "Expires", "Authentication-Info");
    }

    @Test
    void eachAuthGetsItsOwnSession() {
        String first = login(tcpClient(), relay.msrpUri()).header("Use-Path");
        String second = login(tcpClient(), relay.msrpUri()).header("Use-Path");

        assertThat(first).isNotEqualTo(second);
    }

    @Test
    void aWrongPasswordIsChallengedAgain() {
        RawClient client = tcpClient();
        Digest digest = Digest.from(client.request("AUTH", relay.msrpUri(), ""));

        Frame again = client.request("AUTH", relay.msrpUri(),
                "Authorization: " + digest.authorization(USER, "wrong", relay.msrpUri(), 1, "77") + "\r\n");

        assertThat(again.firstLine()).endsWith(" 401 Unauthorized");
        assertThat(Digest.from(again).nonce).isNotEqualTo(digest.nonce);
    }

    @Test
    void anotherUserIsForbidden() {
        RawClient client = tcpClient();
        Digest digest = Digest.from(client.request("AUTH", relay.msrpUri(), ""));

        Frame forbidden = client.request("AUTH", relay.msrpUri(),
                "Authorization: " + digest.authorization("mallory", PASSWORD, relay.msrpUri(), 1, "77") + "\r\n");

        assertThat(forbidden.firstLine()).endsWith(" 403 Forbidden");
    }

    @Test
    void theDigestUriMustBeTheRightmostToPathUri() {
        RawClient client = tcpClient();
        Digest digest = Digest.from(client.request("AUTH", relay.msrpUri(), ""));
        String otherUri = "msrp://127.0.0.1:" + relay.tcpPort() + "/x;tcp";

        Frame again = client.request("AUTH", relay.msrpUri(),
                "Authorization: " + digest.authorization(USER, PASSWORD, otherUri, 1, "77") + "\r\n");

        assertThat(again.firstLine()).endsWith(" 401 Unauthorized");
    }

    @Test
    void aReplayedNonceCountIsChallengedAgain() {
        RawClient client = tcpClient();
        Digest digest = Digest.from(client.request("AUTH", relay.msrpUri(), ""));
        String header = "Authorization: " + digest.authorization(USER, PASSWORD, relay.msrpUri(), 1, "77") + "\r\n";

        assertThat(client.request("AUTH", relay.msrpUri(), header).firstLine()).endsWith(" 200 OK");
        assertThat(client.request("AUTH", relay.msrpUri(), header).firstLine()).endsWith(" 401 Unauthorized");
        String next = "Authorization: " + digest.authorization(USER, PASSWORD, relay.msrpUri(), 2, "78") + "\r\n";
        assertThat(client.request("AUTH", relay.msrpUri(), next).firstLine()).endsWith(" 200 OK");
    }

    @ParameterizedTest
    @CsvSource({"59, 423 Interval Out-of-Bounds, Min-Expires, 60",
            "3601, 423 Interval Out-of-Bounds, Max-Expires, 3600",
            "60, 200 OK, Expires, 60",
            "3600, 200 OK, Expires, 3600",
            "900, 200 OK, Expires, 900"})
    void expiresOutOfBoundsGets423(int requested, String status, String header, String value) {
        RawClient client = tcpClient();

        Frame answer = login(client, relay.msrpUri(), "Expires: " + requested + "\r\n", status);

        assertThat(answer.firstLine()).endsWith(" " + status);
        assertThat(answer.header(header)).isEqualTo(value);
        if (status.startsWith("423")) {
            assertThat(answer.headerNames()).containsExactly("To-Path", "From-Path", header);
        }
    }

    @Test
    void aSendThroughTheRelayIsAnsweredByTheRelayAndDeliveredOnTheOwnersConnection() {
        RawClient alice = tcpClient();
        RawClient bob = tcpClient();
        login(alice, relay.msrpUri());
        String bobUsePath = login(bob, relay.msrpUri()).header("Use-Path");

        // Bob's a=path would read "<Bob's Use-Path> <Bob's URI>"; Alice sends to it directly.
        String transaction = alice.send(bobUsePath + " " + bob.uri(), alice.uri(), "m1", "Hello Bob");

        Frame ok = alice.read();
        assertThat(ok.firstLine()).isEqualTo("MSRP " + transaction + " 200 OK");
        assertThat(ok.header("To-Path")).isEqualTo(alice.uri());
        assertThat(ok.header("From-Path")).isEqualTo(bobUsePath);
        assertThat(ok.header("Message-ID")).isEqualTo("m1");
        Frame send = bob.read();
        assertThat(send.firstLine()).isEqualTo("MSRP " + transaction + " SEND");
        assertThat(send.header("To-Path")).isEqualTo(bob.uri());
        assertThat(send.header("From-Path")).isEqualTo(bobUsePath + " " + alice.uri());
        assertThat(send.header("Message-ID")).isEqualTo("m1");
        assertThat(send.header("Byte-Range")).isEqualTo("1-9/9");
        assertThat(send.body()).isEqualTo("Hello Bob");
        assertThat(send.endLine()).isEqualTo("-------" + transaction + "$");

        // Bob's answer goes to the relay only (hop by hop) and is dropped; his REPORT, addressed with the reversed
        // From-Path, reaches Alice because her URI names her connection's real address.
        bob.write("MSRP " + transaction + " 200 OK\r\nTo-Path: " + bobUsePath + "\r\nFrom-Path: " + bob.uri()
                + "\r\n-------" + transaction + "$\r\n");
        String report = nextTransaction();
        bob.write("MSRP " + report + " REPORT\r\nTo-Path: " + bobUsePath + " " + alice.uri() + "\r\nFrom-Path: "
                + bob.uri() + "\r\nMessage-ID: m1\r\nByte-Range: 1-9/9\r\nStatus: 000 200 OK\r\n-------" + report
                + "$\r\n");
        Frame reported = alice.read();
        assertThat(reported.firstLine()).isEqualTo("MSRP " + report + " REPORT");
        assertThat(reported.header("To-Path")).isEqualTo(alice.uri());
        assertThat(reported.header("From-Path")).isEqualTo(bobUsePath + " " + bob.uri());
        assertThat(reported.header("Status")).isEqualTo("000 200 OK");
    }

    @Test
    void aSendAlongBothUsePathsGoesThroughTheRelayTwice() {
        RawClient alice = tcpClient();
        RawClient bob = tcpClient();
        String aliceUsePath = login(alice, relay.msrpUri()).header("Use-Path");
        String bobUsePath = login(bob, relay.msrpUri()).header("Use-Path");

        // RFC 4976 section 7: the To-Path is the sender's relays, then the receiver's path.
        String transaction = alice.send(aliceUsePath + " " + bobUsePath + " " + bob.uri(), alice.uri(), "m2", "Hi");

        Frame ok = alice.read();
        assertThat(ok.firstLine()).isEqualTo("MSRP " + transaction + " 200 OK");
        assertThat(ok.header("From-Path")).isEqualTo(aliceUsePath);
        Frame send = bob.read();
        assertThat(send.header("To-Path")).isEqualTo(bob.uri());
        assertThat(send.header("From-Path")).isEqualTo(bobUsePath + " " + aliceUsePath + " " + alice.uri());
        assertThat(send.body()).isEqualTo("Hi");
    }

    @Test
    void aSendToAnUnknownSessionGets481() {
        RawClient alice = tcpClient();
        login(alice, relay.msrpUri());
        String unknown = "msrp://127.0.0.1:" + relay.tcpPort() + "/0123456789abcdef01234567;tcp";

        String transaction = alice.send(unknown + " msrp://127.0.0.1:9/bob;tcp", alice.uri(), "m3", "lost");

        Frame answer = alice.read();
        assertThat(answer.firstLine()).isEqualTo("MSRP " + transaction + " 481 Session Does Not Exist");
        assertThat(answer.header("From-Path")).isEqualTo(unknown);
    }

    @Test
    void framesUpToTheLimitAreRelayedLargerOnesGet413() {
        RawClient alice = tcpClient();
        RawClient bob = tcpClient();
        login(alice, relay.msrpUri());
        String bobUsePath = login(bob, relay.msrpUri()).header("Use-Path");
        String toPath = bobUsePath + " " + bob.uri();

        String largest = alice.sendFrameOfSize(toPath, KamailioRelay.MAX_RELAYED_FRAME_BYTES);
        assertThat(alice.read().firstLine()).isEqualTo("MSRP " + largest + " 200 OK");
        Frame relayed = bob.read();
        assertThat(relayed.firstLine()).isEqualTo("MSRP " + largest + " SEND");

        String tooLarge = alice.sendFrameOfSize(toPath, KamailioRelay.MAX_RELAYED_FRAME_BYTES + 1);
        assertThat(alice.read().firstLine()).isEqualTo("MSRP " + tooLarge + " 413 Frame Too Large For This Relay");
        String tooLarge2 = alice.sendFrameOfSize(toPath, 60_000);
        assertThat(alice.read().firstLine()).isEqualTo("MSRP " + tooLarge2 + " 413 Frame Too Large For This Relay");
        // Bob's next frame is the small one sent after them: the large ones were not relayed.
        String small = alice.send(toPath, alice.uri(), "m4", "after");
        assertThat(alice.read().firstLine()).isEqualTo("MSRP " + small + " 200 OK");
        assertThat(bob.read().firstLine()).isEqualTo("MSRP " + small + " SEND");
    }

    @Test
    void aFrameLargerThanTheReadBufferEndsTheConnection() {
        RawClient alice = tcpClient();
        login(alice, relay.msrpUri());

        try {
            alice.sendFrameOfSize(relay.msrpUri().replace(";tcp", "/x;tcp") + " msrp://127.0.0.1:9/b;tcp", 70_000);
        } catch (UncheckedIOException e) {
            // The relay may close before the whole frame is written.
        }

        assertThat(alice.readEnd()).as("the relay closes the connection").isTrue();
    }

    @Test
    void tlsClientsAuthenticateAndExchangeFramesAlsoWithTcpClients() {
        RawClient alice = tlsClient();
        RawClient bob = tlsClient();
        RawClient carol = tcpClient();
        String aliceUsePath = login(alice, relay.msrpsUri()).header("Use-Path");
        String bobUsePath = login(bob, relay.msrpsUri()).header("Use-Path");
        login(carol, relay.msrpUri());

        assertThat(aliceUsePath).matches("msrps://127\\.0\\.0\\.1:" + relay.tlsPort() + "/[0-9a-f]{24};tcp");
        String overTls = alice.send(bobUsePath + " " + bob.uri(), alice.uri(), "t1", "over TLS");
        assertThat(alice.read().firstLine()).isEqualTo("MSRP " + overTls + " 200 OK");
        Frame send = bob.read();
        assertThat(send.header("From-Path")).isEqualTo(bobUsePath + " " + alice.uri());
        assertThat(send.body()).isEqualTo("over TLS");

        String fromTcp = carol.send(bobUsePath + " " + bob.uri(), carol.uri(), "t2", "from TCP");
        assertThat(carol.read().firstLine()).isEqualTo("MSRP " + fromTcp + " 200 OK");
        assertThat(bob.read().body()).isEqualTo("from TCP");
    }

    @Test
    void aSessionExpiresAfterItsExpires(@TempDir Path dir) {
        try (KamailioRelay shortLived = KamailioRelay.builder().user(USER).password(PASSWORD).expires(1, 5)
                .start(dir)) {
            RawClient alice = client(shortLived, false);
            RawClient bob = client(shortLived, false);
            login(alice, shortLived.msrpUri());
            Frame ok = login(bob, shortLived.msrpUri(), "Expires: 1\r\n", "200 OK");
            assertThat(ok.header("Expires")).isEqualTo("1");
            String toPath = ok.header("Use-Path") + " " + bob.uri();

            // The relay compares the expiry with its clock in whole seconds: 481 within two seconds. This waits on
            // the clock, there is no event to wait for; each round trip is answered before the next is sent.
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            String status;
            do {
                pauseMillis(100);
                alice.send(toPath, alice.uri(), "e1", "x");
                status = alice.read().firstLine().replaceFirst("^MSRP \\S+ ", "");
            } while (status.equals("200 OK") && System.nanoTime() < deadline);
            assertThat(status).as(shortLived::diagnostics).isEqualTo("481 Session Does Not Exist");
        }
    }

    @Test
    void killEndsTheRelayAndItsConnectionsAtOnce(@TempDir Path dir) {
        KamailioRelay doomed = KamailioRelay.start(dir, USER, PASSWORD);
        try {
            RawClient alice = client(doomed, false);
            login(alice, doomed.msrpUri());
            List<ProcessHandle> processes = new ArrayList<>(List.of(ProcessHandle.of(doomed.pid()).orElseThrow()));
            ProcessHandle.of(doomed.pid()).orElseThrow().descendants().forEach(processes::add);
            assertThat(processes).hasSizeGreaterThan(1);

            doomed.kill();

            assertThat(doomed.isAlive()).isFalse();
            assertThat(processes).noneMatch(KamailioRelay::running);
            assertThat(alice.readEnd()).isTrue();
            assertThatThrownBy(() -> new Socket("127.0.0.1", doomed.tcpPort()).close())
                    .isInstanceOf(ConnectException.class);
        } finally {
            doomed.close();
        }
    }

    @Test
    void placeholdersAreFilledLiterallyAndUnsafeValuesRefused() {
        assertThat(KamailioRelay.Builder.fill("a {{X}} b", Map.of("X", "$1\\"))).isEqualTo("a $1\\ b");
        assertThatThrownBy(() -> KamailioRelay.Builder.fill("{{Y}}", Map.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("{{Y}}");
        // Values go between double quotes in the configuration.
        assertThatThrownBy(() -> KamailioRelay.builder().realm("bad\"realm"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KamailioRelay.builder().password("with space"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> KamailioRelay.builder().expires(10, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    // --- helpers ---

    private RawClient tcpClient() {
        return client(relay, false);
    }

    private RawClient tlsClient() {
        return client(relay, true);
    }

    private RawClient client(KamailioRelay target, boolean tls) {
        RawClient client = tls ? RawClient.tls(target) : RawClient.tcp(target);
        clients.add(client);
        return client;
    }

    private static Frame login(RawClient client, String relayUri) {
        return login(client, relayUri, "", "200 OK");
    }

    /** AUTH, answer the challenge, and check the final status. */
    private static Frame login(RawClient client, String relayUri, String extraHeaders, String expectedStatus) {
        Frame challenge = client.request("AUTH", relayUri, extraHeaders);
        assertThat(challenge.firstLine()).endsWith(" 401 Unauthorized");
        String cnonce = Integer.toHexString(TRANSACTIONS.incrementAndGet() * 7919);
        String authorization = Digest.from(challenge).authorization(USER, PASSWORD, relayUri, 1, cnonce);
        Frame answer = client.request("AUTH", relayUri, "Authorization: " + authorization + "\r\n" + extraHeaders);
        assertThat(answer.firstLine()).endsWith(" " + expectedStatus);
        return answer;
    }

    private static String nextTransaction() {
        return "t" + TRANSACTIONS.incrementAndGet() + "x" + Long.toHexString(System.nanoTime() & 0xffffff);
    }

    private static void pauseMillis(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String md5Hex(String text) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** HTTP Digest for MSRP (RFC 2617 with RFC 4976 section 9.1): method AUTH, uri the rightmost To-Path URI. */
    private static final class Digest {
        final String realm;
        final String nonce;

        private Digest(String realm, String nonce) {
            this.realm = realm;
            this.nonce = nonce;
        }

        static Digest from(Frame challenge) {
            Matcher matcher = CHALLENGE.matcher(challenge.header("WWW-Authenticate"));
            assertThat(matcher.matches()).as(challenge.text()).isTrue();
            return new Digest(matcher.group(1), matcher.group(2));
        }

        String authorization(String user, String password, String uri, int nonceCount, String cnonce) {
            String nc = String.format(Locale.ROOT, "%08x", nonceCount);
            String ha1 = md5Hex(user + ":" + realm + ":" + password);
            String ha2 = md5Hex("AUTH:" + uri);
            String response = md5Hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2);
            return "Digest username=\"" + user + "\", realm=\"" + realm + "\", nonce=\"" + nonce + "\", uri=\"" + uri
                    + "\", qop=auth, nc=" + nc + ", cnonce=\"" + cnonce + "\", response=\"" + response + "\"";
        }

        /** The rspauth of Authentication-Info: as the response, with an empty method in H(A2). */
        String rspauth(String user, String password, String uri, int nonceCount, String cnonce) {
            String nc = String.format(Locale.ROOT, "%08x", nonceCount);
            String ha1 = md5Hex(user + ":" + realm + ":" + password);
            return md5Hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + md5Hex(":" + uri));
        }
    }

    /** An MSRP frame as received: its text, split into first line, headers, body and end-line. */
    private static final class Frame {
        private final String text;
        private final String firstLine;
        private final Map<String, String> headers = new LinkedHashMap<>();
        private final String body;
        private final String endLine;

        Frame(String text) {
            this.text = text;
            int firstEnd = text.indexOf("\r\n");
            firstLine = text.substring(0, firstEnd);
            int endLineStart = text.lastIndexOf("-------", text.length() - 3);
            endLine = text.substring(endLineStart, text.length() - 2);
            String middle = text.substring(firstEnd + 2, endLineStart);
            int blank = middle.indexOf("\r\n\r\n");
            String headerBlock = blank >= 0 ? middle.substring(0, blank + 2) : middle;
            body = blank >= 0 ? middle.substring(blank + 4, middle.length() - 2) : null;
            for (String line : headerBlock.split("\r\n")) {
                if (!line.isEmpty()) {
                    int colon = line.indexOf(':');
                    headers.putIfAbsent(line.substring(0, colon), line.substring(colon + 1).trim());
                }
            }
        }

        String text() {
            return text;
        }

        String firstLine() {
            return firstLine;
        }

        String transactionId() {
            return firstLine.split(" ")[1];
        }

        String header(String name) {
            return headers.get(name);
        }

        List<String> headerNames() {
            return List.copyOf(headers.keySet());
        }

        String body() {
            return body;
        }

        String endLine() {
            return endLine;
        }

        @Override
        public String toString() {
            return text;
        }
    }

    /** One MSRP connection to a relay, written and read by the test thread; reads block up to READ_TIMEOUT. */
    private static final class RawClient implements AutoCloseable {
        private final KamailioRelay relay;
        private final Socket socket;
        private final InputStream in;
        private final OutputStream out;
        private final String uri;

        private RawClient(KamailioRelay relay, Socket socket, String scheme) throws IOException {
            this.relay = relay;
            this.socket = socket;
            socket.setSoTimeout((int) READ_TIMEOUT.toMillis());
            this.in = new BufferedInputStream(socket.getInputStream());
            this.out = socket.getOutputStream();
            this.uri = scheme + "://127.0.0.1:" + socket.getLocalPort() + "/c" + TRANSACTIONS.incrementAndGet()
                    + ";tcp";
        }

        static RawClient tcp(KamailioRelay relay) {
            try {
                return new RawClient(relay, new Socket("127.0.0.1", relay.tcpPort()), "msrp");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A TLS connection that trusts only the relay's own certificate. */
        static RawClient tls(KamailioRelay relay) {
            try {
                TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                trust.init(relay.certificate().asTrustStore());
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, trust.getTrustManagers(), null);
                SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", relay.tlsPort());
                socket.startHandshake();
                return new RawClient(relay, socket, "msrps");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }

        String uri() {
            return uri;
        }

        /** Sends a request without body and reads the next frame, its response. */
        Frame request(String method, String toPath, String extraHeaders) {
            String transaction = nextTransaction();
            write("MSRP " + transaction + " " + method + "\r\nTo-Path: " + toPath + "\r\nFrom-Path: " + uri
                    + "\r\n" + extraHeaders + "-------" + transaction + "$\r\n");
            Frame answer = read();
            assertThat(answer.transactionId()).as(answer.text()).isEqualTo(transaction);
            return answer;
        }

        /** Sends a complete text/plain SEND and returns its transaction id. */
        String send(String toPath, String fromPath, String messageId, String text) {
            String transaction = nextTransaction();
            int length = text.getBytes(StandardCharsets.UTF_8).length;
            write("MSRP " + transaction + " SEND\r\nTo-Path: " + toPath + "\r\nFrom-Path: " + fromPath
                    + "\r\nMessage-ID: " + messageId + "\r\nByte-Range: 1-" + length + "/" + length
                    + "\r\nContent-Type: text/plain\r\n\r\n" + text + "\r\n-------" + transaction + "$\r\n");
            return transaction;
        }

        /** Sends a SEND whose whole frame, end-line included, is exactly {@code size} bytes. */
        String sendFrameOfSize(String toPath, int size) {
            String transaction = nextTransaction();
            int bodyLength = size;
            String frame;
            do {
                String head = "MSRP " + transaction + " SEND\r\nTo-Path: " + toPath + "\r\nFrom-Path: " + uri
                        + "\r\nMessage-ID: big\r\nByte-Range: 1-" + bodyLength + "/" + bodyLength
                        + "\r\nContent-Type: text/plain\r\n\r\n";
                String tail = "\r\n-------" + transaction + "$\r\n";
                bodyLength = size - head.length() - tail.length();
                frame = head + "b".repeat(Math.max(bodyLength, 0)) + tail;
            } while (frame.length() != size);
            write(frame);
            return transaction;
        }

        void write(String frame) {
            try {
                out.write(frame.getBytes(StandardCharsets.UTF_8));
                out.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Reads the next frame: up to its end-line, "-------" + transaction id + one of "$+#". */
        Frame read() {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            String endLine = null;
            try {
                while (true) {
                    int b = in.read();
                    if (b < 0) {
                        throw new AssertionError("connection closed by the relay after: "
                                + bytes.toString(StandardCharsets.UTF_8) + "\n" + relay.diagnostics());
                    }
                    bytes.write(b);
                    if (b != '\n') {
                        continue;
                    }
                    String text = bytes.toString(StandardCharsets.UTF_8);
                    if (endLine == null) {
                        endLine = "-------" + text.split(" ", 3)[1];
                        continue;
                    }
                    int start = text.length() - endLine.length() - 3;
                    if (start >= 2 && text.startsWith("\r\n" + endLine, start - 2)
                            && "$+#".indexOf(text.charAt(text.length() - 3)) >= 0) {
                        return new Frame(text);
                    }
                }
            } catch (SocketTimeoutException e) {
                throw new AssertionError("no complete frame within " + READ_TIMEOUT + ", got: "
                        + bytes.toString(StandardCharsets.UTF_8) + "\n" + relay.diagnostics(), e);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** Whether the relay ends the connection (end of stream or reset) before READ_TIMEOUT, skipping any data. */
        boolean readEnd() {
            try {
                while (in.read() >= 0) {
                    // skip
                }
                return true;
            } catch (SocketTimeoutException e) {
                return false;
            } catch (IOException e) {
                return true;
            }
        }

        @Override
        public void close() {
            try {
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }
    }
}
