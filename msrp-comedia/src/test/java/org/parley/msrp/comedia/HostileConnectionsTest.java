package org.parley.msrp.comedia;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.parley.msrp.core.MsrpSession;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.core.MsrpStack;
import org.parley.msrp.core.MsrpStackOptions;
import org.parley.msrp.core.OutgoingMessage;
import org.parley.msrp.core.testing.RawPeer;
import org.parley.msrp.core.testing.RecordingListener;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The passive side's listening socket takes connections from anyone (RFC 6135 §4.2); hostile ones must neither bind
 * the session nor keep the legitimate peer out (the COMEDIA draft: "the passive peer might need to process multiple
 * incoming TCP sessions, until one of them has been authenticated").
 */
class HostileConnectionsTest {

    private static final int FLOOD = 500;

    private final MsrpStack aliceStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1)
            .unboundConnectionTimeout(Duration.ofSeconds(3)).build());
    private final MsrpStack bobStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
    private final RecordingListener aliceListener = new RecordingListener();
    private final RecordingListener bobListener = new RecordingListener();
    private final List<Socket> sockets = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (Socket socket : sockets) {
            socket.close();
        }
        aliceStack.closeAsync().get(10, TimeUnit.SECONDS);
        bobStack.closeAsync().get(10, TimeUnit.SECONDS);
    }

    private Socket open(InetSocketAddress address) throws IOException {
        Socket socket = new Socket(address.getAddress(), address.getPort());
        socket.setSoTimeout(15_000);
        sockets.add(socket);
        return socket;
    }

    private static void write(Socket socket, String text) throws IOException {
        socket.getOutputStream().write(text.getBytes(StandardCharsets.UTF_8));
        socket.getOutputStream().flush();
    }

    /** Reads what the server sends until it closes the connection. */
    private static String readUntilClosed(Socket socket) throws IOException {
        StringBuilder read = new StringBuilder();
        try {
            byte[] buffer = new byte[4096];
            for (int n; (n = socket.getInputStream().read(buffer)) >= 0; ) {
                read.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
            }
        } catch (SocketException e) {
            read.append("[reset]");
        }
        return read.toString();
    }

    private static String send(String tid, String toPath, String fromPath) {
        return "MSRP " + tid + " SEND\r\nTo-Path: " + toPath + "\r\nFrom-Path: " + fromPath + "\r\nMessage-ID: m" + tid
                + "\r\nByte-Range: 1-5/5\r\nContent-Type: text/plain\r\n\r\nevil!\r\n-------" + tid + "$\r\n";
    }

    @Test
    void theRealPeerBindsWithinASecondThroughAFloodOfHostileConnections() throws Exception {
        ComediaEndpoint aliceEnd = ComediaEndpoint.start(aliceStack, ComediaOptions.defaults()).get(10, TimeUnit.SECONDS);
        ComediaEndpoint bobEnd = ComediaEndpoint.start(bobStack, ComediaOptions.builder().reachable(false).build())
                .get(10, TimeUnit.SECONDS);
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        InetSocketAddress port = aliceEnd.localAddress();
        String aliceUri = alice.session().localUri().toString();

        List<Socket> silent = new ArrayList<>();
        for (int i = 0; i < FLOOD; i++) {
            silent.add(open(port));
        }
        Socket wrongToPath = open(port);
        write(wrongToPath, send("twrongto", aliceUri.replace(alice.session().localUri().sessionId(), "guessed0000"),
                RawPeer.URI));
        Socket garbage = open(port);
        write(garbage, "\u0016\u0003\u0001\u0002\u0000\u0001\u0000\u01fc\u0003\u0003 not MSRP at all\r\n\r\n");
        // Someone who saw the SDP offer connects first, before the real answerer does.
        Socket wrongFromPath = open(port);
        write(wrongFromPath, send("twrongfrom", aliceUri, "msrp://203.0.113.66:2855/attacker1;tcp"));

        ComediaSession bob = bobEnd.answer(alice.localSdp(), MsrpSessionOptions.defaults(), bobListener);
        long answered = System.nanoTime();
        alice.applyAnswer(bob.localSdp());
        MsrpSession aliceSession = alice.connected().get(10, TimeUnit.SECONDS);
        long bindMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answered);
        assertThat(bindMillis).as("time from the answer to the bound connection").isLessThan(1000);

        MsrpSession bobSession = bob.connected().get(10, TimeUnit.SECONDS);
        bobSession.send(OutgoingMessage.text("real")).get(10, TimeUnit.SECONDS);
        aliceSession.send(OutgoingMessage.text("reply")).get(10, TimeUnit.SECONDS);
        assertThat(RecordingListener.text(aliceListener.nextReceived())).isEqualTo("real");
        assertThat(RecordingListener.text(bobListener.nextReceived())).isEqualTo("reply");

        assertThat(readUntilClosed(wrongToPath)).startsWith("MSRP twrongto 481 No Such Session\r\n");
        assertThat(readUntilClosed(wrongFromPath)).startsWith("MSRP twrongfrom 481 No Such Session\r\n");
        assertThat(readUntilClosed(garbage)).doesNotContain("200 OK");
        // Every silent connection is closed: the oldest beyond the bound at once, the others at the timeout.
        for (Socket socket : silent) {
            assertThat(readUntilClosed(socket)).isEmpty();
        }
        assertThat(aliceListener.received).isEmpty();
        assertThat(aliceSession.isConnected()).isTrue();
    }

    @Test
    void anAnswererThatConnectedBeforeTheAnswerSurvivesAFloodWhileItWaits() throws Exception {
        ComediaEndpoint aliceEnd = ComediaEndpoint.start(aliceStack, ComediaOptions.defaults()).get(10, TimeUnit.SECONDS);
        ComediaEndpoint bobEnd = ComediaEndpoint.start(bobStack, ComediaOptions.builder().reachable(false).build())
                .get(10, TimeUnit.SECONDS);
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        InetSocketAddress port = aliceEnd.localAddress();
        // Bob is active: he connects as soon as he has answered, long before the answer reaches Alice through SIP.
        ComediaSession bob = bobEnd.answer(alice.localSdp(), MsrpSessionOptions.defaults(), bobListener);
        bob.session().whenConnected().get(10, TimeUnit.SECONDS);
        // Time for Alice to read Bob's empty SEND and hold it; the count then shows it is no longer anonymous.
        Thread.sleep(200);
        assertThat(aliceStack.unboundConnectionCount()).isZero();
        List<Socket> silent = new ArrayList<>();
        for (int i = 0; i < FLOOD; i++) {
            silent.add(open(port));
        }
        Socket wrongFromPath = open(port);
        write(wrongFromPath, send("twrongfrom", alice.session().localUri().toString(),
                "msrp://203.0.113.66:2855/attacker1;tcp"));

        long answered = System.nanoTime();
        alice.applyAnswer(bob.localSdp());
        MsrpSession aliceSession = alice.connected().get(10, TimeUnit.SECONDS);
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - answered))
                .as("time from the answer to the bound connection").isLessThan(1000);
        bob.connected().get(10, TimeUnit.SECONDS).send(OutgoingMessage.text("held, then bound"))
                .get(10, TimeUnit.SECONDS);
        assertThat(RecordingListener.text(aliceListener.nextReceived())).isEqualTo("held, then bound");
        aliceSession.send(OutgoingMessage.text("reply")).get(10, TimeUnit.SECONDS);
        assertThat(RecordingListener.text(bobListener.nextReceived())).isEqualTo("reply");
        assertThat(readUntilClosed(wrongFromPath)).startsWith("MSRP twrongfrom 481 No Such Session\r\n");
    }
}
