package org.parley.msrp.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.msrp.comedia.ComediaEndpoint;
import org.parley.msrp.comedia.ComediaOptions;
import org.parley.msrp.comedia.ComediaSession;
import org.parley.msrp.core.MessageSource;
import org.parley.msrp.core.MsrpSession;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.core.MsrpSendResult;
import org.parley.msrp.core.MsrpStack;
import org.parley.msrp.core.MsrpStackOptions;
import org.parley.msrp.core.OutgoingMessage;
import org.parley.msrp.core.codec.MsrpContentType;
import org.parley.msrp.core.codec.SuccessReport;
import org.parley.msrp.core.testing.RecordingListener;
import org.parley.msrp.examples.cli.ParleyRun.Result;
import org.parley.msrp.examples.support.Sha256;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.Socket;
import org.parley.msrp.core.codec.MsrpUri;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code parley offer} and {@code parley answer} against each other (two in-process runs on their own threads, real
 * loopback sockets, SDP through files), and against a session of the library where a peer must do what the tool
 * never does.
 */
class ParleyCliTest {

    @TempDir
    Path work;

    private String offer() {
        return work.resolve("offer.sdp").toString();
    }

    private String answer() {
        return work.resolve("answer.sdp").toString();
    }

    private Path file(String name, int size) throws Exception {
        byte[] data = new byte[size];
        new Random(size).nextBytes(data);
        return Files.write(work.resolve(name), data);
    }

    private static String sentId(String line) {
        return line.split(" ")[1];
    }

    @Test
    void textsAndAFileArriveWithTheDigestsOfWhatWasSent() throws Exception {
        Path file = file("holiday.bin", 3 * 1024 * 1024 + 17);
        Path inbox = work.resolve("inbox");
        CompletableFuture<Result> receiving = ParleyRun.start("answer", "--offer-in", offer(), "--answer-out",
                answer(), "receive", "--dir", inbox.toString(), "--json");
        Result sender = ParleyRun.run("offer", "--offer-out", offer(), "--answer-in", answer(), "send",
                "--text", "Hello", "--text", "Grüße \"✓\"\n", file.toString());
        Result receiver = ParleyRun.await(receiving);

        assertThat(sender.exitCode()).as(sender::toString).isZero();
        assertThat(receiver.exitCode()).as(receiver::toString).isZero();
        List<String> sent = sender.stdoutLines();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(0)).matches("sent \\S+ 5 confirmed text");
        assertThat(sent.get(2)).matches("sent \\S+ " + Files.size(file) + " confirmed " + file);

        List<Map<String, Object>> events = receiver.json();
        assertThat(events).hasSize(4);
        assertThat(events.get(0)).containsEntry("event", "message").containsEntry("messageId", sentId(sent.get(0)))
                .containsEntry("contentType", "text/plain;charset=UTF-8").containsEntry("length", 5L)
                .containsEntry("sha256", Sha256.of("Hello".getBytes(StandardCharsets.UTF_8)))
                .containsEntry("file", null);
        assertThat(events.get(1)).containsEntry("messageId", sentId(sent.get(1)))
                .containsEntry("sha256", Sha256.of("Grüße \"✓\"\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(events.get(2)).containsEntry("messageId", sentId(sent.get(2)))
                .containsEntry("contentType", "application/octet-stream")
                .containsEntry("length", Files.size(file)).containsEntry("sha256", Sha256.ofFile(file))
                .containsEntry("file", inbox.resolve("holiday.bin").toString());
        assertThat(inbox.resolve("holiday.bin")).hasSameBinaryContentAs(file);
        assertThat(events.get(3)).containsEntry("event", "summary").containsEntry("messages", 3L)
                .containsEntry("bytes", 5L + "Grüße \"✓\"\n".getBytes(StandardCharsets.UTF_8).length + Files.size(file))
                .containsEntry("aborted", 0L).containsEntry("refused", 0L);
        assertThat((String) events.get(3).get("reason")).startsWith("session ended");
        assertThat(sender.stderr()).contains("holiday.bin [##############################] 100%");
    }

    @Test
    void anActiveOffererReceivesWhatTheAnswererSends() throws Exception {
        CompletableFuture<Result> receiving = ParleyRun.start("offer", "--setup", "active", "--offer-out", offer(),
                "--answer-in", answer(), "receive", "--dir", work.toString());
        Result sender = ParleyRun.run("answer", "--offer-in", offer(), "--answer-out", answer(), "send",
                "--text", "Hi,\nBob here");
        Result receiver = ParleyRun.await(receiving);

        assertThat(sender.exitCode()).as(sender::toString).isZero();
        assertThat(receiver.exitCode()).as(receiver::toString).isZero();
        assertThat(Files.readString(work.resolve("offer.sdp.taken"))).contains("m=message 9 TCP/MSRP *", "a=setup:active");
        assertThat(Files.readString(work.resolve("answer.sdp"))).contains("a=setup:passive");
        String id = sentId(sender.stdoutLines().get(0));
        assertThat(receiver.stdoutLines()).containsExactly(
                "received " + id + " text/plain;charset=UTF-8 12 bytes:",
                "> Hi,",
                "> Bob here",
                receiver.stdoutLines().get(3),
                Sha256.of("Hi,\nBob here".getBytes(StandardCharsets.UTF_8)) + "  " + id);
        assertThat(receiver.stdoutLines().get(3)).startsWith("1 message, 12 bytes, 0 aborted, 0 refused; session ended");
    }

    @Test
    void overTlsAPassiveOfferMakesTheAnswererConnect() throws Exception {
        Path file = file("secret.bin", 200_000);
        CompletableFuture<Result> receiving = ParleyRun.start("answer", "--tls", "--offer-in", offer(),
                "--answer-out", answer(), "receive", "--dir", work.resolve("inbox").toString(), "--json");
        Result sender = ParleyRun.run("offer", "--tls", "--setup", "passive", "--offer-out", offer(),
                "--answer-in", answer(), "send", "--no-progress", file.toString());
        Result receiver = ParleyRun.await(receiving);

        assertThat(sender.exitCode()).as(sender::toString).isZero();
        assertThat(receiver.exitCode()).as(receiver::toString).isZero();
        String offered = Files.readString(work.resolve("offer.sdp.taken"));
        String answered = Files.readString(work.resolve("answer.sdp"));
        assertThat(offered).contains("TCP/TLS/MSRP", "a=setup:passive", "a=fingerprint:sha-256 ", "msrps://");
        assertThat(answered).contains("TCP/TLS/MSRP", "a=setup:active", "a=fingerprint:sha-256 ");
        assertThat(receiver.json().get(0)).containsEntry("sha256", Sha256.ofFile(file));
        assertThat(sender.stderr()).doesNotContain("secret.bin [");
    }

    @Test
    void aMissingFileIsAUsageErrorBeforeAnythingIsSetUp() throws Exception {
        Result sender = ParleyRun.run("offer", "--offer-out", offer(), "--answer-in", answer(), "send",
                "--text", "never sent", work.resolve("missing.bin").toString());

        assertThat(sender.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(sender.stderr()).contains("not a file: " + work.resolve("missing.bin"));
        assertThat(sender.stdout()).isEmpty();
        assertThat(work.resolve("offer.sdp")).doesNotExist();
    }

    @Test
    void aFileTheReceiverRefusesFailsTheSenderWith413AndIsReportedAsRefused() throws Exception {
        Path file = file("too-big.bin", 100_000);
        Path inbox = work.resolve("inbox");
        CompletableFuture<Result> receiving = ParleyRun.start("answer", "--offer-in", offer(), "--answer-out",
                answer(), "receive", "--dir", inbox.toString(), "--json", "--max-size", "1000");
        Result sender = ParleyRun.run("offer", "--offer-out", offer(), "--answer-in", answer(), "send",
                "--text", "fits", file.toString());
        Result receiver = ParleyRun.await(receiving);

        assertThat(sender.exitCode()).as(sender::toString).isEqualTo(ExitCodes.MESSAGE_FAILED);
        assertThat(sender.stdoutLines()).hasSize(2);
        assertThat(sender.stdoutLines().get(1)).isEqualTo("failed: 413 Stop Sending Message (" + file
                + ", 100000 bytes)");
        assertThat(receiver.exitCode()).as(receiver::toString).isEqualTo(ExitCodes.MESSAGE_FAILED);
        List<Map<String, Object>> events = receiver.json();
        assertThat(events).hasSize(3);
        assertThat(events.get(0)).containsEntry("event", "message").containsEntry("length", 4L);
        assertThat(events.get(1)).containsEntry("event", "refused").containsEntry("status", 413L)
                .containsEntry("length", 100_000L).containsEntry("contentType", "application/octet-stream");
        assertThat(events.get(2)).containsEntry("event", "summary").containsEntry("messages", 1L)
                .containsEntry("refused", 1L);
        try (Stream<Path> stored = Files.list(inbox)) {
            assertThat(stored).isEmpty();
        }
    }

    @Test
    void noAnswerWithinTheTimeoutIsExitCode5() throws Exception {
        long start = System.nanoTime();
        Result offerer = ParleyRun.run("offer", "--timeout", "0.5", "--offer-out", offer(), "--answer-in",
                answer(), "receive", "--json");

        assertThat(offerer.exitCode()).as(offerer::toString).isEqualTo(ExitCodes.TIMEOUT);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
        assertThat(offerer.stderr()).contains("parley: no SDP answer appeared in ", " within 0.5 s");
        assertThat(offerer.json()).singleElement().satisfies(summary -> assertThat(summary)
                .containsEntry("event", "summary").containsEntry("messages", 0L)
                .extractingByKey("reason").asString().startsWith("not established: no SDP answer appeared"));
        assertThat(work.resolve("offer.sdp")).content().contains("m=message ");
    }

    @Test
    void aTlsOfferToAPlainAnswererIsRejectedOnBothSides() throws Exception {
        CompletableFuture<Result> answering = ParleyRun.start("answer", "--offer-in", offer(), "--answer-out",
                answer(), "receive");
        Result offerer = ParleyRun.run("offer", "--tls", "--offer-out", offer(), "--answer-in", answer(), "send",
                "--text", "never sent");
        Result answerer = ParleyRun.await(answering);

        assertThat(answerer.exitCode()).as(answerer::toString).isEqualTo(ExitCodes.NEGOTIATION_FAILED);
        assertThat(answerer.stderr()).contains("rejected");
        assertThat(offerer.exitCode()).as(offerer::toString).isEqualTo(ExitCodes.NEGOTIATION_FAILED);
        assertThat(Files.readString(work.resolve("answer.sdp"))).contains("m=message 0 ");
        assertThat(offerer.stdout()).isEmpty();
    }

    @Test
    void countEndsTheSessionFromTheReceivingSide() throws Exception {
        try (LibraryOfferer peer = new LibraryOfferer(work.resolve("offer.sdp"))) {
            CompletableFuture<Result> receiving = ParleyRun.start("answer", "--offer-in", offer(), "--answer-out",
                    answer(), "receive", "--count", "1", "--json");
            MsrpSession session = peer.connect(work.resolve("answer.sdp"));
            session.send(OutgoingMessage.text("just one")).get(10, TimeUnit.SECONDS);
            Result receiver = ParleyRun.await(receiving);

            assertThat(receiver.exitCode()).as(receiver::toString).isZero();
            assertThat(receiver.json()).hasSize(2);
            assertThat(receiver.json().get(1)).containsEntry("messages", 1L)
                    .containsEntry("reason", "received 1 message");
            // The receiver ended the session: the peer sees it close.
            assertThat(peer.listener.closed.get(10, TimeUnit.SECONDS)).isNotNull();
        }
    }

    @Test
    void fileNamesFromThePeerStayInTheDirectoryAndReplaceNothing() throws Exception {
        Path inbox = work.resolve("inbox");
        Files.createDirectories(inbox);
        Files.writeString(inbox.resolve("passwd"), "already here");
        try (LibraryOfferer peer = new LibraryOfferer(work.resolve("offer.sdp"))) {
            CompletableFuture<Result> receiving = ParleyRun.start("answer", "--offer-in", offer(), "--answer-out",
                    answer(), "receive", "--dir", inbox.toString(), "--json");
            MsrpSession session = peer.connect(work.resolve("answer.sdp"));
            for (String disposition : List.of("attachment; filename=\"../../etc/passwd\"",
                    "attachment; filename*=UTF-8''..%2F..%2Fetc%2Fpasswd", "attachment; filename=\"..\"")) {
                session.send(OutgoingMessage.builder(MsrpContentType.parse("text/plain"),
                                MessageSource.of(disposition.getBytes(StandardCharsets.UTF_8)))
                        .contentDisposition(disposition).successReport(SuccessReport.YES).build())
                        .get(10, TimeUnit.SECONDS);
            }
            session.closeAsync().get(10, TimeUnit.SECONDS);
            Result receiver = ParleyRun.await(receiving);

            assertThat(receiver.exitCode()).as(receiver::toString).isZero();
            List<Map<String, Object>> events = receiver.json();
            assertThat(events).hasSize(4);
            assertThat(events.get(0)).containsEntry("file", inbox.resolve("passwd-1").toString());
            assertThat(events.get(1)).containsEntry("file", inbox.resolve("passwd-2").toString());
            assertThat(events.get(2)).containsEntry("file",
                    inbox.resolve((String) events.get(2).get("messageId")).toString());
            assertThat(inbox.resolve("passwd")).hasContent("already here");
            assertThat(inbox.resolve("passwd-1")).hasContent("attachment; filename=\"../../etc/passwd\"");
            try (Stream<Path> everything = Files.walk(work)) {
                assertThat(everything.filter(Files::isRegularFile).filter(p -> !p.getParent().equals(inbox)))
                        .containsExactlyInAnyOrder(work.resolve("offer.sdp.taken"), work.resolve("answer.sdp"));
            }
        }
    }

    @Test
    void standardStreamsCarryTheSdpAndLinesForPeopleGoToStandardError() throws Exception {
        try (LibraryOfferer peer = new LibraryOfferer()) {
            PipedOutputStream toParley = new PipedOutputStream();
            PipedInputStream parleyStdin = new PipedInputStream(toParley);
            PipedInputStream fromParley = new PipedInputStream(64 * 1024);
            PipedOutputStream parleyStdout = new PipedOutputStream(fromParley);
            ByteArrayOutputStream parleyStderr = new ByteArrayOutputStream();
            CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(() -> {
                try (PrintStream out = new PrintStream(parleyStdout, true, StandardCharsets.UTF_8);
                     PrintStream err = new PrintStream(parleyStderr, true, StandardCharsets.UTF_8)) {
                    return new ParleyCli(out, err, parleyStdin).execute("answer", "--offer-in", "-", "--answer-out",
                            "-", "receive", "--dir", work.toString());
                }
            });
            toParley.write((peer.session.localSdp() + "\r\n").getBytes(StandardCharsets.UTF_8));
            toParley.flush();
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            while (!answer.toString(StandardCharsets.UTF_8).endsWith("\r\n\r\n")) {
                int b = fromParley.read();
                assertThat(b).as("standard output ended before the answer did").isNotNegative();
                answer.write(b);
            }
            MsrpSession session = peer.connect(answer.toString(StandardCharsets.UTF_8).trim() + "\r\n");
            session.send(OutgoingMessage.text("via pipes")).get(10, TimeUnit.SECONDS);
            session.closeAsync().get(10, TimeUnit.SECONDS);

            assertThat(exit.get(30, TimeUnit.SECONDS)).as(parleyStderr::toString).isZero();
            assertThat(fromParley.readAllBytes()).as("nothing but the SDP on standard output").isEmpty();
            assertThat(parleyStderr.toString(StandardCharsets.UTF_8))
                    .contains("text/plain;charset=UTF-8 9 bytes:\n> via pipes\n", "1 message, 9 bytes");
        }
    }

    @Test
    void sendJsonLinesMatchTheReceiversLines() throws Exception {
        Path file = file("data.bin", 70_000);
        CompletableFuture<Result> receiving = ParleyRun.start("answer", "--offer-in", offer(), "--answer-out",
                answer(), "receive", "--dir", work.resolve("inbox").toString(), "--json");
        Result sender = ParleyRun.run("offer", "--offer-out", offer(), "--answer-in", answer(), "send", "--json",
                "--no-progress", "--text", "one", file.toString());
        Result receiver = ParleyRun.await(receiving);

        assertThat(sender.exitCode()).as(sender::toString).isZero();
        List<Map<String, Object>> sent = sender.json();
        assertThat(sent).hasSize(2).allSatisfy(event -> assertThat(event).containsEntry("event", "sent")
                .containsEntry("confirmed", true));
        assertThat(sent.get(1)).containsEntry("what", file.toString()).containsEntry("length", 70_000L)
                .containsEntry("sha256", Sha256.ofFile(file));
        List<Map<String, Object>> received = receiver.json();
        for (int i = 0; i < 2; i++) {
            assertThat(received.get(i)).containsEntry("messageId", sent.get(i).get("messageId"))
                    .containsEntry("sha256", sent.get(i).get("sha256"));
        }
        assertThat(work.resolve("offer.sdp")).as("the answerer takes an offer once").doesNotExist();
        assertThat(work.resolve("offer.sdp.taken")).exists();
    }

    @Test
    void aMessageThatStopsGrowingIsATimeoutNotAHang() throws Exception {
        // The peer is a raw socket: it connects (a=setup:active), sends the first chunk of 100 bytes and no more.
        String peerPath = "msrp://127.0.0.1:9/stalling;tcp";
        Files.writeString(work.resolve("offer.sdp"), "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\n"
                + "t=0 0\r\nm=message 9 TCP/MSRP *\r\na=accept-types:*\r\na=path:" + peerPath
                + "\r\na=setup:active\r\n");
        CompletableFuture<Result> receiving = ParleyRun.start("answer", "--timeout", "1", "--offer-in", offer(),
                "--answer-out", answer(), "receive", "--dir", work.resolve("inbox").toString(), "--json");
        String answered = SdpFiles.await(answer(), "answer", Duration.ofSeconds(20), InputStream.nullInputStream());
        MsrpUri parley = org.parley.msrp.sdp.MsrpMediaDescription.parse(answered).path().get(0);
        try (Socket peer = new Socket(parley.host(), parley.port())) {
            peer.getOutputStream().write(("MSRP t1 SEND\r\nTo-Path: " + parley + "\r\nFrom-Path: " + peerPath
                    + "\r\nMessage-ID: stalled1\r\nByte-Range: 1-10/100\r\nContent-Type: application/octet-stream"
                    + "\r\n\r\n0123456789\r\n-------t1+\r\n").getBytes(StandardCharsets.US_ASCII));

            Result receiver = ParleyRun.await(receiving);

            assertThat(receiver.exitCode()).as(receiver::toString).isEqualTo(ExitCodes.TIMEOUT);
            assertThat(receiver.json()).last().satisfies(summary -> assertThat(summary)
                    .containsEntry("event", "summary").containsEntry("messages", 0L)
                    .containsEntry("reason", "a message made no progress within 1 s"));
        }
    }

    @Test
    void afterCountMessagesLaterOnesAreRefusedAndReportedNotLostQuietly() throws Exception {
        try (LibraryOfferer peer = new LibraryOfferer(work.resolve("offer.sdp"))) {
            CompletableFuture<Result> receiving = ParleyRun.start("answer", "--offer-in", offer(), "--answer-out",
                    answer(), "receive", "--count", "1", "--json");
            MsrpSession session = peer.connect(work.resolve("answer.sdp"));
            List<CompletableFuture<MsrpSendResult>> sends = List.of(
                    session.send(OutgoingMessage.text("first")), session.send(OutgoingMessage.text("second")),
                    session.send(OutgoingMessage.text("third")));
            Result receiver = ParleyRun.await(receiving);

            List<Map<String, Object>> events = receiver.json();
            assertThat(events.get(0)).containsEntry("event", "message")
                    .containsEntry("sha256", Sha256.of("first".getBytes(StandardCharsets.UTF_8)));
            assertThat(events.get(events.size() - 1)).containsEntry("event", "summary")
                    .containsEntry("reason", "received 1 message");
            // Every message the peer saw accepted is one the receiver reported as delivered.
            for (CompletableFuture<MsrpSendResult> send : sends) {
                try {
                    String id = send.get(10, TimeUnit.SECONDS).messageId();
                    assertThat(events).anySatisfy(event -> assertThat(event).containsEntry("event", "message")
                            .containsEntry("messageId", id));
                } catch (java.util.concurrent.ExecutionException refusedOrClosed) {
                    // Refused (413) or cut off by the close: either way the sender was told.
                    assertThat(refusedOrClosed.getCause()).isInstanceOf(org.parley.msrp.core.MsrpException.class);
                }
            }
            assertThat(receiver.exitCode()).as(receiver::toString)
                    .isEqualTo(events.stream().anyMatch(e -> "refused".equals(e.get("event")))
                            ? ExitCodes.MESSAGE_FAILED : ExitCodes.SUCCESS);
        }
    }

    /** A session of the library, offering, as the peer of the command under test. */
    private static final class LibraryOfferer implements AutoCloseable {
        private final MsrpStack stack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
        private final RecordingListener listener = new RecordingListener();
        private final ComediaSession session;

        LibraryOfferer() throws Exception {
            ComediaEndpoint endpoint = ComediaEndpoint.start(stack, ComediaOptions.defaults()).get(10, TimeUnit.SECONDS);
            session = endpoint.createOffer(MsrpSessionOptions.defaults(), listener);
        }

        LibraryOfferer(Path offerFile) throws Exception {
            this();
            Files.writeString(offerFile, session.localSdp());
        }

        MsrpSession connect(Path answerFile) throws Exception {
            return connect(SdpFiles.await(answerFile.toString(), "answer", Duration.ofSeconds(20),
                    InputStream.nullInputStream()));
        }

        MsrpSession connect(String answer) throws Exception {
            session.applyAnswer(answer);
            return session.connected().get(20, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            stack.closeAsync().orTimeout(10, TimeUnit.SECONDS).join();
        }
    }
}
