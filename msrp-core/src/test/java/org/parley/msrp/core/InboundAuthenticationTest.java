package org.parley.msrp.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.msrp.core.codec.MsrpUri;
import org.parley.msrp.core.testing.RawPeer;
import org.parley.msrp.core.testing.RecordingListener;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The listening side authenticates each accepted connection by the first request naming a session (RFC 4975 §5.4,
 * the COMEDIA draft's From-Path and To-Path check), and limits connections that never bind a session.
 */
class InboundAuthenticationTest {

    private static final String INTRUDER = "msrp://127.0.0.1:9/intruder99;tcp";

    private MsrpStack stack;
    private MsrpServer server;
    private final RecordingListener listener = new RecordingListener();

    private MsrpSession start(MsrpStackOptions stackOptions, MsrpSessionOptions sessionOptions) throws Exception {
        stack = MsrpStack.create(stackOptions.toBuilder().ioThreads(1).build());
        server = stack.listen(new InetSocketAddress("127.0.0.1", 0)).get(10, TimeUnit.SECONDS);
        MsrpSession session = stack.newSession(sessionOptions, listener);
        session.remotePath(List.of(MsrpUri.parse(RawPeer.URI)));
        return session;
    }

    private MsrpSession start() throws Exception {
        return start(MsrpStackOptions.defaults(), MsrpSessionOptions.defaults());
    }

    @AfterEach
    void stop() throws Exception {
        if (stack != null) {
            stack.closeAsync().get(10, TimeUnit.SECONDS);
        }
    }

    /** Waits until the stack counts {@code count} accepted connections that have not named a session yet. */
    private void awaitUnboundConnections(int count) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (stack.unboundConnectionCount() != count) {
            assertThat(System.nanoTime()).as("waiting for %d unbound connections", count).isLessThan(deadline);
            Thread.sleep(5);
        }
    }

    /**
     * Connects, sends a request and returns once the stack has read it: the connection was first counted as unbound,
     * and no longer is (bound, refused or waiting for the session's remote path).
     */
    private RawPeer sendAndAwaitRead(String request) throws Exception {
        RawPeer peer = new RawPeer(server.localAddress());
        awaitUnboundConnections(1);
        peer.write(request);
        awaitUnboundConnections(0);
        return peer;
    }

    private static String sendFrom(String fromPath, String tid, MsrpSession to) {
        return "MSRP " + tid + " SEND\r\nTo-Path: " + to.localUri() + "\r\nFrom-Path: " + fromPath
                + "\r\nMessage-ID: m" + tid + "\r\nByte-Range: 1-1/1\r\nContent-Type: text/plain\r\n\r\nx\r\n-------"
                + tid + "$\r\n";
    }

    private static String emptySend(String tid, MsrpSession to) {
        return "MSRP " + tid + " SEND\r\nTo-Path: " + to.localUri() + "\r\nFrom-Path: " + RawPeer.URI
                + "\r\nMessage-ID: e" + tid + "\r\nByte-Range: 1-0/0\r\n-------" + tid + "$\r\n";
    }

    @Test
    void aFirstRequestFromTheWrongPathGets481AndTheConnectionIsClosed() throws Exception {
        MsrpSession session = start();
        try (RawPeer intruder = new RawPeer(server.localAddress())) {
            intruder.write(sendFrom(INTRUDER, "tbad1", session));
            assertThat(intruder.readFrame()).isEqualTo("MSRP tbad1 481 No Such Session\r\nTo-Path: " + INTRUDER
                    + "\r\nFrom-Path: " + session.localUri() + "\r\n-------tbad1$\r\n");
            assertThat(intruder.closedByPeer()).isTrue();
        }
        assertThat(session.isConnected()).isFalse();
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(sendFrom(RawPeer.URI, "tgood1", session));
            assertThat(peer.readFrame()).startsWith("MSRP tgood1 200 OK\r\n");
            assertThat(RecordingListener.text(listener.nextReceived())).isEqualTo("x");
        }
        assertThat(listener.received).isEmpty();
    }

    @Test
    void anEmptySendFromThePeerBindsTheSessionAndGetsIts200() throws Exception {
        MsrpSession session = start();
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(emptySend("tempty", session));
            assertThat(peer.readFrame()).isEqualTo("MSRP tempty 200 OK\r\nTo-Path: " + RawPeer.URI
                    + "\r\nFrom-Path: " + session.localUri() + "\r\n-------tempty$\r\n");
            session.send(OutgoingMessage.text("back")).orTimeout(10, TimeUnit.SECONDS);
            assertThat(peer.readFrame()).startsWith("MSRP ").contains(" SEND\r\n").contains("\r\n\r\nback\r\n");
            assertThat(listener.received).isEmpty();
        }
    }

    @Test
    void aPathThatDiffersOnlyWhereRfc4975AllowsStillAuthenticates() throws Exception {
        MsrpSession session = start();
        String sameUri = RawPeer.URI.replace("msrp://127.0.0.1", "MSRP://127.0.0.1").replace(";tcp", ";TCP");
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(sendFrom(sameUri, "tcase1", session));
            assertThat(peer.readFrame()).startsWith("MSRP tcase1 200 OK\r\n");
        }
    }

    @Test
    void aFromPathWithAnExtraHopDoesNotAuthenticate() throws Exception {
        MsrpSession session = start();
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(sendFrom(INTRUDER + " " + RawPeer.URI, "thop1", session));
            assertThat(peer.readFrame()).startsWith("MSRP thop1 481 ");
            assertThat(peer.closedByPeer()).isTrue();
        }
    }

    @Test
    void aRequestHeldForTheAnswerOutlivesTheUnboundTimeout() throws Exception {
        start(MsrpStackOptions.builder().unboundConnectionTimeout(Duration.ofMillis(100)).build(),
                MsrpSessionOptions.defaults());
        MsrpSession offerer = stack.newSession(MsrpSessionOptions.defaults(), listener);
        try (RawPeer peer = sendAndAwaitRead(sendFrom(RawPeer.URI, "tslow", offerer))) {
            // An answer slower than the unbound timeout, as through SIP proxies: the held request is still there.
            Thread.sleep(400);
            offerer.remotePath(List.of(MsrpUri.parse(RawPeer.URI)));
            assertThat(peer.readFrame()).startsWith("MSRP tslow 200 OK\r\n");
        }
    }

    @Test
    void sessionIdMatchingBindsWhateverTheFromPath() throws Exception {
        MsrpSession session = start(MsrpStackOptions.defaults(), MsrpSessionOptions.builder()
                .inboundAuthentication(InboundAuthentication.SESSION_ID).build());
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(sendFrom(INTRUDER, "tsid1", session));
            assertThat(peer.readFrame()).startsWith("MSRP tsid1 200 OK\r\n");
            assertThat(RecordingListener.text(listener.nextReceived())).isEqualTo("x");
        }
    }

    @Test
    void aSecondAuthenticatedConnectionGets506AndIsClosedWhileTheFirstGoesOn() throws Exception {
        MsrpSession session = start();
        try (RawPeer first = new RawPeer(server.localAddress());
             RawPeer second = new RawPeer(server.localAddress())) {
            first.write(emptySend("tfirst", session));
            assertThat(first.readFrame()).startsWith("MSRP tfirst 200 OK\r\n");
            second.write(emptySend("tsecond", session));
            assertThat(second.readFrame()).startsWith("MSRP tsecond 506 ");
            assertThat(second.closedByPeer()).isTrue();
            first.write(sendFrom(RawPeer.URI, "tafter", session));
            assertThat(first.readFrame()).startsWith("MSRP tafter 200 OK\r\n");
            assertThat(RecordingListener.text(listener.nextReceived())).isEqualTo("x");
        }
    }

    @Test
    void aBoundConnectionStaysOpenAfterARequestForAnUnknownSession() throws Exception {
        MsrpSession session = start();
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(emptySend("tbind", session));
            assertThat(peer.readFrame()).startsWith("MSRP tbind 200 OK\r\n");
            String unknown = "msrp://127.0.0.1:" + server.localAddress().getPort() + "/nosuchsession;tcp";
            peer.write("MSRP tunk SEND\r\nTo-Path: " + unknown + "\r\nFrom-Path: " + RawPeer.URI
                    + "\r\nMessage-ID: m1\r\nByte-Range: 1-0/0\r\n-------tunk$\r\n");
            assertThat(peer.readFrame()).startsWith("MSRP tunk 481 ");
            peer.write(sendFrom(RawPeer.URI, "tstill", session));
            assertThat(peer.readFrame()).startsWith("MSRP tstill 200 OK\r\n");
        }
    }

    @Test
    void garbageOnAnUnboundConnectionClosesIt() throws Exception {
        MsrpSession session = start();
        try (RawPeer garbage = new RawPeer(server.localAddress())) {
            garbage.write("GET / HTTP/1.1\r\nHost: example\r\n\r\n");
            assertThat(garbage.closedByPeer()).isTrue();
        }
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(emptySend("tok", session));
            assertThat(peer.readFrame()).startsWith("MSRP tok 200 OK\r\n");
        }
    }

    @Test
    void aConnectionThatStaysSilentIsClosedAfterTheUnboundTimeout() throws Exception {
        MsrpSession session = start(MsrpStackOptions.builder().unboundConnectionTimeout(Duration.ofMillis(300)).build(),
                MsrpSessionOptions.defaults());
        try (RawPeer silent = new RawPeer(server.localAddress());
             RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(emptySend("tbound", session));
            assertThat(peer.readFrame()).startsWith("MSRP tbound 200 OK\r\n");
            long started = System.nanoTime();
            assertThat(silent.closedByPeer()).isTrue();
            assertThat(System.nanoTime() - started).isLessThan(TimeUnit.SECONDS.toNanos(10));
            // The bound connection outlives the timeout.
            peer.write(sendFrom(RawPeer.URI, "tlater", session));
            assertThat(peer.readFrame()).startsWith("MSRP tlater 200 OK\r\n");
        }
    }

    @Test
    void beyondTheBoundTheOldestUnboundConnectionsAreClosedAndThePeerStillBinds() throws Exception {
        int max = 8;
        MsrpSession session = start(MsrpStackOptions.builder().maxUnboundConnections(max).build(),
                MsrpSessionOptions.defaults());
        List<Socket> flood = new ArrayList<>();
        try {
            for (int i = 0; i < 3 * max; i++) {
                flood.add(new Socket(server.localAddress().getAddress(), server.localAddress().getPort()));
            }
            try (RawPeer peer = new RawPeer(server.localAddress())) {
                peer.write(emptySend("tlegit", session));
                assertThat(peer.readFrame()).startsWith("MSRP tlegit 200 OK\r\n");
                // The first 2 * max of the flood made room for later ones; at most max - 1 are still open.
                for (int i = 0; i < 2 * max; i++) {
                    assertThat(closedByServer(flood.get(i))).as("flood connection %d", i).isTrue();
                }
                assertThat(session.isConnected()).isTrue();
            }
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
    }

    private static boolean closedByServer(Socket socket) throws IOException {
        socket.setSoTimeout(10_000);
        try {
            return socket.getInputStream().read() < 0;
        } catch (java.net.SocketException e) {
            return true;
        }
    }

    @Test
    void aRequestBeforeTheAnswerWaitsForTheRemotePathAndThenBinds() throws Exception {
        start();
        MsrpSession offerer = stack.newSession(MsrpSessionOptions.defaults(), listener);
        // The answerer connected before the offerer applied the SDP answer (RFC 6135 §4.2).
        try (RawPeer peer = sendAndAwaitRead(sendFrom(RawPeer.URI, "tearly", offerer))) {
            peer.write(sendFrom(RawPeer.URI, "tnext", offerer));
            assertThat(offerer.isConnected()).isFalse();
            offerer.remotePath(List.of(MsrpUri.parse(RawPeer.URI)));
            assertThat(peer.readFrame()).startsWith("MSRP tearly 200 OK\r\n");
            assertThat(peer.readFrame()).startsWith("MSRP tnext 200 OK\r\n");
            assertThat(RecordingListener.text(listener.nextReceived())).isEqualTo("x");
            assertThat(RecordingListener.text(listener.nextReceived())).isEqualTo("x");
            assertThat(offerer.isConnected()).isTrue();
        }
    }

    @Test
    void aRequestBeforeTheAnswerFromTheWrongPeerIsRefusedOnceTheAnswerIsIn() throws Exception {
        start();
        MsrpSession offerer = stack.newSession(MsrpSessionOptions.defaults(), listener);
        try (RawPeer intruder = sendAndAwaitRead(sendFrom(INTRUDER, "tearly", offerer))) {
            offerer.remotePath(List.of(MsrpUri.parse(RawPeer.URI)));
            assertThat(intruder.readFrame()).startsWith("MSRP tearly 481 ");
            assertThat(intruder.closedByPeer()).isTrue();
        }
        assertThat(listener.received).isEmpty();
    }

    @Test
    void aDeferredRequestIsRefusedWhenTheSessionClosesWithoutAnswer() throws Exception {
        start();
        MsrpSession offerer = stack.newSession(MsrpSessionOptions.defaults(), listener);
        try (RawPeer peer = sendAndAwaitRead(sendFrom(RawPeer.URI, "tearly", offerer))) {
            offerer.closeAsync().get(10, TimeUnit.SECONDS);
            assertThat(peer.readFrame()).startsWith("MSRP tearly 481 ");
            assertThat(peer.closedByPeer()).isTrue();
        }
    }

    @Test
    void sessionIdMatchingTakesThePeersFromPathAsRemotePath() throws Exception {
        MsrpSession session = start(MsrpStackOptions.defaults(), MsrpSessionOptions.builder()
                .inboundAuthentication(InboundAuthentication.SESSION_ID).build());
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(sendFrom(INTRUDER, "tsid2", session));
            assertThat(peer.readFrame()).startsWith("MSRP tsid2 200 OK\r\nTo-Path: " + INTRUDER + "\r\n");
            assertThat(session.remotePath()).containsExactly(MsrpUri.parse(INTRUDER));
            session.send(OutgoingMessage.text("reply"));
            assertThat(peer.readFrame()).contains("To-Path: " + INTRUDER + "\r\n");
        }
    }

    @Test
    void aFloodAfterTheAnswerersEarlyRequestDoesNotPushItOut() throws Exception {
        start(MsrpStackOptions.builder().maxUnboundConnections(8).build(), MsrpSessionOptions.defaults());
        MsrpSession offerer = stack.newSession(MsrpSessionOptions.defaults(), listener);
        List<Socket> flood = new ArrayList<>();
        try (RawPeer peer = sendAndAwaitRead(sendFrom(RawPeer.URI, "tearly", offerer))) {
            for (int i = 0; i < 40; i++) {
                flood.add(new Socket(server.localAddress().getAddress(), server.localAddress().getPort()));
            }
            assertThat(closedByServer(flood.get(0))).isTrue();
            offerer.remotePath(List.of(MsrpUri.parse(RawPeer.URI)));
            assertThat(peer.readFrame()).startsWith("MSRP tearly 200 OK\r\n");
            assertThat(offerer.isConnected()).isTrue();
        } finally {
            for (Socket socket : flood) {
                socket.close();
            }
        }
    }

    @Test
    void atMostSixteenConnectionsWaitForOneSessionAndTheOldestGoes() throws Exception {
        start();
        MsrpSession offerer = stack.newSession(MsrpSessionOptions.defaults(), listener);
        List<RawPeer> early = new ArrayList<>();
        try {
            for (int i = 0; i < 17; i++) {
                early.add(sendAndAwaitRead(sendFrom(RawPeer.URI, "tw" + i, offerer)));
            }
            assertThat(early.get(0).closedByPeer()).isTrue();
            offerer.remotePath(List.of(MsrpUri.parse(RawPeer.URI)));
            // One of the 16 others binds; the rest get 506 (RFC 4975 §5.4).
            List<String> answers = new ArrayList<>();
            for (RawPeer peer : early.subList(1, 17)) {
                answers.add(peer.readFrame());
            }
            assertThat(answers).filteredOn(a -> a.contains(" 200 OK\r\n")).hasSize(1);
            assertThat(answers).filteredOn(a -> a.contains(" 506 ")).hasSize(15);
        } finally {
            for (RawPeer peer : early) {
                peer.close();
            }
        }
    }

    @Test
    void aRequestOnABoundConnectionForASessionWithoutPeerIsRefusedAndTheConnectionGoesOn() throws Exception {
        MsrpSession session = start();
        MsrpSession offerer = stack.newSession(MsrpSessionOptions.defaults(), listener);
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(emptySend("tbind", session));
            assertThat(peer.readFrame()).startsWith("MSRP tbind 200 OK\r\n");
            peer.write(sendFrom(RawPeer.URI, "tother", offerer));
            assertThat(peer.readFrame()).startsWith("MSRP tother 481 ");
            peer.write(sendFrom(RawPeer.URI, "tstill", session));
            assertThat(peer.readFrame()).startsWith("MSRP tstill 200 OK\r\n");
        }
    }

    @Test
    void aSessionThatRefusesInboundConnectionsAnswers481() throws Exception {
        MsrpSession session = start();
        session.acceptInbound(false);
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(emptySend("tactive", session));
            assertThat(peer.readFrame()).startsWith("MSRP tactive 481 ");
            assertThat(peer.closedByPeer()).isTrue();
        }
        assertThat(session.isConnected()).isFalse();
    }

    @Test
    void sessionIdMatchingFindsTheSessionBehindARewrittenHostAndKeepsThePeersPath() throws Exception {
        MsrpSession session = start(MsrpStackOptions.defaults(), MsrpSessionOptions.builder()
                .inboundAuthentication(InboundAuthentication.SESSION_ID).build());
        String rewritten = "msrp://198.51.100.9:40000/" + session.localUri().sessionId() + ";tcp";
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write("MSRP tsbc SEND\r\nTo-Path: " + rewritten + "\r\nFrom-Path: " + INTRUDER
                    + "\r\nMessage-ID: msbc\r\nByte-Range: 1-0/0\r\n-------tsbc$\r\n");
            assertThat(peer.readFrame()).startsWith("MSRP tsbc 200 OK\r\n");
            // A later SDP exchange (a re-INVITE through the same ALG) does not undo the path the peer really uses.
            session.remotePath(List.of(MsrpUri.parse(RawPeer.URI)));
            assertThat(session.remotePath()).containsExactly(MsrpUri.parse(INTRUDER));
        }
    }

    @Test
    void withStrictMatchingARewrittenHostIsAnUnknownSession() throws Exception {
        MsrpSession session = start();
        String rewritten = "msrp://198.51.100.9:40000/" + session.localUri().sessionId() + ";tcp";
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write("MSRP tsbc SEND\r\nTo-Path: " + rewritten + "\r\nFrom-Path: " + RawPeer.URI
                    + "\r\nMessage-ID: msbc\r\nByte-Range: 1-0/0\r\n-------tsbc$\r\n");
            assertThat(peer.readFrame()).startsWith("MSRP tsbc 481 ");
        }
    }
}
