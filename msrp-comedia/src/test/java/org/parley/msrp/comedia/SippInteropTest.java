package org.parley.msrp.comedia;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.msrp.comedia.testing.SipListenerAdapter;
import org.parley.msrp.comedia.testing.SipTestAgent;
import org.parley.msrp.comedia.testing.SippProcess;
import org.parley.msrp.core.MsrpSession;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.core.MsrpStack;
import org.parley.msrp.core.MsrpStackOptions;
import org.parley.msrp.core.OutgoingMessage;
import org.parley.msrp.core.testing.RecordingListener;
import org.parley.msrp.sdp.ConnectionRole;
import org.parley.msrp.sdp.MsrpMediaDescription;
import org.parley.msrp.sdp.SetupRole;

import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIPp (Debian's {@code sip-tester}) as the SIP peer of a Parley user agent: the SDP that SIPp sends and receives is
 * carried to and from a second Parley endpoint that plays SIPp's MSRP side, and the MSRP session runs between them.
 */
class SippInteropTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path workDir;

    private final MsrpStack parleyStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
    private final MsrpStack sippSideStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
    private final RecordingListener parleyListener = new RecordingListener();
    private final RecordingListener sippSideListener = new RecordingListener();
    private SipTestAgent agent;
    private SippProcess sipp;

    @AfterEach
    void stop() throws Exception {
        if (sipp != null) {
            sipp.close();
        }
        if (agent != null) {
            agent.close();
        }
        parleyStack.closeAsync().get(10, TimeUnit.SECONDS);
        sippSideStack.closeAsync().get(10, TimeUnit.SECONDS);
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(WAIT.toSeconds(), TimeUnit.SECONDS);
    }

    @Test
    void sippCallsWithAnActiveOfferAndParleyAnswersPassive() throws Exception {
        assertThat(SippProcess.available()).as(SippProcess.NOT_INSTALLED).isTrue();
        agent = SipTestAgent.start("service", "udp");
        MsrpDialogBinder binder = new MsrpDialogBinder(ComediaEndpoint.start(parleyStack, ComediaOptions.defaults())
                .get(10, TimeUnit.SECONDS), agent.headerFactory());
        CompletableFuture<ComediaSession> answered = new CompletableFuture<>();
        agent.setDelegate(new SipListenerAdapter() {
            @Override
            public void processRequest(RequestEvent event) {
                if (Request.INVITE.equals(event.getRequest().getMethod())) {
                    agent.answerWith(event, Response.OK, (transaction, ok) -> answered.complete(
                            binder.answer(transaction, ok, MsrpSessionOptions.defaults(), parleyListener)));
                    return;
                }
                binder.processRequest(event);
                if (Request.BYE.equals(event.getRequest().getMethod())) {
                    agent.answer(event, Response.OK, null);
                }
            }

            @Override
            public void processDialogTerminated(DialogTerminatedEvent event) {
                binder.processDialogTerminated(event);
            }
        });
        // SIPp's MSRP side cannot accept connections: it offers active, with port 9 (RFC 6135 §4.2.2).
        ComediaEndpoint sippSide = ComediaEndpoint.start(sippSideStack, ComediaOptions.builder().reachable(false)
                .build()).get(10, TimeUnit.SECONDS);
        ComediaSession offering = sippSide.createOffer(MsrpSessionOptions.defaults(), sippSideListener);
        MsrpMediaDescription offer = MsrpMediaDescription.parse(offering.localSdp());
        sipp = SippProcess.builder("sipp/uac-msrp-offer.xml")
                .transport("udp")
                .remotePort(agent.port())
                .key("msrp_port", String.valueOf(offer.port()))
                .key("path", offer.path().get(0).toString())
                .key("setup", "active")
                .key("answer_file", "answer.sdp")
                .key("hold_ms", "3000")
                .start(workDir);

        String answer = sipp.awaitFile("answer.sdp", WAIT);
        assertThat(MsrpMediaDescription.parse(answer).setup()).contains(SetupRole.PASSIVE);
        assertThat(offering.applyAnswer(answer).role()).isEqualTo(ConnectionRole.CONNECT);
        ComediaSession parley = await(answered);
        MsrpSession parleySession = await(parley.connected());
        MsrpSession sippSession = await(offering.connected());
        await(sippSession.send(OutgoingMessage.text("via SIPp's SDP")));
        assertThat(RecordingListener.text(parleyListener.nextReceived())).isEqualTo("via SIPp's SDP");
        await(parleySession.send(OutgoingMessage.text("back")));
        assertThat(RecordingListener.text(sippSideListener.nextReceived())).isEqualTo("back");

        // SIPp hangs up; the BYE ends Parley's MSRP session.
        assertThat(parleyListener.closed.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(sipp.awaitExit(WAIT)).as(sipp::diagnostics).isZero();
    }

    @Test
    void parleyCallsSippWithActpassAndConnectsToThePassiveAnswer() throws Exception {
        assertThat(SippProcess.available()).as(SippProcess.NOT_INSTALLED).isTrue();
        // SIPp's MSRP side listens; its session exists before the offer, as SIPp's answer is written in advance.
        ComediaEndpoint sippSide = ComediaEndpoint.start(sippSideStack, ComediaOptions.defaults())
                .get(10, TimeUnit.SECONDS);
        MsrpSession sippSession = sippSideStack.newSession(MsrpSessionOptions.builder()
                .localPort(sippSide.localAddress().getPort()).build(), sippSideListener);
        sipp = SippProcess.builder("sipp/uas-msrp-answer.xml")
                .transport("udp")
                .key("msrp_port", String.valueOf(sippSide.localAddress().getPort()))
                .key("path", sippSession.localUri().toString())
                .key("setup", "passive")
                .key("offer_file", "offer.sdp")
                .start(workDir);

        agent = SipTestAgent.start("alice", "udp");
        MsrpDialogBinder binder = new MsrpDialogBinder(ComediaEndpoint.start(parleyStack, ComediaOptions.defaults())
                .get(10, TimeUnit.SECONDS), agent.headerFactory());
        agent.setDelegate(new SipListenerAdapter() {
            @Override
            public void processResponse(ResponseEvent event) {
                binder.processResponse(event);
                if (event.getResponse().getStatusCode() == Response.OK && Request.INVITE.equals(
                        event.getClientTransaction().getRequest().getMethod())) {
                    agent.sendAck(event);
                }
            }

            @Override
            public void processDialogTerminated(DialogTerminatedEvent event) {
                binder.processDialogTerminated(event);
            }
        });
        CompletableFuture<ComediaSession> offered = new CompletableFuture<>();
        ClientTransaction invite = agent.sendRequest(agent.newInvite(agent.sipUri("service", sipp.port()), null,
                null), transaction -> offered.complete(binder.offer(transaction, MsrpSessionOptions.defaults(),
                parleyListener)));
        ComediaSession parley = await(offered);

        // The test carries SIPp's received offer to SIPp's MSRP side, which learns Parley's path from it. Parley may
        // connect before that: its first request waits until the path is known.
        MsrpMediaDescription offer = MsrpMediaDescription.parse(sipp.awaitFile("offer.sdp", WAIT));
        assertThat(offer.setup()).contains(SetupRole.ACTPASS);
        sippSession.remotePath(offer.path());
        MsrpSession parleySession = await(parley.connected());
        assertThat(parley.outcome().orElseThrow().role()).isEqualTo(ConnectionRole.CONNECT);
        await(parleySession.send(OutgoingMessage.text("Parley to SIPp's peer")));
        assertThat(RecordingListener.text(sippSideListener.nextReceived())).isEqualTo("Parley to SIPp's peer");
        await(sippSession.send(OutgoingMessage.text("and back")));
        assertThat(RecordingListener.text(parleyListener.nextReceived())).isEqualTo("and back");

        agent.sendBye(invite.getDialog());
        agent.awaitResponse(Request.BYE, Response.OK, WAIT);
        assertThat(parleyListener.closed.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(sipp.awaitExit(WAIT)).as(sipp::diagnostics).isZero();
    }
}
