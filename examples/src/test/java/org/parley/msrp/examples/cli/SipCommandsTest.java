package org.parley.msrp.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.msrp.examples.cli.ParleyRun.Result;
import org.parley.msrp.comedia.testing.SipTestAgent;
import org.parley.msrp.examples.support.Sha256;

import javax.sip.address.SipURI;
import javax.sip.header.ToHeader;
import javax.sip.message.Request;
import javax.sip.message.Response;
import java.net.DatagramSocket;
import java.nio.charset.StandardCharsets;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code parley call} against {@code parley listen}: real JAIN-SIP stacks on loopback carry the SDP. */
class SipCommandsTest {

    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path work;

    /** A port free for both UDP and TCP on loopback now; JAIN-SIP cannot bind port 0 and report it. */
    private static int freeSipPort() throws Exception {
        for (int attempt = 0; attempt < 20; attempt++) {
            try (ServerSocket tcp = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                 DatagramSocket udp = new DatagramSocket(tcp.getLocalPort(), InetAddress.getLoopbackAddress())) {
                return udp.getLocalPort();
            } catch (java.net.BindException e) {
                // taken for UDP: try another
            }
        }
        throw new IllegalStateException("no free SIP port");
    }

    @Test
    void aCallerSendsTextAndAFileToAListenerAndHangsUp() throws Exception {
        int port = freeSipPort();
        byte[] data = new byte[1_500_000];
        new Random(3).nextBytes(data);
        Path file = Files.write(work.resolve("report.pdf"), data);
        Path inbox = work.resolve("inbox");
        ParleyRun.Running listening = ParleyRun.launch("listen", "--sip-port", String.valueOf(port),
                "--timeout", "20", "receive", "--dir", inbox.toString(), "--json");
        listening.awaitStderr("waiting for a call");

        Result caller = ParleyRun.run("call", "sip:parley@127.0.0.1:" + port, "--timeout", "20", "send",
                "--no-progress", "--text", "over SIP", file.toString());
        Result listener = ParleyRun.await(listening.result());

        assertThat(caller.exitCode()).as(caller::toString).isZero();
        assertThat(listener.exitCode()).as(listener::toString).isZero();
        assertThat(caller.stderr()).contains("parley: calling sip:parley@127.0.0.1:" + port,
                "parley: answered; this side opens the MSRP connection");
        assertThat(listener.stderr()).contains("parley: waiting for a call at sip:parley@127.0.0.1:" + port,
                "parley: call from sip:parley@127.0.0.1");
        List<Map<String, Object>> events = listener.json();
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).containsEntry("event", "message").containsEntry("length", 8L)
                .containsEntry("sha256", Sha256.of("over SIP".getBytes(StandardCharsets.UTF_8)));
        assertThat(events.get(1)).containsEntry("event", "message").containsEntry("length", 1_500_000L)
                .containsEntry("sha256", Sha256.of(data));
        assertThat(events.get(2)).containsEntry("event", "summary").containsEntry("messages", 2L);
        assertThat(Files.readAllBytes(inbox.resolve("report.pdf"))).isEqualTo(data);
        // Every Message-ID the caller saw confirmed is one the listener delivered.
        for (String line : caller.stdoutLines()) {
            String id = line.split(" ")[1];
            assertThat(events).anySatisfy(event -> assertThat(event).containsEntry("messageId", id));
        }
    }

    @Test
    void aListenerSendsOverSipTcpToACallerThatReceives() throws Exception {
        int port = freeSipPort();
        ParleyRun.Running listening = ParleyRun.launch("listen", "--transport", "tcp", "--sip-port",
                String.valueOf(port), "--timeout", "20", "send", "--text", "from the listener");
        listening.awaitStderr("waiting for a call");

        Result caller = ParleyRun.run("call", "sip:parley@127.0.0.1:" + port + ";transport=tcp", "--transport",
                "tcp", "--setup", "active", "--timeout", "20", "receive", "--dir", work.toString(), "--json");
        Result listener = ParleyRun.await(listening.result());

        assertThat(listener.exitCode()).as(listener::toString).isZero();
        assertThat(caller.exitCode()).as(caller::toString).isZero();
        assertThat(caller.stderr()).contains("this side opens the MSRP connection");
        assertThat(caller.json()).first().satisfies(event -> assertThat(event).containsEntry("event", "message")
                .containsEntry("sha256", Sha256.of("from the listener".getBytes(
                        StandardCharsets.UTF_8))));
    }

    @Test
    void aCallNobodyAnswersTimesOutWithExitCode5() throws Exception {
        int port = freeSipPort();
        try (DatagramSocket silent = new DatagramSocket(port, InetAddress.getLoopbackAddress())) {
            Result caller = ParleyRun.run("call", "sip:nobody@127.0.0.1:" + port, "--timeout", "1", "send",
                    "--text", "never delivered");

            assertThat(caller.exitCode()).as(caller::toString).isEqualTo(ExitCodes.TIMEOUT);
            assertThat(caller.stderr()).contains("no final answer from sip:nobody@127.0.0.1:" + port + " within 1 s\n")
                    .doesNotContain("TimeoutException");
            assertThat(caller.stdout()).isEmpty();
        }
    }

    @Test
    void aCallToAnAddressWhereNothingListensIsASignallingFailure() throws Exception {
        int port = freeSipPort();

        Result caller = ParleyRun.run("call", "sip:bob@127.0.0.1:" + port + ";transport=tcp", "--transport", "tcp",
                "--timeout", "5", "send", "--text", "never delivered");

        assertThat(caller.exitCode()).as(caller::toString).isEqualTo(ExitCodes.NEGOTIATION_FAILED);
        assertThat(caller.stderr()).contains("parley: cannot send the INVITE to sip:bob@127.0.0.1:" + port)
                .doesNotContain("gov.nist");
        assertThat(caller.stdout()).isEmpty();
    }

    @Test
    void anInviteWithoutMsrpGets488WithATagAndLeavesTheSlotForTheRealCall() throws Exception {
        int port = freeSipPort();
        ParleyRun.Running listening = ParleyRun.launch("listen", "--sip-port", String.valueOf(port),
                "--timeout", "20", "receive", "--count", "1", "--json");
        listening.awaitStderr("waiting for a call");
        try (SipTestAgent probe = SipTestAgent.start("probe", "udp")) {
            SipURI parley = probe.sipUri("parley", port);
            probe.sendRequest(probe.newInvite(parley, "application/sdp", ("v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\n"
                    + "c=IN IP4 127.0.0.1\r\nt=0 0\r\nm=audio 4000 RTP/AVP 0\r\n").getBytes(StandardCharsets.UTF_8)));
            Response refused = probe.awaitResponse(Request.INVITE, Response.NOT_ACCEPTABLE_HERE, WAIT).getResponse();
            assertThat(((ToHeader) refused.getHeader(ToHeader.NAME)).getTag()).isNotBlank();

            Request options = probe.messageFactory().createRequest(parley, Request.OPTIONS,
                    probe.provider().getNewCallId(), probe.headerFactory().createCSeqHeader(1L, Request.OPTIONS),
                    probe.headerFactory().createFromHeader(probe.addressFactory().createAddress(probe.uri()), "o1"),
                    probe.headerFactory().createToHeader(probe.addressFactory().createAddress(parley), null),
                    new ArrayList<>(List.of(probe.headerFactory().createViaHeader("127.0.0.1", probe.port(), "udp",
                            null))), probe.headerFactory().createMaxForwardsHeader(70));
            probe.sendRequest(options);
            Response capabilities = probe.awaitResponse(Request.OPTIONS, Response.OK, WAIT).getResponse();
            List<String> allowed = new ArrayList<>();
            capabilities.getHeaders("Allow").forEachRemaining(header -> allowed.add(header.toString().trim()));
            assertThat(allowed).contains("Allow: INVITE", "Allow: BYE", "Allow: OPTIONS");
        }

        Result caller = ParleyRun.run("call", "sip:parley@127.0.0.1:" + port, "--timeout", "20", "send",
                "--text", "the real call");
        Result listener = ParleyRun.await(listening.result());

        assertThat(caller.exitCode()).as(caller::toString).isZero();
        assertThat(listener.exitCode()).as(listener::toString).isZero();
        assertThat(listener.json().get(0)).containsEntry("event", "message");
    }

    @Test
    void aTlsCallToAPlainListenerIsDeclinedWith488() throws Exception {
        int port = freeSipPort();
        ParleyRun.Running listening = ParleyRun.launch("listen", "--sip-port", String.valueOf(port),
                "--timeout", "3", "receive");
        listening.awaitStderr("waiting for a call");

        Result caller = ParleyRun.run("call", "sip:parley@127.0.0.1:" + port, "--tls", "--timeout", "10", "send",
                "--text", "secret");
        Result listener = ParleyRun.await(listening.result());

        assertThat(caller.exitCode()).as(caller::toString).isEqualTo(ExitCodes.NEGOTIATION_FAILED);
        assertThat(caller.stderr()).contains("488");
        assertThat(listener.exitCode()).as(listener::toString).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(listener.stderr()).contains("no call came within 3 s");
    }

    @Test
    void badSipArgumentsAreUsageErrors() throws Exception {
        assertThat(ParleyRun.run("call", "mailto:bob@example.com", "send", "--text", "x").exitCode())
                .isEqualTo(ExitCodes.USAGE);
        Result passive = ParleyRun.run("call", "sip:bob@127.0.0.1", "--setup", "passive", "send", "--text", "x");
        assertThat(passive.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(passive.stderr()).contains("--setup passive is for offer only");
        assertThat(ParleyRun.run("listen", "--sip-port", "70000", "receive").stderr())
                .contains("--sip-port must be 0 to 65535: 70000");
        assertThat(ParleyRun.run("listen", "--user", "a b", "receive").exitCode()).isEqualTo(ExitCodes.USAGE);
        Result garbled = ParleyRun.run("call", "sip:@@@", "send", "--text", "x");
        assertThat(garbled.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(garbled.stderr()).contains("SIP-URI is not a SIP URI: sip:@@@").doesNotContain("\tat ");
        try (DatagramSocket taken = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            Result busy = ParleyRun.run("listen", "--sip-port", String.valueOf(taken.getLocalPort()), "receive");
            assertThat(busy.exitCode()).as(busy::toString).isEqualTo(ExitCodes.USAGE);
            assertThat(busy.stderr()).contains("parley: cannot start the SIP stack on 127.0.0.1:"
                    + taken.getLocalPort()).doesNotContain("\tat ");
        }
    }
}
