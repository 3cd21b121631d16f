package org.parley.msrp.comedia;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.msrp.core.MsrpConnectionException;
import org.parley.msrp.core.MsrpSendResult;
import org.parley.msrp.core.MsrpSession;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.core.MsrpStack;
import org.parley.msrp.core.MsrpStackOptions;
import org.parley.msrp.core.OutgoingMessage;
import org.parley.msrp.core.testing.RawPeer;
import org.parley.msrp.core.testing.RecordingListener;
import org.parley.msrp.sdp.ConnectionRole;
import org.parley.msrp.sdp.MsrpMediaDescription;
import org.parley.msrp.sdp.SdpNegotiationException;
import org.parley.msrp.sdp.SetupRole;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.msrp.core.testing.Futures.failure;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Two COMEDIA endpoints on loopback, each with its own stack, settle who connects from the SDP alone (RFC 6135
 * §4.2, RFC 4145 §4.1) and then talk.
 */
class ComediaEndpointTest {

    private MsrpStack aliceStack;
    private MsrpStack bobStack;
    private final RecordingListener aliceListener = new RecordingListener();
    private final RecordingListener bobListener = new RecordingListener();

    @BeforeEach
    void startStacks() {
        aliceStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
        bobStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
    }

    @AfterEach
    void stopStacks() throws Exception {
        aliceStack.closeAsync().get(10, TimeUnit.SECONDS);
        bobStack.closeAsync().get(10, TimeUnit.SECONDS);
    }

    static ComediaEndpoint endpoint(MsrpStack stack, ComediaOptions options) throws Exception {
        return ComediaEndpoint.start(stack, options).get(10, TimeUnit.SECONDS);
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(20, TimeUnit.SECONDS);
    }

    /** Messages both ways on a settled pair. */
    private void talk(ComediaSession alice, ComediaSession bob) throws Exception {
        MsrpSession aliceSession = await(alice.connected());
        MsrpSession bobSession = await(bob.connected());
        await(aliceSession.send(OutgoingMessage.text("Hi Bob")));
        assertThat(RecordingListener.text(bobListener.nextReceived())).isEqualTo("Hi Bob");
        await(bobSession.send(OutgoingMessage.text("Hi Alice")));
        assertThat(RecordingListener.text(aliceListener.nextReceived())).isEqualTo("Hi Alice");
    }

    @Test
    void actpassAnsweredPassiveMakesTheOffererConnect() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.defaults());
        ComediaEndpoint bobEnd = endpoint(bobStack, ComediaOptions.defaults());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        assertThat(MsrpMediaDescription.parse(alice.localSdp()).setup()).contains(SetupRole.ACTPASS);
        ComediaSession bob = bobEnd.answer(alice.localSdp(), MsrpSessionOptions.defaults(), bobListener);
        assertThat(MsrpMediaDescription.parse(bob.localSdp()).setup()).contains(SetupRole.PASSIVE);
        assertThat(bob.outcome().orElseThrow().role()).isEqualTo(ConnectionRole.ACCEPT);
        assertThat(alice.applyAnswer(bob.localSdp()).role()).isEqualTo(ConnectionRole.CONNECT);
        talk(alice, bob);
        assertThat(alice.session().localUri().port()).isEqualTo(aliceEnd.localAddress().getPort());
    }

    @Test
    void actpassAnsweredActiveMakesTheAnswererConnectAndTheOffererWait() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.defaults());
        ComediaEndpoint bobEnd = endpoint(bobStack, ComediaOptions.builder().reachable(false).build());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        ComediaSession bob = bobEnd.answer(alice.localSdp(), MsrpSessionOptions.defaults(), bobListener);
        MsrpMediaDescription answer = MsrpMediaDescription.parse(bob.localSdp());
        assertThat(answer.setup()).contains(SetupRole.ACTIVE);
        // An active side never listens: port 9 in m= and in its own URI, which its requests carry (RFC 6135 §4.2.2).
        assertThat(answer.port()).isEqualTo(9);
        assertThat(answer.path()).containsExactly(bob.session().localUri());
        assertThat(bob.session().localUri().port()).isEqualTo(9);
        assertThat(alice.applyAnswer(bob.localSdp()).role()).isEqualTo(ConnectionRole.ACCEPT);
        talk(alice, bob);
    }

    @Test
    void anUnreachableOffererOffersActiveAndConnects() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.builder().reachable(false).build());
        ComediaEndpoint bobEnd = endpoint(bobStack, ComediaOptions.defaults());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        assertThat(MsrpMediaDescription.parse(alice.localSdp()).setup()).contains(SetupRole.ACTIVE);
        assertThat(alice.session().localUri().port()).isEqualTo(9);
        ComediaSession bob = bobEnd.answer(alice.localSdp(), MsrpSessionOptions.defaults(), bobListener);
        assertThat(MsrpMediaDescription.parse(bob.localSdp()).setup()).contains(SetupRole.PASSIVE);
        assertThat(alice.applyAnswer(bob.localSdp()).role()).isEqualTo(ConnectionRole.CONNECT);
        talk(alice, bob);
    }

    @Test
    void anOfferWithoutSetupFollowsRfc4975AndTheOffererConnects() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.defaults());
        ComediaEndpoint bobEnd = endpoint(bobStack, ComediaOptions.builder().reachable(false).build());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        String legacyOffer = alice.localSdp().replace("a=setup:actpass\r\n", "");
        ComediaSession bob = bobEnd.answer(legacyOffer, MsrpSessionOptions.defaults(), bobListener);
        // RFC 6135 §5: without a=setup the offerer is active, even when the answerer could not accept connections.
        assertThat(MsrpMediaDescription.parse(bob.localSdp()).setup()).contains(SetupRole.PASSIVE);
        assertThat(bob.outcome().orElseThrow().role()).isEqualTo(ConnectionRole.ACCEPT);
        String legacyAnswer = bob.localSdp().replace("a=setup:passive\r\n", "");
        assertThat(alice.applyAnswer(legacyAnswer).role()).isEqualTo(ConnectionRole.CONNECT);
        talk(alice, bob);
    }

    @Test
    void messagesSentBeforeTheConnectionGoFirstInsteadOfAnEmptySend() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.defaults());
        ComediaEndpoint bobEnd = endpoint(bobStack, ComediaOptions.defaults());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        ComediaSession bob = bobEnd.answer(alice.localSdp(), MsrpSessionOptions.defaults(), bobListener);
        CompletableFuture<MsrpSendResult> early = alice.session().send(OutgoingMessage.text("queued early"));
        alice.applyAnswer(bob.localSdp());
        await(early);
        assertThat(RecordingListener.text(bobListener.nextReceived())).isEqualTo("queued early");
        await(bob.connected());
    }

    @Test
    void aPassiveSessionWhosePeerNeverConnectsFailsItsSendsAfterTheAcceptTimeout() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.builder()
                .acceptTimeout(Duration.ofMillis(300)).build());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        CompletableFuture<MsrpSendResult> waiting = alice.session().send(OutgoingMessage.text("anyone?"));
        String activeAnswerOfNobody = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=message 9 TCP/MSRP *\r\na=accept-types:text/plain\r\n"
                + "a=path:msrp://127.0.0.1:9/nobodyhere;tcp\r\na=setup:active\r\n";
        assertThat(alice.applyAnswer(activeAnswerOfNobody).role()).isEqualTo(ConnectionRole.ACCEPT);
        assertThat(failure(alice.connected())).isInstanceOf(MsrpConnectionException.class)
                .hasMessageContaining("did not connect");
        assertThat(failure(waiting)).isInstanceOf(MsrpConnectionException.class);
        assertThat(aliceListener.closed.get(10, TimeUnit.SECONDS)).isInstanceOf(MsrpConnectionException.class);
    }

    @Test
    void aFailedConnectFailsTheQueuedSendsWithAConnectionError() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.defaults());
        ComediaEndpoint bobEnd = endpoint(bobStack, ComediaOptions.defaults());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        ComediaSession bob = bobEnd.answer(alice.localSdp(), MsrpSessionOptions.defaults(), bobListener);
        CompletableFuture<MsrpSendResult> queued = alice.session().send(OutgoingMessage.text("lost"));
        bobEnd.closeAsync().get(10, TimeUnit.SECONDS);
        alice.applyAnswer(bob.localSdp());
        assertThat(failure(alice.connected())).isInstanceOf(MsrpConnectionException.class);
        assertThat(failure(queued)).isInstanceOf(MsrpConnectionException.class);
        assertThat(aliceListener.closed.get(10, TimeUnit.SECONDS)).isInstanceOf(MsrpConnectionException.class);
    }

    @Test
    void anOfferWithNoCommonTypeIsAnsweredWithPortZeroAndTheSessionIsClosed() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.defaults());
        ComediaEndpoint bobEnd = endpoint(bobStack, ComediaOptions.defaults());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.builder()
                .acceptTypes(List.of("text/plain")).build(), aliceListener);
        ComediaSession bob = bobEnd.answer(alice.localSdp(), MsrpSessionOptions.builder()
                .acceptTypes(List.of("image/png")).build(), bobListener);
        assertThat(bob.isRejected()).isTrue();
        assertThat(MsrpMediaDescription.parse(bob.localSdp()).port()).isZero();
        assertThat(failure(bob.connected())).isInstanceOf(SdpNegotiationException.class);
        assertThat(bobListener.closed.get(10, TimeUnit.SECONDS)).isInstanceOf(SdpNegotiationException.class);
        assertThatThrownBy(() -> alice.applyAnswer(bob.localSdp())).isInstanceOf(SdpNegotiationException.class);
        assertThat(alice.isRejected()).isTrue();
        assertThat(failure(alice.connected())).isInstanceOf(SdpNegotiationException.class);
    }

    @Test
    void aReofferKeepsTheConnectionAndTheConversationGoesOn() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.defaults());
        ComediaEndpoint bobEnd = endpoint(bobStack, ComediaOptions.defaults());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        ComediaSession bob = bobEnd.answer(alice.localSdp(), MsrpSessionOptions.defaults(), bobListener);
        alice.applyAnswer(bob.localSdp());
        talk(alice, bob);
        String reoffer = bob.createReoffer();
        MsrpMediaDescription offered = MsrpMediaDescription.parse(reoffer);
        assertThat(offered.setup()).contains(SetupRole.ACTPASS);
        assertThat(offered.path()).containsExactly(bob.session().localUri());
        String reanswer = alice.answerReoffer(reoffer);
        bob.applyAnswer(reanswer);
        assertThat(alice.session().isConnected()).isTrue();
        talk(alice, bob);
    }

    @Test
    void anAnswerIsRefusedWhenNoOfferWaitsForIt() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.defaults());
        ComediaEndpoint bobEnd = endpoint(bobStack, ComediaOptions.defaults());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        ComediaSession bob = bobEnd.answer(alice.localSdp(), MsrpSessionOptions.defaults(), bobListener);
        alice.applyAnswer(bob.localSdp());
        assertThatThrownBy(() -> alice.applyAnswer(bob.localSdp())).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> bob.applyAnswer(alice.localSdp())).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aBodyThatIsNotSdpIsATypedError() throws Exception {
        ComediaEndpoint bobEnd = endpoint(bobStack, ComediaOptions.defaults());
        assertThatThrownBy(() -> bobEnd.answer("hello", MsrpSessionOptions.defaults(), bobListener))
                .isInstanceOf(SdpNegotiationException.class);
    }

    @Test
    void aWildcardListenAddressNeedsAnAdvertisedHost() {
        assertThatThrownBy(() -> ComediaOptions.builder()
                .listenAddress(new java.net.InetSocketAddress(0)).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("advertisedHost");
        assertThat(ComediaOptions.builder().listenAddress(new java.net.InetSocketAddress(0))
                .advertisedHost("203.0.113.7").build().advertisedHost()).isEqualTo("203.0.113.7");
    }

    /** An SDP answer of a peer that listens on {@code port} and takes the passive role. */
    static String passiveAnswer(int port, String sessionId) {
        return "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=message " + port + " TCP/MSRP *\r\na=accept-types:text/plain\r\n"
                + "a=path:msrp://127.0.0.1:" + port + "/" + sessionId + ";tcp\r\na=setup:passive\r\n";
    }

    private static String ok(String request) {
        String tid = RawPeer.transactionId(request);
        String to = request.substring(request.indexOf("To-Path: ") + 9, request.indexOf("\r\n",
                request.indexOf("To-Path: ")));
        String from = request.substring(request.indexOf("From-Path: ") + 11, request.indexOf("\r\n",
                request.indexOf("From-Path: ")));
        return "MSRP " + tid + " 200 OK\r\nTo-Path: " + from + "\r\nFrom-Path: " + to + "\r\n-------" + tid
                + "$\r\n";
    }

    private static void assertEmptySend(String frame) {
        assertThat(frame).contains(" SEND\r\n").doesNotContain("Content-Type").endsWith("$\r\n");
    }

    @Test
    void keepAlivesAreEmptySendsAndOneWithoutResponseEndsTheSession() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.builder()
                .keepAliveInterval(Duration.ofMillis(100)).build());
        try (java.net.ServerSocket listening = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.builder()
                    .transactionTimeout(Duration.ofMillis(500)).build(), aliceListener);
            alice.applyAnswer(passiveAnswer(listening.getLocalPort(), "rawpassive"));
            try (RawPeer peer = new RawPeer(listening.accept())) {
                String greeting = peer.readFrame();
                assertEmptySend(greeting);
                assertThat(greeting).contains("To-Path: msrp://127.0.0.1:" + listening.getLocalPort()
                        + "/rawpassive;tcp\r\nFrom-Path: " + alice.session().localUri() + "\r\n");
                peer.write(ok(greeting));
                await(alice.connected());
                for (int i = 0; i < 2; i++) {
                    String keepAlive = peer.readFrame();
                    assertEmptySend(keepAlive);
                    peer.write(ok(keepAlive));
                }
                assertEmptySend(peer.readFrame());
                assertThat(aliceListener.closed.get(10, TimeUnit.SECONDS))
                        .isInstanceOf(org.parley.msrp.core.MsrpTransactionTimeoutException.class);
                assertThat(peer.closedByPeer()).isTrue();
            }
        }
    }

    @Test
    void noKeepAlivesByDefault() throws Exception {
        assertThat(ComediaOptions.defaults().keepAliveInterval()).isZero();
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.defaults());
        try (java.net.ServerSocket listening = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
            alice.applyAnswer(passiveAnswer(listening.getLocalPort(), "rawpassive"));
            try (RawPeer peer = new RawPeer(listening.accept())) {
                String greeting = peer.readFrame();
                peer.write(ok(greeting));
                await(alice.connected());
                // Idle a while: with keep-alives off, the next frame is still the message.
                Thread.sleep(300);
                alice.session().send(OutgoingMessage.text("after a while"));
                assertThat(peer.readFrame()).contains("\r\n\r\nafter a while\r\n");
            }
        }
    }

    @Test
    void theActiveSideRefusesAConnectionThatClaimsToBeItsPeer() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.defaults());
        try (java.net.ServerSocket listening = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
            String peerPath = "msrp://127.0.0.1:" + listening.getLocalPort() + "/rawpassive;tcp";
            alice.applyAnswer(passiveAnswer(listening.getLocalPort(), "rawpassive"));
            // Someone who saw both SDP bodies connects to Alice's port before her own connection is up.
            try (RawPeer intruder = new RawPeer(aliceEnd.localAddress())) {
                intruder.write("MSRP tsteal SEND\r\nTo-Path: " + alice.session().localUri() + "\r\nFrom-Path: "
                        + peerPath + "\r\nMessage-ID: m1\r\nByte-Range: 1-0/0\r\n-------tsteal$\r\n");
                assertThat(intruder.readFrame()).startsWith("MSRP tsteal 481 ");
            }
            try (RawPeer peer = new RawPeer(listening.accept())) {
                String greeting = peer.readFrame();
                peer.write(ok(greeting));
                await(alice.connected());
            }
        }
    }

    @Test
    void anAnswerRewrittenWithoutCemaAsksForANewOfferAndTheSessionLivesOn() throws Exception {
        ComediaEndpoint aliceEnd = endpoint(aliceStack, ComediaOptions.builder().cema(true).build());
        ComediaEndpoint bobEnd = endpoint(bobStack, ComediaOptions.builder().reachable(false).build());
        ComediaSession alice = aliceEnd.createOffer(MsrpSessionOptions.defaults(), aliceListener);
        assertThat(alice.localSdp()).contains("a=msrp-cema");
        ComediaSession bob = bobEnd.answer(alice.localSdp(), MsrpSessionOptions.defaults(), bobListener);
        // A middlebox without CEMA rewrote the answer's c= line (RFC 6714 §4.2).
        String rewritten = bob.localSdp().replace("c=IN IP4 127.0.0.1", "c=IN IP4 198.51.100.2");
        assertThatThrownBy(() -> alice.applyAnswer(rewritten))
                .isInstanceOf(org.parley.msrp.sdp.CemaFallbackRequiredException.class);
        assertThat(alice.reofferRequired()).isTrue();
        assertThat(alice.isRejected()).isFalse();
        String withoutCema = alice.createReoffer();
        assertThat(withoutCema).doesNotContain("a=msrp-cema");
        assertThat(alice.reofferRequired()).isFalse();
        alice.applyAnswer(bob.answerReoffer(withoutCema));
        talk(alice, bob);
    }
}
