package org.parley.msrp.comedia.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sip.ClientTransaction;
import javax.sip.Dialog;
import javax.sip.DialogState;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.header.CSeqHeader;
import javax.sip.message.Message;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.msrp.comedia.testing.SipTestAgent.body;

class SipTestAgentTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private static final String OFFER = sdp("1", "active", "msrp://127.0.0.1:7001/alice1;tcp");
    private static final String ANSWER = sdp("1", "passive", "msrp://127.0.0.1:7002/bob1;tcp");
    private static final String NEW_OFFER = sdp("2", "active", "msrp://127.0.0.1:7003/alice2;tcp");
    private static final String NEW_ANSWER = sdp("2", "passive", "msrp://127.0.0.1:7004/bob2;tcp");

    private SipTestAgent alice;
    private SipTestAgent bob;

    @AfterEach
    void closeAgents() {
        if (alice != null) {
            alice.close();
        }
        if (bob != null) {
            bob.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void callWithOfferAnswerReInviteAndBye(String transport) {
        alice = SipTestAgent.start("alice", transport);
        bob = SipTestAgent.start("bob", transport);

        ClientTransaction inviteTransaction = alice.sendRequest(alice.newInvite(bob, "application/sdp", bytes(OFFER)));
        RequestEvent invite = bob.awaitRequest("INVITE", TIMEOUT);
        assertThat(body(invite.getRequest())).isEqualTo(OFFER);
        bob.answer(invite, 200, bytes(ANSWER));

        ResponseEvent ok = alice.awaitResponse("INVITE", 200, TIMEOUT);
        assertThat(body(ok.getResponse())).isEqualTo(ANSWER);
        Dialog aliceDialog = ok.getDialog();
        assertThat(aliceDialog).isSameAs(inviteTransaction.getDialog());
        assertThat(aliceDialog.getState()).isEqualTo(DialogState.CONFIRMED);
        alice.sendAck(ok);

        RequestEvent ack = bob.awaitRequest("ACK", TIMEOUT);
        Dialog bobDialog = bob.serverTransaction(invite).getDialog();
        assertThat(ack.getDialog()).isSameAs(bobDialog);
        assertThat(bobDialog.getState()).isEqualTo(DialogState.CONFIRMED);
        assertThat(bobDialog.getCallId().getCallId()).isEqualTo(aliceDialog.getCallId().getCallId());

        alice.sendReInvite(aliceDialog, bytes(NEW_OFFER));
        RequestEvent reInvite = bob.awaitRequest("INVITE", TIMEOUT);
        assertThat(reInvite.getDialog()).isSameAs(bobDialog);
        assertThat(body(reInvite.getRequest())).isEqualTo(NEW_OFFER);
        bob.answer(reInvite, 200, bytes(NEW_ANSWER));
        ResponseEvent reOk = alice.awaitResponse("INVITE", 200, TIMEOUT);
        assertThat(reOk.getDialog()).isSameAs(aliceDialog);
        assertThat(body(reOk.getResponse())).isEqualTo(NEW_ANSWER);
        alice.sendAck(reOk);
        assertThat(bob.awaitRequest("ACK", TIMEOUT).getDialog()).isSameAs(bobDialog);

        alice.sendBye(aliceDialog);
        RequestEvent bye = bob.awaitRequest("BYE", TIMEOUT);
        assertThat(bye.getDialog()).isSameAs(bobDialog);
        bob.answer(bye, 200, null);
        alice.awaitResponse("BYE", 200, TIMEOUT);

        assertThat(alice.awaitDialogTerminated(TIMEOUT).getDialog()).isSameAs(aliceDialog);
        assertThat(bob.awaitDialogTerminated(TIMEOUT).getDialog()).isSameAs(bobDialog);
        assertThat(aliceDialog.getState()).isEqualTo(DialogState.TERMINATED);
        assertThat(bobDialog.getState()).isEqualTo(DialogState.TERMINATED);
        assertThat(alice.delegateFailures()).isEmpty();
        assertThat(bob.delegateFailures()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void delegateAnswersOnTheEventThreadBeforeTheEventIsQueued(String transport) {
        alice = SipTestAgent.start("alice", transport);
        bob = SipTestAgent.start("bob", transport);
        List<String> seenByDelegate = new CopyOnWriteArrayList<>();
        bob.setDelegate(new SipListenerAdapter() {
            @Override
            public void processRequest(RequestEvent event) {
                seenByDelegate.add(event.getRequest().getMethod());
                if (event.getRequest().getMethod().equals("INVITE")) {
                    bob.answer(event, 486, null);
                }
            }
        });

        alice.sendRequest(alice.newInvite(bob, "application/sdp", bytes(OFFER)));

        assertThat(bob.awaitRequest("INVITE", TIMEOUT)).isNotNull();
        assertThat(seenByDelegate).containsExactly("INVITE");
        assertThat(alice.awaitResponse("INVITE", 486, TIMEOUT).getDialog().getState())
                .isEqualTo(DialogState.TERMINATED);
        assertThat(bob.delegateFailures()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void delegateFailuresAreKeptAndDoNotStopTheAgent(String transport) {
        alice = SipTestAgent.start("alice", transport);
        bob = SipTestAgent.start("bob", transport);
        bob.setDelegate(new SipListenerAdapter() {
            @Override
            public void processRequest(RequestEvent event) {
                throw new IllegalStateException("binder broke");
            }
        });

        alice.sendRequest(alice.newInvite(bob, null, null));
        RequestEvent invite = bob.awaitRequest("INVITE", TIMEOUT);
        bob.answer(invite, 603, null);

        alice.awaitResponse("INVITE", 603, TIMEOUT);
        assertThat(bob.delegateFailures()).singleElement()
                .satisfies(failure -> assertThat(failure).hasMessage("binder broke"));
        assertThat(bob.history()).contains("received INVITE", "delegate failed: java.lang.IllegalStateException: "
                + "binder broke", "sent 603 INVITE");
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void awaitingWhatNeverComesFailsWithTheHistory(String transport) {
        alice = SipTestAgent.start("alice", transport);
        bob = SipTestAgent.start("bob", transport);
        alice.sendRequest(alice.newInvite(bob, null, null));
        bob.answer(bob.awaitRequest("INVITE", TIMEOUT), 404, null);

        assertThatThrownBy(() -> alice.awaitResponse("INVITE", 200, TIMEOUT))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("expected 200 response to INVITE but received 404")
                .hasMessageContaining("sent INVITE");
        assertThatThrownBy(() -> bob.awaitRequest("BYE", Duration.ofMillis(50)))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no BYE request within PT0.05S")
                .hasMessageContaining("sent 404 INVITE");
    }

    @Test
    void udpRetransmissionsReachTheDelegateButAreQueuedOnce() throws InterruptedException {
        alice = SipTestAgent.start("alice", "udp");
        bob = SipTestAgent.start("bob", "udp");
        CountDownLatch twoInvites = new CountDownLatch(2);
        bob.setDelegate(new SipListenerAdapter() {
            @Override
            public void processRequest(RequestEvent event) {
                twoInvites.countDown();
            }
        });
        CountDownLatch twoOks = new CountDownLatch(2);
        alice.setDelegate(new SipListenerAdapter() {
            @Override
            public void processResponse(ResponseEvent event) {
                twoOks.countDown();
            }
        });

        alice.sendRequest(alice.newInvite(bob, null, null));
        RequestEvent invite = bob.awaitRequest("INVITE", TIMEOUT);
        assertThat(twoInvites.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        bob.answer(invite, 200, null);
        ResponseEvent ok = alice.awaitResponse("INVITE", 200, TIMEOUT);
        assertThat(twoOks.await(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        alice.sendAck(ok);
        bob.awaitRequest("ACK", TIMEOUT);

        alice.sendReInvite(ok.getDialog(), null);
        RequestEvent reInvite = bob.awaitRequest("INVITE", TIMEOUT);
        assertThat(cseq(reInvite.getRequest())).isEqualTo(2);
        bob.answer(reInvite, 200, null);
        ResponseEvent reOk = alice.awaitResponse("INVITE", 200, TIMEOUT);
        assertThat(cseq(reOk.getResponse())).isEqualTo(2);
        assertThat(bob.history()).contains("received INVITE (retransmission)");
        assertThat(alice.history()).contains("received 200 INVITE (retransmission)");
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void closeFreesThePortAndEndsTheStackThreads(String transport) throws Exception {
        Set<Thread> threadsBefore = Thread.getAllStackTraces().keySet();
        alice = SipTestAgent.start("alice", transport);
        bob = SipTestAgent.start("bob", transport);
        alice.sendRequest(alice.newInvite(bob, null, null));
        bob.answer(bob.awaitRequest("INVITE", TIMEOUT), 200, null);
        alice.sendAck(alice.awaitResponse("INVITE", 200, TIMEOUT));
        bob.awaitRequest("ACK", TIMEOUT);
        int port = alice.port();
        assertThat(alice.transport()).isEqualTo(transport);
        assertThat(alice.uri()).hasToString("sip:alice@127.0.0.1:" + port + ";transport=" + transport);

        long start = System.nanoTime();
        alice.close();
        bob.close();
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(500));

        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        if (transport.equals("udp")) {
            try (DatagramSocket socket = new DatagramSocket(new InetSocketAddress(loopback, port))) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        } else {
            try (ServerSocket socket = new ServerSocket(port, 1, loopback)) {
                assertThat(socket.getLocalPort()).isEqualTo(port);
            }
        }
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (!threadsBefore.contains(thread)) {
                thread.join(TIMEOUT.toMillis());
                assertThat(thread.isAlive()).as("thread %s still alive", thread.getName()).isFalse();
            }
        }
    }

    private static String sdp(String version, String setup, String path) {
        return "v=0\r\n"
                + "o=- 1 " + version + " IN IP4 127.0.0.1\r\n"
                + "s=-\r\n"
                + "c=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\n"
                + "m=message 7000 TCP/MSRP *\r\n"
                + "a=accept-types:text/plain\r\n"
                + "a=path:" + path + "\r\n"
                + "a=setup:" + setup + "\r\n";
    }

    private static long cseq(Message message) {
        return ((CSeqHeader) message.getHeader(CSeqHeader.NAME)).getSeqNumber();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
