package org.parley.msrp.comedia.testing;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.parley.msrp.comedia.testing.SipTestAgent.body;

class SippProcessTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final String SIPP_PATH = "msrp://127.0.0.1:2855/sipp42;tcp";
    private static final String AGENT_PATH = "msrp://127.0.0.1:2856/agent17;tcp";

    @TempDir
    Path workDir;

    private SippProcess sipp;
    private SipTestAgent agent;

    @AfterEach
    void close() {
        if (sipp != null) {
            sipp.close();
        }
        if (agent != null) {
            agent.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void sippOffersAndTheAgentAnswers(String transport) {
        agent = SipTestAgent.start("service", transport);
        sipp = SippProcess.builder("sipp/uac-msrp-offer.xml")
                .transport(transport)
                .remotePort(agent.port())
                .key("msrp_port", "2855")
                .key("path", SIPP_PATH)
                .key("setup", "active")
                .key("answer_file", "answer.sdp")
                .key("hold_ms", "50")
                .start(workDir);

        RequestEvent invite = agent.awaitRequest("INVITE", TIMEOUT);
        assertThat(body(invite.getRequest()))
                .contains("m=message 2855 TCP/MSRP *", "a=path:" + SIPP_PATH + "\r\n", "a=setup:active\r\n");
        String answer = sdp("2856", AGENT_PATH, "passive");
        agent.answer(invite, 200, answer.getBytes(StandardCharsets.UTF_8));
        agent.awaitRequest("ACK", TIMEOUT);
        answerLastBye(agent.awaitRequest("BYE", TIMEOUT), transport);

        assertThat(sipp.awaitExit(TIMEOUT)).as(sipp::diagnostics).isZero();
        assertThat(sipp.awaitFile("answer.sdp", TIMEOUT)).isEqualTo(answer);
        assertThat(agent.awaitDialogTerminated(TIMEOUT).getDialog()).isSameAs(agent.serverTransaction(invite).getDialog());
    }

    /**
     * Answers SIPp's final BYE with 200. Over TCP, SIPp closes its connection the moment the 200 arrives, and JAIN-SIP
     * may then fail the send after writing it, when its reader thread closes the channel under the sending thread
     * ("Socket is closed"). The 200 did go out: SIPp's exit code, checked next, says whether it arrived.
     */
    private void answerLastBye(RequestEvent bye, String transport) {
        try {
            agent.answer(bye, 200, null);
        } catch (IllegalStateException e) {
            Throwable cause = e;
            while (cause.getCause() != null) {
                cause = cause.getCause();
            }
            if (!transport.equals("tcp") || !"Socket is closed".equals(cause.getMessage())) {
                throw e;
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"udp", "tcp"})
    void theAgentOffersAndSippAnswers(String transport) {
        sipp = SippProcess.builder("sipp/uas-msrp-answer.xml")
                .transport(transport)
                .key("msrp_port", "2855")
                .key("path", SIPP_PATH)
                .key("setup", "passive")
                .key("offer_file", "offer.sdp")
                .start(workDir);
        agent = SipTestAgent.start("alice", transport);

        String offer = sdp("2856", AGENT_PATH, "active");
        agent.sendRequest(agent.newInvite(agent.sipUri("service", sipp.port()), "application/sdp",
                offer.getBytes(StandardCharsets.UTF_8)));
        ResponseEvent ok = agent.awaitResponse("INVITE", 200, TIMEOUT);
        assertThat(body(ok.getResponse()))
                .contains("m=message 2855 TCP/MSRP *", "a=path:" + SIPP_PATH + "\r\n", "a=setup:passive\r\n");
        agent.sendAck(ok);
        agent.sendBye(ok.getDialog());
        agent.awaitResponse("BYE", 200, TIMEOUT);

        assertThat(sipp.awaitExit(TIMEOUT)).as(sipp::diagnostics).isZero();
        assertThat(sipp.awaitFile("offer.sdp", TIMEOUT)).isEqualTo(offer);
        assertThat(agent.awaitDialogTerminated(TIMEOUT).getDialog()).isSameAs(ok.getDialog());
    }

    @Test
    void aFailedCallShowsInTheExitCodeAndTheDiagnostics() {
        agent = SipTestAgent.start("service", "udp");
        sipp = SippProcess.builder("sipp/uac-msrp-offer.xml")
                .remotePort(agent.port())
                .key("msrp_port", "2855")
                .key("path", SIPP_PATH)
                .key("setup", "active")
                .key("answer_file", "answer.sdp")
                .key("hold_ms", "0")
                .start(workDir);

        agent.answer(agent.awaitRequest("INVITE", TIMEOUT), 200, "v=0\r\n".getBytes(StandardCharsets.UTF_8));
        // SIPp aborts the call on the failed check, by default with an ACK and a BYE.
        agent.awaitRequest("ACK", TIMEOUT);
        agent.answer(agent.awaitRequest("BYE", TIMEOUT), 200, null);

        assertThat(sipp.awaitExit(TIMEOUT)).isEqualTo(1);
        assertThat(sipp.diagnostics())
                .contains("exit code: 1", "Failed regexp match", "a=path:", "INVITE sip:service@127.0.0.1:");
    }

    @Test
    void sippIsInstalled() {
        assertThat(SippProcess.available()).as(SippProcess.NOT_INSTALLED).isTrue();
    }

    private static String sdp(String port, String path, String setup) {
        return "v=0\r\n"
                + "o=- 7 7 IN IP4 127.0.0.1\r\n"
                + "s=-\r\n"
                + "c=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\n"
                + "m=message " + port + " TCP/MSRP *\r\n"
                + "a=accept-types:text/plain\r\n"
                + "a=path:" + path + "\r\n"
                + "a=setup:" + setup + "\r\n";
    }
}
