package org.parley.msrp.comedia;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.msrp.core.MsrpConnectionException;
import org.parley.msrp.core.MsrpSession;
import org.parley.msrp.core.MsrpSessionClosedException;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.core.MsrpStack;
import org.parley.msrp.core.MsrpStackOptions;
import org.parley.msrp.core.OutgoingMessage;
import org.parley.msrp.core.testing.RecordingListener;
import org.parley.msrp.comedia.testing.SipListenerAdapter;
import org.parley.msrp.comedia.testing.SipTestAgent;
import org.parley.msrp.sdp.ConnectionRole;
import org.parley.msrp.sdp.MsrpMediaDescription;
import org.parley.msrp.sdp.SdpNegotiationException;
import org.parley.msrp.sdp.SetupRole;
import org.parley.msrp.tls.LocalCertificate;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.header.ContentTypeHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.msrp.core.testing.Futures.failure;

/**
 * Two user agents, each a real JAIN-SIP stack with its own listener that calls a {@link MsrpDialogBinder},
 * set up calls on loopback whose SDP decides who connects (RFC 6135), talk over MSRP and hang up.
 */
class SipDialogTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    /** The four role pairings of the issue, by reachability of each side and whether the offer has a=setup. */
    enum Pairing {
        ACTPASS_ANSWERED_PASSIVE(true, true, true, ConnectionRole.CONNECT),
        ACTPASS_ANSWERED_ACTIVE(true, false, true, ConnectionRole.ACCEPT),
        ACTIVE_ANSWERED_PASSIVE(false, true, true, ConnectionRole.CONNECT),
        NO_SETUP_AT_ALL(true, false, false, ConnectionRole.CONNECT);

        final boolean aliceReachable;
        final boolean bobReachable;
        final boolean offerHasSetup;
        final ConnectionRole aliceRole;

        Pairing(boolean aliceReachable, boolean bobReachable, boolean offerHasSetup, ConnectionRole aliceRole) {
            this.aliceReachable = aliceReachable;
            this.bobReachable = bobReachable;
            this.offerHasSetup = offerHasSetup;
            this.aliceRole = aliceRole;
        }
    }

    static Stream<Arguments> pairings() {
        List<Arguments> all = new ArrayList<>();
        for (String transport : List.of("udp", "tcp")) {
            for (Pairing pairing : Pairing.values()) {
                all.add(Arguments.of(pairing, transport));
            }
        }
        return all.stream();
    }

    private final MsrpStack aliceStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
    private final MsrpStack bobStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
    private final RecordingListener aliceListener = new RecordingListener();
    private final RecordingListener bobListener = new RecordingListener();
    private final List<AutoCloseable> agents = new ArrayList<>();
    private SipTestAgent alice;
    private SipTestAgent bob;
    private MsrpDialogBinder aliceBinder;
    private MsrpDialogBinder bobBinder;
    private final CompletableFuture<ComediaSession> bobCall = new CompletableFuture<>();
    private volatile MsrpSessionOptions aliceOptions = MsrpSessionOptions.defaults();
    private volatile MsrpSessionOptions bobOptions = MsrpSessionOptions.defaults();

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable agent : agents) {
            agent.close();
        }
        aliceStack.closeAsync().get(10, TimeUnit.SECONDS);
        bobStack.closeAsync().get(10, TimeUnit.SECONDS);
    }

    /** Starts both agents; their listeners do what a host application's listener does with a binder. */
    private void start(String transport, boolean aliceReachable, boolean bobReachable) throws Exception {
        start(transport, ComediaOptions.builder().reachable(aliceReachable).build(),
                ComediaOptions.builder().reachable(bobReachable).build());
    }

    private void start(String transport, ComediaOptions aliceEndpoint, ComediaOptions bobEndpoint) throws Exception {
        alice = SipTestAgent.start("alice", transport);
        agents.add(alice);
        bob = SipTestAgent.start("bob", transport);
        agents.add(bob);
        aliceBinder = new MsrpDialogBinder(ComediaEndpoint.start(aliceStack, aliceEndpoint).get(10, TimeUnit.SECONDS),
                alice.headerFactory());
        bobBinder = new MsrpDialogBinder(ComediaEndpoint.start(bobStack, bobEndpoint).get(10, TimeUnit.SECONDS),
                bob.headerFactory());
        alice.setDelegate(new SipListenerAdapter() {
            @Override
            public void processResponse(ResponseEvent event) {
                aliceBinder.processResponse(event);
                if (event.getResponse().getStatusCode() == Response.OK && event.getClientTransaction() != null
                        && Request.INVITE.equals(event.getClientTransaction().getRequest().getMethod())) {
                    alice.sendAck(event);
                }
            }

            @Override
            public void processRequest(RequestEvent event) {
                aliceBinder.processRequest(event);
                if (Request.BYE.equals(event.getRequest().getMethod())) {
                    alice.answer(event, Response.OK, null);
                }
            }

            @Override
            public void processDialogTerminated(DialogTerminatedEvent event) {
                aliceBinder.processDialogTerminated(event);
            }
        });
        bob.setDelegate(new SipListenerAdapter() {
            @Override
            public void processRequest(RequestEvent event) {
                String method = event.getRequest().getMethod();
                if (Request.INVITE.equals(method)) {
                    bob.answerWith(event, Response.OK, (transaction, ok) -> {
                        ComediaSession call = bobBinder.answer(transaction, ok, bobOptions, bobListener);
                        bobCall.complete(call);
                    });
                    return;
                }
                bobBinder.processRequest(event);
                if (Request.BYE.equals(method)) {
                    bob.answer(event, Response.OK, null);
                }
            }

            @Override
            public void processResponse(ResponseEvent event) {
                bobBinder.processResponse(event);
                if (event.getResponse().getStatusCode() == Response.OK && event.getClientTransaction() != null
                        && Request.INVITE.equals(event.getClientTransaction().getRequest().getMethod())) {
                    bob.sendAck(event);
                }
            }

            @Override
            public void processDialogTerminated(DialogTerminatedEvent event) {
                bobBinder.processDialogTerminated(event);
            }
        });
    }

    private ClientTransaction call(CompletableFuture<ComediaSession> aliceCall, boolean withSetup) {
        return alice.sendRequest(alice.newInvite(bob, null, null), transaction -> {
            ComediaSession session = aliceBinder.offer(transaction, aliceOptions, aliceListener);
            if (!withSetup) {
                // A peer of RFC 4975 without COMEDIA (RFC 6135 §5): the offer has no a=setup.
                String legacy = session.localSdp().replace("a=setup:actpass\r\n", "")
                        .replace("a=setup:active\r\n", "");
                try {
                    transaction.getRequest().setContent(legacy.getBytes(StandardCharsets.UTF_8),
                            (ContentTypeHeader) transaction.getRequest().getHeader(ContentTypeHeader.NAME));
                } catch (java.text.ParseException e) {
                    throw new IllegalStateException(e);
                }
            }
            aliceCall.complete(session);
        });
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @ParameterizedTest(name = "{0} over {1}")
    @MethodSource("pairings")
    void aCallCarriesMessagesBothWaysAndAByeEndsIt(Pairing pairing, String transport) throws Exception {
        start(transport, pairing.aliceReachable, pairing.bobReachable);
        CompletableFuture<ComediaSession> aliceCall = new CompletableFuture<>();
        ClientTransaction invite = call(aliceCall, pairing.offerHasSetup);
        ComediaSession alicesSession = await(aliceCall);
        ComediaSession bobsSession = await(bobCall);

        MsrpSession aliceMsrp = await(alicesSession.connected());
        MsrpSession bobMsrp = await(bobsSession.connected());
        assertThat(alicesSession.outcome().orElseThrow().role()).isEqualTo(pairing.aliceRole);
        assertThat(bobsSession.outcome().orElseThrow().role()).isNotEqualTo(pairing.aliceRole);
        assertThat(MsrpMediaDescription.parse(alicesSession.localSdp()).setup())
                .contains(pairing.aliceReachable ? SetupRole.ACTPASS : SetupRole.ACTIVE);
        assertThat(aliceBinder.sessionOf(invite.getDialog())).containsSame(alicesSession);

        await(aliceMsrp.send(OutgoingMessage.text("Hello Bob, over " + transport)));
        assertThat(RecordingListener.text(bobListener.nextReceived())).isEqualTo("Hello Bob, over " + transport);
        await(bobMsrp.send(OutgoingMessage.text("Hello Alice")));
        assertThat(RecordingListener.text(aliceListener.nextReceived())).isEqualTo("Hello Alice");

        alice.sendBye(invite.getDialog());
        alice.awaitResponse(Request.BYE, Response.OK, WAIT);
        // Each side closes its session; whichever is second may see the connection go first.
        assertThat(bobListener.closed.get(10, TimeUnit.SECONDS)).satisfiesAnyOf(
                cause -> assertThat(cause).isNull(), cause -> assertThat(cause).isInstanceOf(MsrpConnectionException.class));
        assertThat(aliceListener.closed.get(10, TimeUnit.SECONDS)).satisfiesAnyOf(
                cause -> assertThat(cause).isNull(), cause -> assertThat(cause).isInstanceOf(MsrpConnectionException.class));
        bob.awaitDialogTerminated(WAIT);
        assertThat(bobMsrp.isConnected()).isFalse();
        assertThat(aliceMsrp.isConnected()).isFalse();
        assertThat(aliceBinder.sessionOf(invite.getDialog())).isEmpty();
    }

    @Test
    void aReInviteFromTheAnswererUpdatesTheSessionAndKeepsItsConnection() throws Exception {
        start("udp", true, true);
        CompletableFuture<ComediaSession> aliceCall = new CompletableFuture<>();
        ClientTransaction invite = call(aliceCall, true);
        MsrpSession aliceMsrp = await(await(aliceCall).connected());
        ComediaSession bobsSession = await(bobCall);
        MsrpSession bobMsrp = await(bobsSession.connected());
        RequestEvent received = bob.awaitRequest(Request.INVITE, WAIT);
        bob.awaitRequest(Request.ACK, WAIT);

        // Alice's delegate answers re-INVITEs through her binder too.
        alice.setDelegate(new SipListenerAdapter() {
            @Override
            public void processRequest(RequestEvent event) {
                if (Request.INVITE.equals(event.getRequest().getMethod())) {
                    alice.answerWith(event, Response.OK, (transaction, ok) ->
                            aliceBinder.answer(transaction, ok, MsrpSessionOptions.defaults(), aliceListener));
                }
            }
        });
        ClientTransaction reinvite = bob.sendReInviteWith(bob.serverTransaction(received).getDialog(),
                transaction -> assertThat(bobBinder.reoffer(transaction)).isSameAs(bobsSession));
        ResponseEvent ok = bob.awaitResponse(Request.INVITE, Response.OK, WAIT);
        assertThat(ok.getClientTransaction()).isSameAs(reinvite);
        assertThat(MsrpMediaDescription.parse(bobsSession.localSdp()).setup()).contains(SetupRole.ACTPASS);

        assertThat(aliceMsrp.isConnected()).isTrue();
        await(bobMsrp.send(OutgoingMessage.text("after the re-INVITE")));
        assertThat(RecordingListener.text(aliceListener.nextReceived())).isEqualTo("after the re-INVITE");
        assertThat(aliceBinder.sessionOf(invite.getDialog()).orElseThrow().session()).isSameAs(aliceMsrp);
    }

    @Test
    void anOfferWithNoCommonTypeIsAnsweredWithPortZeroAndTheOffersSessionFails() throws Exception {
        start("udp", true, true);
        aliceOptions = MsrpSessionOptions.builder().acceptTypes(List.of("text/plain")).build();
        bobOptions = MsrpSessionOptions.builder().acceptTypes(List.of("image/png")).build();
        CompletableFuture<ComediaSession> aliceCall = new CompletableFuture<>();
        call(aliceCall, true);
        ComediaSession alicesSession = await(aliceCall);
        Throwable failure = failure(alicesSession.connected());
        assertThat(failure).isInstanceOf(SdpNegotiationException.class);
        assertThat(await(bobCall).isRejected()).isTrue();
        assertThat(alicesSession.isRejected()).isTrue();
        assertThat(aliceListener.closed.get(10, TimeUnit.SECONDS)).isInstanceOf(SdpNegotiationException.class);
    }

    @Test
    void aRefusedInviteClosesTheOfferersSession() throws Exception {
        start("tcp", true, true);
        bob.setDelegate(new SipListenerAdapter() {
            @Override
            public void processRequest(RequestEvent event) {
                if (Request.INVITE.equals(event.getRequest().getMethod())) {
                    bob.answer(event, Response.BUSY_HERE, null);
                }
            }
        });
        CompletableFuture<ComediaSession> aliceCall = new CompletableFuture<>();
        call(aliceCall, true);
        ComediaSession alicesSession = await(aliceCall);
        CompletableFuture<?> queued = alicesSession.session().send(OutgoingMessage.text("never delivered"));
        alice.awaitResponse(Request.INVITE, Response.BUSY_HERE, WAIT);
        // The 486 and the end of the dialog it causes come in either order; both end the session.
        assertThat(failure(alicesSession.connected())).isInstanceOf(MsrpSessionClosedException.class);
        assertThat(failure(queued)).isInstanceOf(MsrpSessionClosedException.class);
        assertThat(aliceListener.closed.get(10, TimeUnit.SECONDS)).isInstanceOf(MsrpSessionClosedException.class);
    }

    @Test
    void anInviteWithoutSdpGetsAnOfferInThe200AndTheAnswerComesInTheAck() throws Exception {
        start("udp", true, true);
        ComediaEndpoint aliceEndpoint = ComediaEndpoint.start(aliceStack, ComediaOptions.defaults())
                .get(10, TimeUnit.SECONDS);
        CompletableFuture<ComediaSession> aliceAnswered = new CompletableFuture<>();
        alice.setDelegate(new SipListenerAdapter() {
            @Override
            public void processResponse(ResponseEvent event) {
                if (event.getResponse().getStatusCode() == Response.OK) {
                    // An application that answers the 2xx's offer in its ACK (RFC 3261 §13.2.1).
                    ComediaSession answered = aliceEndpoint.answer(SipTestAgent.body(event.getResponse()),
                            MsrpSessionOptions.defaults(), aliceListener);
                    aliceAnswered.complete(answered);
                    alice.sendAck(event, answered.localSdp().getBytes(StandardCharsets.UTF_8));
                }
            }
        });
        alice.sendRequest(alice.newInvite(bob, null, null));
        ComediaSession bobsSession = await(bobCall);
        MsrpSession aliceMsrp = await(await(aliceAnswered).connected());
        MsrpSession bobMsrp = await(bobsSession.connected());
        // Bob offered actpass in the 200, Alice answered passive: Bob connects.
        assertThat(bobsSession.outcome().orElseThrow().role()).isEqualTo(ConnectionRole.CONNECT);
        await(bobMsrp.send(OutgoingMessage.text("offer in the 200")));
        assertThat(RecordingListener.text(aliceListener.nextReceived())).isEqualTo("offer in the 200");
        assertThat(aliceMsrp.isConnected()).isTrue();
    }

    @Test
    void theDialogEndingBeforeTheAnswerClosesTheSession() throws Exception {
        start("udp", true, true);
        CompletableFuture<ComediaSession> aliceCall = new CompletableFuture<>();
        ClientTransaction invite = call(aliceCall, true);
        ComediaSession alicesSession = await(aliceCall);
        assertThat(aliceBinder.dialogEnded(invite.getDialog())).isTrue();
        assertThat(failure(alicesSession.connected())).isInstanceOf(MsrpSessionClosedException.class);
        assertThat(aliceBinder.dialogEnded(invite.getDialog())).isFalse();
    }

    @Test
    void anInviteWithoutResponseEndsTheSessionOnItsTimeout() throws Exception {
        start("udp", true, true);
        bob.setDelegate(new SipListenerAdapter() {
        });
        CompletableFuture<ComediaSession> aliceCall = new CompletableFuture<>();
        ClientTransaction invite = call(aliceCall, true);
        ComediaSession alicesSession = await(aliceCall);
        CompletableFuture<?> queued = alicesSession.session().send(OutgoingMessage.text("nobody answers"));
        // What JAIN-SIP reports when Timer B fires (RFC 3261 §17.1.1.2), here without waiting 32 seconds.
        assertThat(aliceBinder.processTimeout(new javax.sip.TimeoutEvent(alice.provider(), invite,
                javax.sip.Timeout.TRANSACTION))).isTrue();
        assertThat(failure(alicesSession.connected())).isInstanceOf(MsrpSessionClosedException.class)
                .hasMessageContaining("no final response");
        assertThat(failure(queued)).isInstanceOf(MsrpSessionClosedException.class);
        assertThat(aliceBinder.processTimeout(new javax.sip.TimeoutEvent(alice.provider(), invite,
                javax.sip.Timeout.TRANSACTION))).isFalse();
    }

    @Test
    void aReInviteAfterARejectedStreamStartsANewSession() throws Exception {
        start("udp", true, true);
        aliceOptions = MsrpSessionOptions.builder().acceptTypes(List.of("text/plain")).build();
        bobOptions = MsrpSessionOptions.builder().acceptTypes(List.of("image/png")).build();
        CompletableFuture<ComediaSession> firstCall = new CompletableFuture<>();
        ClientTransaction invite = call(firstCall, true);
        ComediaSession rejected = await(bobCall);
        assertThat(rejected.isRejected()).isTrue();
        assertThat(failure(await(firstCall).connected())).isInstanceOf(SdpNegotiationException.class);
        bob.awaitRequest(Request.ACK, WAIT);

        // Bob now takes text; Alice tries again in the same dialog with a new session.
        bobOptions = MsrpSessionOptions.defaults();
        CompletableFuture<ComediaSession> secondBobCall = new CompletableFuture<>();
        bob.setDelegate(new SipListenerAdapter() {
            @Override
            public void processRequest(RequestEvent event) {
                if (Request.INVITE.equals(event.getRequest().getMethod())) {
                    bob.answerWith(event, Response.OK, (transaction, ok) -> secondBobCall.complete(
                            bobBinder.answer(transaction, ok, bobOptions, bobListener)));
                }
            }
        });
        CompletableFuture<ComediaSession> secondCall = new CompletableFuture<>();
        alice.sendReInviteWith(invite.getDialog(), transaction -> secondCall.complete(
                aliceBinder.offer(transaction, aliceOptions, aliceListener)));
        ComediaSession bobs = await(secondBobCall);
        assertThat(bobs).isNotSameAs(rejected);
        MsrpSession aliceMsrp = await(await(secondCall).connected());
        MsrpSession bobMsrp = await(bobs.connected());
        await(aliceMsrp.send(OutgoingMessage.text("second try")));
        assertThat(RecordingListener.text(bobListener.nextReceived())).isEqualTo("second try");
        await(bobMsrp.send(OutgoingMessage.text("works")));
        assertThat(RecordingListener.text(aliceListener.nextReceived())).isEqualTo("works");
        assertThat(aliceBinder.sessionOf(invite.getDialog())).containsSame(await(secondCall));
    }

    @Test
    void aTlsCallThroughSipVerifiesBothCertificatesByTheirSdpFingerprints() throws Exception {
        LocalCertificate aliceIdentity = LocalCertificate.selfSigned("127.0.0.1", Duration.ofDays(1));
        LocalCertificate bobIdentity = LocalCertificate.selfSigned("127.0.0.1", Duration.ofDays(1));
        // Bob cannot accept connections: he connects, and is the TLS client (RFC 6135 §4.3).
        start("tcp", ComediaOptions.builder().tls(aliceIdentity).build(),
                ComediaOptions.builder().tls(bobIdentity).reachable(false).build());
        CompletableFuture<ComediaSession> aliceCall = new CompletableFuture<>();
        ClientTransaction invite = call(aliceCall, true);
        ComediaSession alicesSession = await(aliceCall);
        ComediaSession bobsSession = await(bobCall);
        MsrpSession aliceMsrp = await(alicesSession.connected());
        MsrpSession bobMsrp = await(bobsSession.connected());
        assertThat(bobsSession.outcome().orElseThrow().role()).isEqualTo(ConnectionRole.CONNECT);
        assertThat(alicesSession.outcome().orElseThrow().remoteFingerprints()).containsExactly(bobIdentity.fingerprint());
        assertThat(aliceMsrp.localUri().toString()).startsWith("msrps://");
        await(bobMsrp.send(OutgoingMessage.text("private")));
        assertThat(RecordingListener.text(aliceListener.nextReceived())).isEqualTo("private");
        await(aliceMsrp.send(OutgoingMessage.text("indeed")));
        assertThat(RecordingListener.text(bobListener.nextReceived())).isEqualTo("indeed");
        alice.sendBye(invite.getDialog());
        alice.awaitResponse(Request.BYE, Response.OK, WAIT);
        aliceListener.closed.get(10, TimeUnit.SECONDS);
    }

}
