package org.parley.msrp.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.parley.msrp.core.codec.FailureReport;
import org.parley.msrp.core.codec.MsrpContentType;
import org.parley.msrp.core.codec.MsrpStatus;
import org.parley.msrp.core.codec.SuccessReport;
import org.parley.msrp.core.testing.RawPeer;
import org.parley.msrp.core.testing.RecordingListener;

import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Two stacks over loopback: one listens (passive side), the other connects (active side). */
class MsrpSessionTest {

    private MsrpStack passiveStack;
    private MsrpStack activeStack;
    private MsrpServer server;
    private final RecordingListener passiveListener = new RecordingListener();
    private final RecordingListener activeListener = new RecordingListener();

    @BeforeEach
    void startStacks() throws Exception {
        passiveStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(2).build());
        activeStack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(2).build());
        server = passiveStack.listen(new InetSocketAddress("127.0.0.1", 0)).get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stopStacks() throws Exception {
        activeStack.closeAsync().get(10, TimeUnit.SECONDS);
        passiveStack.closeAsync().get(10, TimeUnit.SECONDS);
    }

    /** A connected pair: {@code [passive, active]}. */
    private MsrpSession[] pair(MsrpSessionOptions passiveOptions, MsrpSessionOptions activeOptions)
            throws Exception {
        MsrpSession passive = passiveStack.newSession(passiveOptions, passiveListener);
        MsrpSession active = activeStack.newSession(activeOptions, activeListener);
        passive.remotePath(List.of(active.localUri()));
        active.remotePath(List.of(passive.localUri()));
        MsrpConnection connection = activeStack.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
        active.attach(connection).get(10, TimeUnit.SECONDS);
        return new MsrpSession[] {passive, active};
    }

    private MsrpSession[] pair() throws Exception {
        return pair(MsrpSessionOptions.defaults(), MsrpSessionOptions.defaults());
    }

    /** A message of 1 TiB on its way in 4 KiB chunks, into a counting sink. */
    private record Endless(MsrpSession[] sessions, CountingSink sink, CompletableFuture<MsrpSendResult> transfer) {
    }

    /** Starts an {@link Endless} transfer and waits until the receiver has at least {@code minimum} bytes. */
    private Endless startEndless(long minimum) throws Exception {
        MsrpSession[] sessions = pair(MsrpSessionOptions.defaults(),
                MsrpSessionOptions.builder().chunkSize(4096).build());
        CountingSink sink = new CountingSink();
        passiveListener.sinks = m -> sink;
        CompletableFuture<MsrpSendResult> transfer = sessions[1].send(OutgoingMessage.builder(
                MsrpContentType.parse("application/octet-stream"), new PatternSource(1L << 40)).build());
        while (sink.bytes < minimum) {
            Thread.sleep(5);
        }
        return new Endless(sessions, sink, transfer);
    }

    /** A session of the active stack whose remote path is a plain socket listening on loopback. */
    private MsrpSession towards(java.net.ServerSocket socket, MsrpSessionOptions options) {
        MsrpSession session = activeStack.newSession(options, activeListener);
        session.remotePath(List.of(org.parley.msrp.core.codec.MsrpUri.parse(
                "msrp://127.0.0.1:" + socket.getLocalPort() + "/rawpassive;tcp")));
        return session;
    }

    private void attachTo(MsrpSession session, java.net.ServerSocket socket) throws Exception {
        session.attach(activeStack.connect(new InetSocketAddress("127.0.0.1", socket.getLocalPort()))
                .get(10, TimeUnit.SECONDS)).get(10, TimeUnit.SECONDS);
    }

    private static <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(30, TimeUnit.SECONDS);
    }

    private static Throwable failure(CompletableFuture<?> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("the future completed normally");
    }

    @Test
    void sessionUrisCarryFreshIdsAndTheListeningPort() throws Exception {
        MsrpSession one = passiveStack.newSession(MsrpSessionOptions.defaults(), passiveListener);
        MsrpSession two = passiveStack.newSession(MsrpSessionOptions.defaults(), passiveListener);
        assertThat(one.localUri().sessionId()).isNotEqualTo(two.localUri().sessionId()).hasSizeGreaterThanOrEqualTo(16);
        assertThat(one.localUri().port()).isEqualTo(server.localAddress().getPort());
        assertThat(one.localUri().transport()).isEqualTo("tcp");
        assertThat(one.isConnected()).isFalse();
    }

    @Test
    void deliversATextMessageBothWays() throws Exception {
        MsrpSession[] sessions = pair();
        MsrpSendResult result = await(sessions[1].send(OutgoingMessage.text("Hi, I'm Alice!")));
        IncomingMessage message = passiveListener.nextReceived();
        assertThat(RecordingListener.text(message)).isEqualTo("Hi, I'm Alice!");
        assertThat(message.contentType().mediaType()).isEqualTo("text/plain");
        assertThat(message.messageId()).isEqualTo(result.messageId());
        assertThat(result.size()).isEqualTo(14);
        assertThat(result.chunks()).isEqualTo(1);
        assertThat(sessions[0].isConnected()).isTrue();

        await(sessions[0].send(OutgoingMessage.text("Hi, Alice! I'm Bob!")));
        assertThat(RecordingListener.text(activeListener.nextReceived())).isEqualTo("Hi, Alice! I'm Bob!");
    }

    @ParameterizedTest(name = "Success-Report {0}, Failure-Report {1}")
    @CsvSource({"NO, YES, false", "YES, YES, true", "YES, NO, true", "YES, PARTIAL, true", "NO, NO, false",
        "NO, PARTIAL, false"})
    void completesAsTheReportPolicySays(SuccessReport success, FailureReport failure, boolean confirmedByReport)
            throws Exception {
        MsrpSession[] sessions = pair(MsrpSessionOptions.defaults(),
                MsrpSessionOptions.builder().chunkSize(1000).build());
        byte[] body = new byte[4500];
        new Random(7).nextBytes(body);
        List<long[]> progress = new CopyOnWriteArrayList<>();
        OutgoingMessage message = OutgoingMessage.builder(MsrpContentType.parse("application/octet-stream"),
                        MessageSource.of(body))
                .successReport(success).failureReport(failure)
                .progressListener((id, sent, acked, total) -> progress.add(new long[] {sent, acked, total}))
                .build();
        MsrpSendResult result = await(sessions[1].send(message));

        assertThat(result.confirmedBySuccessReport()).isEqualTo(confirmedByReport);
        assertThat(result.chunks()).isEqualTo(5);
        IncomingMessage received = passiveListener.nextReceived();
        assertThat(((InMemoryMessageSink) received.sink()).bytes()).isEqualTo(body);
        assertThat(received.successReport()).isEqualTo(success);
        assertThat(received.failureReport()).isEqualTo(failure);
        long[] lastProgress = progress.get(progress.size() - 1);
        assertThat(lastProgress[0]).isEqualTo(4500);
        assertThat(lastProgress[2]).isEqualTo(4500);
        if (failure == FailureReport.YES || success == SuccessReport.YES) {
            assertThat(progress).anySatisfy(p -> assertThat(p[1]).isEqualTo(4500));
        }
    }

    @Test
    void sendsAFileInChunksAndReceivesItIntoAFile(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        MsrpSession[] sessions = pair(MsrpSessionOptions.defaults(),
                MsrpSessionOptions.builder().chunkSize(8192).build());
        Path source = dir.resolve("source.bin");
        byte[] content = new byte[3 * 1024 * 1024 + 17];
        new Random(11).nextBytes(content);
        Files.write(source, content);
        Path target = dir.resolve("target.bin");
        passiveListener.sinks = m -> MessageSink.toFile(target);

        MsrpSendResult result = await(sessions[1].send(OutgoingMessage.builder(
                MsrpContentType.parse("application/octet-stream"), MessageSource.ofFile(source))
                .contentDisposition("attachment; filename=source.bin").successReport(SuccessReport.YES).build()));

        IncomingMessage received = passiveListener.nextReceived();
        assertThat(received.size()).isEqualTo(content.length);
        assertThat(received.totalSize()).isEqualTo(content.length);
        assertThat(received.contentDisposition()).isEqualTo("attachment; filename=source.bin");
        assertThat(sha256(Files.readAllBytes(target))).isEqualTo(sha256(content));
        assertThat(result.chunks()).isEqualTo((content.length + 8191) / 8192);
        assertThat(result.confirmedBySuccessReport()).isTrue();
    }

    @Test
    void sendsAStreamOfUnknownLength() throws Exception {
        MsrpSession[] sessions = pair(MsrpSessionOptions.defaults(),
                MsrpSessionOptions.builder().chunkSize(1000).build());
        byte[] content = "0123456789".repeat(250).getBytes(StandardCharsets.US_ASCII);
        passiveListener.sinks = m -> {
            assertThat(m.totalSize()).isEqualTo(-1);
            return MessageSink.inMemory(10_000);
        };
        MsrpSendResult result = await(sessions[1].send(OutgoingMessage.stream("text/plain",
                new ByteArrayInputStream(content))));
        assertThat(result.size()).isEqualTo(2500);
        assertThat(result.chunks()).isEqualTo(3);
        assertThat(((InMemoryMessageSink) passiveListener.nextReceived().sink()).bytes()).isEqualTo(content);
    }

    @Test
    void sendsAnEmptyMessageAndAnEmptySend() throws Exception {
        MsrpSession[] sessions = pair();
        await(sessions[1].sendEmpty());
        MsrpSendResult result = await(sessions[1].send(OutgoingMessage.bytes("text/plain", new byte[0])));
        assertThat(result.size()).isZero();
        IncomingMessage received = passiveListener.nextReceived();
        assertThat(received.size()).isZero();
        assertThat(RecordingListener.text(received)).isEmpty();
    }

    @Test
    void aShortMessageOvertakesALargeOneOnTheSameSession() throws Exception {
        MsrpSession[] sessions = pair(MsrpSessionOptions.defaults(),
                MsrpSessionOptions.builder().chunkSize(16 * 1024).build());
        long largeSize = 200L * 1024 * 1024;
        passiveListener.sinks = m -> m.totalSize() == largeSize ? new CountingSink() : MessageSink.inMemory(10);
        CompletableFuture<MsrpSendResult> large = sessions[1].send(OutgoingMessage.builder(
                MsrpContentType.parse("application/octet-stream"), new PatternSource(largeSize)).build());
        CompletableFuture<MsrpSendResult> small =
                sessions[1].send(OutgoingMessage.bytes("text/plain", new byte[] {'!'}));

        await(small);
        assertThat(large).isNotDone();
        IncomingMessage first = passiveListener.nextReceived();
        assertThat(first.size()).isEqualTo(1);
        MsrpSendResult done = large.get(120, TimeUnit.SECONDS);
        assertThat(done.size()).isEqualTo(largeSize);
        IncomingMessage second = passiveListener.nextReceived();
        assertThat(((CountingSink) second.sink()).bytes).isEqualTo(largeSize);
        assertThat(((CountingSink) second.sink()).ordered).isTrue();
    }

    @Test
    void cancellingAFileAbortsItAtTheReceiver() throws Exception {
        Endless endless = startEndless(1_000_000);
        MsrpSession[] sessions = endless.sessions();
        CountingSink sink = endless.sink();
        CompletableFuture<MsrpSendResult> transfer = endless.transfer();
        assertThat(transfer.cancel(true)).isTrue();
        IncomingMessage aborted = passiveListener.nextAborted();
        assertThat(aborted.totalSize()).isEqualTo(1L << 40);
        assertThat(passiveListener.abortReasons.get(0)).hasMessageContaining("the sender aborted message");
        assertThat(sink.aborted).isTrue();
        assertThatThrownBy(transfer::join).isInstanceOf(CancellationException.class);
        // The session goes on working.
        passiveListener.sinks = m -> MessageSink.inMemory(100);
        await(sessions[1].send(OutgoingMessage.text("still here")));
        assertThat(RecordingListener.text(passiveListener.nextReceived())).isEqualTo("still here");
    }

    @Test
    void aRefusalFailsTheSendWithItsStatusAndStopsIt() throws Exception {
        MsrpSession[] sessions = pair(MsrpSessionOptions.defaults(),
                MsrpSessionOptions.builder().chunkSize(1000).build());
        passiveListener.sinks = m -> MessageSink.refuse(MsrpStatus.STOP_SENDING_MESSAGE);
        Throwable failure = failure(sessions[1].send(OutgoingMessage.bytes("text/plain", new byte[100_000])));
        assertThat(failure).isInstanceOf(MsrpStatusException.class);
        assertThat(((MsrpStatusException) failure).status().code()).isEqualTo(413);
        assertThat(((MsrpStatusException) failure).fromReport()).isFalse();
        assertThat(passiveListener.received).isEmpty();
    }

    @Test
    void refusesContentTypesOutsideAcceptTypesWith415() throws Exception {
        MsrpSession[] sessions = pair(MsrpSessionOptions.builder().acceptTypes(List.of("text/*")).build(),
                MsrpSessionOptions.defaults());
        Throwable failure = failure(sessions[1].send(OutgoingMessage.bytes("image/png", new byte[10])));
        assertThat(((MsrpStatusException) failure).status()).isEqualTo(MsrpStatus.UNSUPPORTED_MEDIA_TYPE);
        await(sessions[1].send(OutgoingMessage.text("text is fine")));
    }

    @Test
    void refusesMessagesOverMaxSizeWith413() throws Exception {
        MsrpSession[] sessions = pair(MsrpSessionOptions.builder().maxMessageSize(1000).build(),
                MsrpSessionOptions.defaults());
        Throwable failure = failure(sessions[1].send(OutgoingMessage.bytes("text/plain", new byte[1001])));
        assertThat(((MsrpStatusException) failure).status().code()).isEqualTo(413);
        await(sessions[1].send(OutgoingMessage.bytes("text/plain", new byte[1000])));
    }

    @Test
    void messagesSentBeforeTheConnectionWaitAndGoOutOnceAttached() throws Exception {
        MsrpSession passive = passiveStack.newSession(MsrpSessionOptions.defaults(), passiveListener);
        MsrpSession active = activeStack.newSession(MsrpSessionOptions.builder().maxQueuedMessages(2).build(),
                activeListener);
        passive.remotePath(List.of(active.localUri()));
        active.remotePath(List.of(passive.localUri()));
        CompletableFuture<MsrpSendResult> first = active.send(OutgoingMessage.text("first"));
        CompletableFuture<MsrpSendResult> second = active.send(OutgoingMessage.text("second"));
        Throwable overflow = failure(active.send(OutgoingMessage.text("third")));
        assertThat(overflow).isInstanceOf(MsrpSessionClosedException.class).hasMessageContaining("2 messages");
        assertThat(first).isNotDone();

        active.attach(activeStack.connect(server.localAddress()).get(10, TimeUnit.SECONDS)).get(10, TimeUnit.SECONDS);
        await(first);
        await(second);
        assertThat(RecordingListener.text(passiveListener.nextReceived())).isEqualTo("first");
        assertThat(RecordingListener.text(passiveListener.nextReceived())).isEqualTo("second");
    }

    @Test
    void messagesWaitingForAConnectionThatNeverComesFailWhenTheSessionCloses() throws Exception {
        MsrpSession lonely = activeStack.newSession(MsrpSessionOptions.defaults(), activeListener);
        lonely.remotePath(List.of(org.parley.msrp.core.codec.MsrpUri.parse("msrp://127.0.0.1:1/nobody;tcp")));
        CompletableFuture<MsrpSendResult> waiting = lonely.send(OutgoingMessage.text("hello?"));
        Throwable connectFailure = failure(activeStack.connect(new InetSocketAddress("127.0.0.1", 1)));
        assertThat(connectFailure).isInstanceOf(MsrpConnectionException.class).hasMessageContaining("cannot connect");
        await(lonely.closeAsync());
        assertThat(failure(waiting)).isInstanceOf(MsrpSessionClosedException.class);
        assertThat(failure(lonely.send(OutgoingMessage.text("after close"))))
                .isInstanceOf(MsrpSessionClosedException.class);
        assertThat(activeListener.closed.get(5, TimeUnit.SECONDS)).isNull();
    }

    @Test
    void losingTheConnectionFailsPendingSendsAndAbortsPartialMessages() throws Exception {
        Endless endless = startEndless(100_000);
        MsrpSession[] sessions = endless.sessions();
        CountingSink sink = endless.sink();
        CompletableFuture<MsrpSendResult> transfer = endless.transfer();
        await(passiveStack.closeAsync());
        // The passive session closes before its connection: a chunk that arrives in between gets 481 (§10.8).
        Throwable lost = failure(transfer);
        assertThat(lost).satisfiesAnyOf(e -> assertThat(e).isInstanceOf(MsrpConnectionException.class),
                e -> assertThat(((MsrpStatusException) e).status().code()).isEqualTo(481));
        assertThat(activeListener.closed.get(10, TimeUnit.SECONDS)).isInstanceOf(lost.getClass());
        assertThat(passiveListener.nextAborted()).isNotNull();
        assertThat(sink.aborted).isTrue();
        assertThat(sessions[1].isConnected()).isFalse();
    }

    @Test
    void worksOverIpv6Loopback() throws Exception {
        MsrpServer v6 = passiveStack.listen(new InetSocketAddress("::1", 0)).get(10, TimeUnit.SECONDS);
        MsrpSession passive = passiveStack.newSession(MsrpSessionOptions.builder().localHost("::1")
                .localPort(v6.localAddress().getPort()).build(), passiveListener);
        MsrpSession active = activeStack.newSession(MsrpSessionOptions.builder().localHost("[::1]").build(),
                activeListener);
        assertThat(passive.localUri().toString()).startsWith("msrp://[::1]:");
        passive.remotePath(List.of(active.localUri()));
        active.remotePath(List.of(passive.localUri()));
        InetSocketAddress target = new InetSocketAddress(passive.localUri().host(), passive.localUri().port());
        active.attach(activeStack.connect(target).get(10, TimeUnit.SECONDS)).get(10, TimeUnit.SECONDS);
        await(active.send(OutgoingMessage.text("over IPv6")));
        assertThat(RecordingListener.text(passiveListener.nextReceived())).isEqualTo("over IPv6");
    }

    @Test
    void aTransactionWithoutResponseTimesOut() throws Exception {
        try (java.net.ServerSocket silent = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            MsrpSession active = towards(silent, MsrpSessionOptions.builder()
                    .transactionTimeout(Duration.ofMillis(300)).build());
            attachTo(active, silent);
            Throwable failure = failure(active.send(OutgoingMessage.text("anyone?")));
            assertThat(failure).isInstanceOf(MsrpTransactionTimeoutException.class).hasMessageContaining("(408)");
            assertThat(failure(active.sendEmpty())).isInstanceOf(MsrpTransactionTimeoutException.class);
        }
    }

    @Test
    void attachActiveWithNothingQueuedSendsAnEmptySendThatBindsThePassiveSession() throws Exception {
        MsrpSession passive = passiveStack.newSession(MsrpSessionOptions.defaults(), passiveListener);
        MsrpSession active = activeStack.newSession(MsrpSessionOptions.defaults(), activeListener);
        passive.remotePath(List.of(active.localUri()));
        active.remotePath(List.of(passive.localUri()));
        CompletableFuture<Void> passiveConnected = passive.whenConnected();
        assertThat(passiveConnected).isNotDone();
        await(active.attachActive(activeStack.connect(server.localAddress()).get(10, TimeUnit.SECONDS)));
        await(passiveConnected);
        await(active.whenConnected());
        assertThat(passive.isConnected()).isTrue();
        await(passive.send(OutgoingMessage.text("the passive side can send now")));
        assertThat(RecordingListener.text(activeListener.nextReceived())).isEqualTo("the passive side can send now");
        assertThat(passiveListener.received).isEmpty();
    }

    @Test
    void attachActiveSendsAQueuedMessageFirstAndNoEmptySend() throws Exception {
        try (java.net.ServerSocket listening = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            MsrpSession active = towards(listening, MsrpSessionOptions.defaults());
            CompletableFuture<MsrpSendResult> queued = active.send(OutgoingMessage.text("first words"));
            CompletableFuture<Void> attached = active.attachActive(activeStack.connect(
                    new InetSocketAddress("127.0.0.1", listening.getLocalPort())).get(10, TimeUnit.SECONDS));
            try (RawPeer peer = new RawPeer(listening.accept())) {
                String first = peer.readFrame();
                assertThat(first).contains(" SEND\r\n").contains("\r\n\r\nfirst words\r\n");
                await(attached);
                String tid = RawPeer.transactionId(first);
                peer.write("MSRP " + tid + " 200 OK\r\nTo-Path: " + active.localUri() + "\r\nFrom-Path: "
                        + active.remotePath().get(0) + "\r\n-------" + tid + "$\r\n");
                await(queued);
            }
        }
    }

    @Test
    void attachActiveFailsAndEndsTheSessionWhenThePeerDoesNotAuthenticateIt() throws Exception {
        MsrpSession passive = passiveStack.newSession(MsrpSessionOptions.defaults(), passiveListener);
        MsrpSession active = activeStack.newSession(MsrpSessionOptions.defaults(), activeListener);
        passive.remotePath(List.of(org.parley.msrp.core.codec.MsrpUri.parse("msrp://127.0.0.1:9/someoneelse;tcp")));
        active.remotePath(List.of(passive.localUri()));
        Throwable failure = failure(active.attachActive(activeStack.connect(server.localAddress())
                .get(10, TimeUnit.SECONDS)));
        assertThat(failure).isInstanceOf(MsrpStatusException.class);
        assertThat(((MsrpStatusException) failure).status().code()).isEqualTo(481);
        assertThat(activeListener.closed.get(10, TimeUnit.SECONDS)).isNotNull();
        assertThat(passive.isConnected()).isFalse();
        assertThat(passive.whenConnected()).isNotDone();
    }

    @Test
    void a481ToTheEmptySendEndsTheSessionEvenIfThePeerKeepsTheConnection() throws Exception {
        try (java.net.ServerSocket listening = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            MsrpSession active = towards(listening, MsrpSessionOptions.defaults());
            CompletableFuture<Void> attached = active.attachActive(activeStack.connect(
                    new InetSocketAddress("127.0.0.1", listening.getLocalPort())).get(10, TimeUnit.SECONDS));
            try (RawPeer peer = new RawPeer(listening.accept())) {
                String tid = RawPeer.transactionId(peer.readFrame());
                peer.write("MSRP " + tid + " 481 No Such Session\r\nTo-Path: " + active.localUri() + "\r\nFrom-Path: "
                        + active.remotePath().get(0) + "\r\n-------" + tid + "$\r\n");
                Throwable failure = failure(attached);
                assertThat(failure).isInstanceOf(MsrpStatusException.class);
                assertThat(activeListener.closed.get(10, TimeUnit.SECONDS)).isSameAs(failure);
                assertThat(peer.closedByPeer()).isTrue();
            }
        }
    }

    @Test
    void closingWithAReasonFailsPendingSendsAndWhenConnectedWithIt() throws Exception {
        MsrpSession session = activeStack.newSession(MsrpSessionOptions.defaults(), activeListener);
        session.remotePath(List.of(org.parley.msrp.core.codec.MsrpUri.parse("msrp://127.0.0.1:9/nobody;tcp")));
        CompletableFuture<MsrpSendResult> queued = session.send(OutgoingMessage.text("never"));
        CompletableFuture<Void> connected = session.whenConnected();
        MsrpConnectionException reason = new MsrpConnectionException("could not reach the peer", null);
        await(session.closeAsync(reason));
        assertThat(failure(queued)).isSameAs(reason);
        assertThat(failure(connected)).isSameAs(reason);
        assertThat(activeListener.closed.get(10, TimeUnit.SECONDS)).isSameAs(reason);
    }

    @Test
    void sessionsShareAReusedConnectionAndAreDemultiplexedByToPath() throws Exception {
        MsrpStack sharing = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).reuseConnections(true).build());
        try {
            RecordingListener secondListener = new RecordingListener();
            MsrpSession passive1 = passiveStack.newSession(MsrpSessionOptions.defaults(), passiveListener);
            MsrpSession passive2 = passiveStack.newSession(MsrpSessionOptions.defaults(), secondListener);
            MsrpSession active1 = sharing.newSession(MsrpSessionOptions.defaults(), activeListener);
            MsrpSession active2 = sharing.newSession(MsrpSessionOptions.defaults(), activeListener);
            passive1.remotePath(List.of(active1.localUri()));
            passive2.remotePath(List.of(active2.localUri()));
            active1.remotePath(List.of(passive1.localUri()));
            active2.remotePath(List.of(passive2.localUri()));
            MsrpConnection first = sharing.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
            MsrpConnection second = sharing.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
            assertThat(second).isSameAs(first);
            active1.attach(first).get(10, TimeUnit.SECONDS);
            active2.attach(second).get(10, TimeUnit.SECONDS);

            await(active1.send(OutgoingMessage.text("for one")));
            await(active2.send(OutgoingMessage.text("for two")));
            assertThat(RecordingListener.text(passiveListener.nextReceived())).isEqualTo("for one");
            assertThat(RecordingListener.text(secondListener.nextReceived())).isEqualTo("for two");

            await(active1.closeAsync());
            assertThat(first.isOpen()).isTrue();
            await(active2.send(OutgoingMessage.text("still shared")));
            assertThat(RecordingListener.text(secondListener.nextReceived())).isEqualTo("still shared");
            await(passive2.send(OutgoingMessage.text("and back")));
            assertThat(RecordingListener.text(activeListener.nextReceived())).isEqualTo("and back");
        } finally {
            sharing.closeAsync().get(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void withoutReuseEachConnectOpensANewConnection() throws Exception {
        MsrpConnection first = activeStack.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
        MsrpConnection second = activeStack.connect(server.localAddress()).get(10, TimeUnit.SECONDS);
        assertThat(second).isNotSameAs(first);
        assertThat(second.localAddress()).isNotEqualTo(first.localAddress());
        assertThat(first.remoteAddress()).isEqualTo(server.localAddress());
        await(first.closeAsync());
        assertThat(first.isOpen()).isFalse();
        assertThat(second.isOpen()).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"400, Bad Request", "403, Forbidden", "413, Stop Sending Message", "415, Unsupported Media Type",
        "423, Interval Out-of-Bounds", "481, No Such Session", "501, Not Implemented", "506, Session Already Bound"})
    void anErrorResponseFailsTheSendWithItsStatus(int code, String comment) throws Exception {
        try (java.net.ServerSocket listening = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            MsrpSession active = towards(listening, MsrpSessionOptions.defaults());
            CompletableFuture<MsrpSendResult> sent = active.send(OutgoingMessage.text("refuse me"));
            attachTo(active, listening);
            try (RawPeer peer = new RawPeer(listening.accept())) {
                String tid = RawPeer.transactionId(peer.readFrame());
                peer.write("MSRP " + tid + " " + code + " " + comment + "\r\nTo-Path: " + active.localUri()
                        + "\r\nFrom-Path: " + active.remotePath().get(0) + "\r\n-------" + tid + "$\r\n");
                Throwable failure = failure(sent);
                assertThat(failure).isInstanceOf(MsrpStatusException.class)
                        .hasMessageContaining("refused by the peer with");
                assertThat(((MsrpStatusException) failure).status().code()).isEqualTo(code);
                assertThat(((MsrpStatusException) failure).status().comment()).isEqualTo(comment);
            }
        }
    }

    @Test
    void aBorrowedEventLoopGroupOutlivesTheStack() throws Exception {
        io.netty.channel.EventLoopGroup group = new io.netty.channel.MultiThreadIoEventLoopGroup(1,
                io.netty.channel.nio.NioIoHandler.newFactory());
        try {
            MsrpStack borrowing = MsrpStack.create(MsrpStackOptions.builder().eventLoopGroup(group).build());
            assertThat(borrowing.eventLoopGroup()).isSameAs(group);
            MsrpSession session = borrowing.newSession(MsrpSessionOptions.defaults(), activeListener);
            assertThat(group.next().parent()).isSameAs(group);
            assertThat(session.executor().parent()).isSameAs(group);
            borrowing.closeAsync().get(10, TimeUnit.SECONDS);
            assertThat(group.isShuttingDown()).isFalse();
            assertThatThrownBy(() -> borrowing.newSession(MsrpSessionOptions.defaults(), activeListener))
                    .isInstanceOf(IllegalStateException.class).hasMessage("the MSRP stack is closed");
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        assertThat(activeStack.eventLoopGroup().isShuttingDown()).isFalse();
        activeStack.closeAsync().get(10, TimeUnit.SECONDS);
        assertThat(activeStack.eventLoopGroup().isTerminated()).isTrue();
    }

    @Test
    void closingTheStackFailsPendingSendsAndClosesSessions() throws Exception {
        Endless endless = startEndless(1);
        activeStack.closeAsync().get(10, TimeUnit.SECONDS);
        assertThat(failure(endless.transfer())).isInstanceOf(MsrpSessionClosedException.class);
        assertThat(activeListener.closed.get(10, TimeUnit.SECONDS)).isNull();
        assertThat(passiveListener.closed.get(10, TimeUnit.SECONDS)).isInstanceOf(MsrpConnectionException.class);
        assertThat(passiveListener.nextAborted()).isNotNull();
    }

    @Test
    void a481EndsTheSessionAndFailsWhatIsQueued() throws Exception {
        try (java.net.ServerSocket listening = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            MsrpSession active = towards(listening, MsrpSessionOptions.defaults());
            CompletableFuture<MsrpSendResult> first = active.send(OutgoingMessage.text("one"));
            attachTo(active, listening);
            try (RawPeer peer = new RawPeer(listening.accept())) {
                String tid = RawPeer.transactionId(peer.readFrame());
                peer.write("MSRP " + tid + " 481 No Such Session\r\nTo-Path: " + active.localUri()
                        + "\r\nFrom-Path: " + active.remotePath().get(0) + "\r\n-------" + tid + "$\r\n");
                assertThat(((MsrpStatusException) failure(first)).status()).isEqualTo(MsrpStatus.NO_SUCH_SESSION);
                assertThat(activeListener.closed.get(10, TimeUnit.SECONDS)).isInstanceOf(MsrpStatusException.class);
                assertThat(failure(active.send(OutgoingMessage.text("two"))))
                        .isInstanceOf(MsrpSessionClosedException.class);
                assertThat(active.isConnected()).isFalse();
            }
        }
    }

    @Test
    void aMessageFailedPartWayEndsWithAnAbortChunk() throws Exception {
        try (java.net.ServerSocket listening = new java.net.ServerSocket(0, 1,
                java.net.InetAddress.getLoopbackAddress())) {
            MsrpSession active = towards(listening, MsrpSessionOptions.builder().chunkSize(2048).build());
            attachTo(active, listening);
            CompletableFuture<MsrpSendResult> sent = active.send(OutgoingMessage.builder(
                    MsrpContentType.parse("application/octet-stream"), new PatternSource(1L << 40)).build());
            try (RawPeer peer = new RawPeer(listening.accept())) {
                String tid = RawPeer.transactionId(peer.readFrame());
                peer.write("MSRP " + tid + " 403 Forbidden\r\nTo-Path: " + active.localUri()
                        + "\r\nFrom-Path: " + active.remotePath().get(0) + "\r\n-------" + tid + "$\r\n");
                assertThat(((MsrpStatusException) failure(sent)).status()).isEqualTo(MsrpStatus.FORBIDDEN);
                String frame;
                do {
                    frame = peer.readFrame();
                } while (!frame.endsWith("#\r\n"));
                assertThat(frame).contains("\r\nByte-Range: ");
                String range = frame.substring(frame.indexOf("Byte-Range: ") + 12, frame.indexOf("\r\n",
                        frame.indexOf("Byte-Range: ")));
                long start = Long.parseLong(range.substring(0, range.indexOf('-')));
                long end = Long.parseLong(range.substring(range.indexOf('-') + 1, range.indexOf('/')));
                assertThat(end).isEqualTo(start - 1);
                assertThat(range).endsWith("/1099511627776");
            }
        }
    }

    @Test
    void aFutureCompletedByTheCallerStopsTheMessage() throws Exception {
        Endless endless = startEndless(0);
        CountingSink sink = endless.sink();
        CompletableFuture<MsrpSendResult> limited = endless.transfer().orTimeout(300, TimeUnit.MILLISECONDS);
        assertThat(failure(limited)).isInstanceOf(java.util.concurrent.TimeoutException.class);
        assertThat(passiveListener.nextAborted()).isNotNull();
        assertThat(sink.aborted).isTrue();
    }

    @Test
    void anEmptySendNeedsARemotePathAndAMessageWaitsForOne() throws Exception {
        MsrpSession pathless = activeStack.newSession(MsrpSessionOptions.defaults(), activeListener);
        assertThat(failure(pathless.sendEmpty())).isInstanceOf(MsrpException.class)
                .hasMessageEndingWith("has no remote path");
        // An offerer may send before the answer brings the peer's path; the message waits for the connection.
        CompletableFuture<MsrpSendResult> early = pathless.send(OutgoingMessage.text("x"));
        assertThat(early).isNotDone();
        await(pathless.attach(activeStack.connect(server.localAddress()).get(10, TimeUnit.SECONDS)));
        assertThat(failure(early)).hasMessageEndingWith("has no remote path to send to");
    }

    static String sha256(byte[] bytes) throws Exception {
        return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    /** A body of a given length, generated as it is read. */
    static final class PatternSource implements MessageSource {
        private static final byte[] PATTERN = new byte[251];

        static {
            for (int i = 0; i < PATTERN.length; i++) {
                PATTERN[i] = (byte) i;
            }
        }

        private final long length;
        private long position;

        PatternSource(long length) {
            this.length = length;
        }

        @Override
        public long length() {
            return length;
        }

        @Override
        public int read(io.netty.buffer.ByteBuf target, int maxBytes) {
            if (position == length) {
                return -1;
            }
            int n = (int) Math.min(maxBytes, length - position);
            for (int written = 0; written < n; ) {
                int phase = (int) ((position + written) % 251);
                int run = Math.min(n - written, PATTERN.length - phase);
                target.writeBytes(PATTERN, phase, run);
                written += run;
            }
            position += n;
            return n;
        }

        @Override
        public void close() {
        }
    }

    /** Counts bytes and checks they match {@link PatternSource}'s pattern and come in order. */
    static final class CountingSink implements MessageSink {
        volatile long bytes;
        volatile boolean ordered = true;
        volatile boolean aborted;

        @Override
        public void write(long offset, io.netty.buffer.ByteBuf data) {
            if (offset != bytes) {
                ordered = false;
            }
            for (int i = 0; i < data.readableBytes(); i += 4093) {
                if (data.getByte(data.readerIndex() + i) != (byte) ((offset + i) % 251)) {
                    ordered = false;
                }
            }
            bytes += data.readableBytes();
        }

        @Override
        public void complete(long size) {
        }

        @Override
        public void abort(Throwable cause) {
            aborted = true;
        }
    }
}
