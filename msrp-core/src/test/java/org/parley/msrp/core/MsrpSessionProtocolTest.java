package org.parley.msrp.core;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.parley.msrp.core.codec.MsrpUri;
import org.parley.msrp.core.testing.RawPeer;
import org.parley.msrp.core.testing.RecordingListener;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Parley session against a peer driven byte by byte over a plain socket: the status codes of RFC 4975 §10 where
 * §7 puts them, reassembly of chunks in any order, and the exact responses and REPORTs on the wire.
 */
class MsrpSessionProtocolTest {

    private MsrpStack stack;
    private MsrpServer server;
    private MsrpSession session;
    private final RecordingListener listener = new RecordingListener();

    @BeforeEach
    void start() throws Exception {
        stack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).build());
        server = stack.listen(new InetSocketAddress("127.0.0.1", 0)).get(10, TimeUnit.SECONDS);
        session = stack.newSession(MsrpSessionOptions.defaults(), listener);
        session.remotePath(List.of(MsrpUri.parse(RawPeer.URI)));
    }

    @AfterEach
    void stop() throws Exception {
        stack.closeAsync().get(10, TimeUnit.SECONDS);
    }

    private String ok(String tid) {
        return "MSRP " + tid + " 200 OK\r\nTo-Path: " + RawPeer.URI + "\r\nFrom-Path: " + session.localUri()
                + "\r\n-------" + tid + "$\r\n";
    }

    @Test
    void answersASendWith200AndDeliversIt() throws Exception {
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(RawPeer.send("t1abcd", session, "m1", "1-5/5", "", "hello", '$'));
            assertThat(peer.readFrame()).isEqualTo(ok("t1abcd"));
            IncomingMessage message = listener.nextReceived();
            assertThat(RecordingListener.text(message)).isEqualTo("hello");
            assertThat(message.messageId()).isEqualTo("m1");
        }
    }

    @Test
    void answersAnUnknownSessionWith481() throws Exception {
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            String unknown = "msrp://127.0.0.1:" + server.localAddress().getPort() + "/nosuchsession;tcp";
            peer.write("MSRP t481 SEND\r\nTo-Path: " + unknown + "\r\nFrom-Path: " + RawPeer.URI
                    + "\r\nMessage-ID: m1\r\nContent-Type: text/plain\r\n\r\nx\r\n-------t481$\r\n");
            assertThat(peer.readFrame()).isEqualTo("MSRP t481 481 No Such Session\r\nTo-Path: " + RawPeer.URI
                    + "\r\nFrom-Path: " + unknown + "\r\n-------t481$\r\n");
        }
    }

    @Test
    void answersASecondConnectionForABoundSessionWith506() throws Exception {
        try (RawPeer first = new RawPeer(server.localAddress());
             RawPeer second = new RawPeer(server.localAddress())) {
            first.write(RawPeer.send("t1abcd", session, "m1", "1-1/1", "", "a", '$'));
            assertThat(first.readFrame()).isEqualTo(ok("t1abcd"));
            second.write(RawPeer.send("t2abcd", session, "m2", "1-1/1", "", "b", '$'));
            assertThat(second.readFrame()).startsWith("MSRP t2abcd 506 ");
            assertThat(listener.nextReceived().messageId()).isEqualTo("m1");
            assertThat(listener.received).isEmpty();
        }
    }

    @Test
    void answersAnUnknownMethodWith501() throws Exception {
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write("MSRP t501 NICKNAME\r\nTo-Path: " + session.localUri() + "\r\nFrom-Path: " + RawPeer.URI
                    + "\r\n-------t501$\r\n");
            assertThat(peer.readFrame()).startsWith("MSRP t501 501 Not Implemented\r\nTo-Path: " + RawPeer.URI);
        }
    }

    @Test
    void answersAMalformedHeaderWith400AndKeepsTheConnection() throws Exception {
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(RawPeer.send("t400", session, "m1", "1-x/5", "", "hello", '$'));
            assertThat(peer.readFrame()).startsWith("MSRP t400 400 Byte-Range\r\n");
            peer.write(RawPeer.send("t200", session, "m2", null, "", "fine", '$'));
            assertThat(peer.readFrame()).isEqualTo(ok("t200"));
            assertThat(RecordingListener.text(listener.nextReceived())).isEqualTo("fine");
        }
    }

    @Test
    void answersAnUndecodableFrameWith400AndClosesTheConnection() throws Exception {
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write("MSRP tbad SEND\r\nTo-Path: " + session.localUri() + "\r\nFrom-Path: " + RawPeer.URI
                    + "\r\nnot a header\r\n");
            assertThat(peer.readFrame()).isEqualTo("MSRP tbad 400 Bad Request\r\nTo-Path: " + RawPeer.URI
                    + "\r\nFrom-Path: " + session.localUri() + "\r\n-------tbad$\r\n");
            assertThat(peer.closedByPeer()).isTrue();
        }
    }

    @Test
    void reassemblesChunksArrivingOutOfOrderWithOverlaps() throws Exception {
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(RawPeer.send("c3", session, "m1", "9-12/12", "", "ijkl", '$'));
            assertThat(peer.readFrame()).isEqualTo(ok("c3"));
            peer.write(RawPeer.send("c1", session, "m1", "1-4/12", "", "abcd", '+'));
            assertThat(peer.readFrame()).isEqualTo(ok("c1"));
            assertThat(listener.received).isEmpty();
            peer.write(RawPeer.send("c2", session, "m1", "3-8/12", "", "cdefgh", '+'));
            assertThat(peer.readFrame()).isEqualTo(ok("c2"));
            IncomingMessage message = listener.nextReceived();
            assertThat(RecordingListener.text(message)).isEqualTo("abcdefghijkl");
            assertThat(message.size()).isEqualTo(12);
        }
    }

    @Test
    void learnsAnUnknownTotalFromTheLastChunk() throws Exception {
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(RawPeer.send("s1", session, "m1", "1-4/*", "", "abcd", '+'));
            assertThat(peer.readFrame()).isEqualTo(ok("s1"));
            peer.write(RawPeer.send("s2", session, "m1", "5-*/*", "", "EFG", '$'));
            assertThat(peer.readFrame()).isEqualTo(ok("s2"));
            IncomingMessage message = listener.nextReceived();
            assertThat(message.totalSize()).isEqualTo(-1);
            assertThat(RecordingListener.text(message)).isEqualTo("abcdEFG");
        }
    }

    @Test
    void sendsNoResponseForFailureReportNoAndASuccessReportWhenAsked() throws Exception {
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(RawPeer.send("n1", session, "m1", "1-2/2", "Failure-Report: no\r\n", "hi", '$'));
            peer.write(RawPeer.send("y1", session, "m2", "1-5/5", "Success-Report: yes\r\n", "hello", '$'));
            assertThat(peer.readFrame()).isEqualTo(ok("y1"));
            String report = peer.readFrame();
            assertThat(report).matches("(?s)MSRP \\w+ REPORT\r\n.*")
                    .contains("\r\nTo-Path: " + RawPeer.URI + "\r\n", "\r\nFrom-Path: " + session.localUri() + "\r\n",
                            "\r\nMessage-ID: m2\r\n", "\r\nByte-Range: 1-5/5\r\n", "\r\nStatus: 000 200 OK\r\n");
            assertThat(listener.nextReceived().messageId()).isEqualTo("m1");
            assertThat(listener.nextReceived().messageId()).isEqualTo("m2");
        }
    }

    @Test
    void partialFailureReportsGetOnlyErrors() throws Exception {
        listener.sinks = m -> m.messageId().equals("bad")
                ? MessageSink.refuse(org.parley.msrp.core.codec.MsrpStatus.FORBIDDEN) : MessageSink.inMemory(10);
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(RawPeer.send("p1", session, "good", "1-2/2", "Failure-Report: partial\r\n", "ok", '$'));
            peer.write(RawPeer.send("p2", session, "bad", "1-2/2", "Failure-Report: partial\r\n", "no", '$'));
            assertThat(peer.readFrame()).startsWith("MSRP p2 403 ");
            assertThat(listener.nextReceived().messageId()).isEqualTo("good");
        }
    }

    @Test
    void aMessageGrowingPastMaxSizeIsStoppedWith413ForItsRemainingChunks() throws Exception {
        MsrpSession small = stack.newSession(MsrpSessionOptions.builder().maxMessageSize(6).build(), listener);
        small.remotePath(List.of(MsrpUri.parse(RawPeer.URI)));
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(RawPeer.send("g1", small, "m1", "1-4/*", "", "abcd", '+'));
            assertThat(peer.readFrame()).startsWith("MSRP g1 200 OK\r\n");
            peer.write(RawPeer.send("g2", small, "m1", "5-8/*", "", "efgh", '+'));
            assertThat(peer.readFrame()).startsWith("MSRP g2 413 ");
            peer.write(RawPeer.send("g3", small, "m1", "9-10/*", "", "ij", '$'));
            assertThat(peer.readFrame()).startsWith("MSRP g3 413 ");
            assertThat(listener.nextAborted().messageId()).isEqualTo("m1");
            assertThat(listener.abortReasons.get(0)).hasMessage("message m1 is larger than 6 bytes");
            assertThat(listener.events).containsExactly("start m1", "aborted m1");
        }
    }

    @Test
    void ignoresUnknownHeaders() throws Exception {
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(RawPeer.send("u1", session, "m1", "1-2/2", "X-Unknown: whatever\r\nCPIM-Thing: 1\r\n", "hi",
                    '$'));
            assertThat(peer.readFrame()).isEqualTo(ok("u1"));
            assertThat(RecordingListener.text(listener.nextReceived())).isEqualTo("hi");
        }
    }

    private MsrpSession cpimOnly() {
        MsrpSession wrapped = stack.newSession(MsrpSessionOptions.builder().acceptTypes(List.of("message/cpim"))
                .acceptWrappedTypes(List.of("text/plain")).build(), listener);
        wrapped.remotePath(List.of(MsrpUri.parse(RawPeer.URI)));
        return wrapped;
    }

    private static String cpimSend(String tid, MsrpSession to, String messageId, String range, String body,
                                   char flag) {
        return RawPeer.send(tid, to, messageId, range, "", body, flag).replaceFirst("Content-Type: text/plain",
                "Content-Type: message/cpim");
    }

    private static final String CPIM_HEAD = "From: Alice <sip:alice@example.com>\r\nTo: Bob <sip:bob@example.com>\r\n"
            + "DateTime: 2006-05-15T15:02:31-03:00\r\n\r\n";

    @Test
    void acceptsAWrappedTypeOnlyInsideCpim() throws Exception {
        MsrpSession wrapped = cpimOnly();
        String body = CPIM_HEAD + "Content-Type: text/plain\r\n\r\nHello";
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(cpimSend("w1", wrapped, "m1", "1-" + body.length() + "/" + body.length(), body, '$'));
            assertThat(peer.readFrame()).startsWith("MSRP w1 200 OK\r\n");
            IncomingMessage message = listener.nextReceived();
            assertThat(org.parley.msrp.core.cpim.CpimMessage.parse(((InMemoryMessageSink) message.sink()).bytes())
                    .contentAsText()).isEqualTo("Hello");

            peer.write(RawPeer.send("w2", wrapped, "m2", "1-5/5", "", "plain", '$'));
            assertThat(peer.readFrame()).startsWith("MSRP w2 415 ");
            String png = CPIM_HEAD + "Content-Type: image/png\r\n\r\n\u0089PNG";
            peer.write(cpimSend("w3", wrapped, "m3", null, png, '$'));
            assertThat(peer.readFrame()).startsWith("MSRP w3 415 ");
            assertThat(listener.nextAborted().messageId()).isEqualTo("m3");
            peer.write(cpimSend("w4", wrapped, "m4", null, "not CPIM at all", '$'));
            assertThat(peer.readFrame()).startsWith("MSRP w4 400 CPIM headers");
        }
    }

    @Test
    void readsCpimHeadersSplitAcrossChunksAsInRfc4975Section11Point4() throws Exception {
        MsrpSession wrapped = cpimOnly();
        // RFC 4975 §11.4, with Byte-Range values that match the bodies (the RFC's second chunk claims 11 bytes
        // for 10) and the headers cut after 20 bytes, so the wrapped type is only known in the second chunk.
        String body = "To: Bob <sip:bob@example.com>\r\nFrom: Alice <sip:alice@example.com>\r\n"
                + "DateTime: 2006-05-15T15:02:31-03:00\r\nContent-Type: text/plain\r\n\r\nABCD\r\n1234567890";
        int total = body.length();
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(cpimSend("x1", wrapped, "m1", "1-20/" + total, body.substring(0, 20), '+'));
            assertThat(peer.readFrame()).startsWith("MSRP x1 200 OK\r\n");
            peer.write(cpimSend("x2", wrapped, "m1", "21-" + total + "/" + total, body.substring(20), '$'));
            assertThat(peer.readFrame()).startsWith("MSRP x2 200 OK\r\n");
            byte[] received = ((InMemoryMessageSink) listener.nextReceived().sink()).bytes();
            org.parley.msrp.core.cpim.CpimMessage cpim = org.parley.msrp.core.cpim.CpimMessage.parseLenient(received);
            assertThat(cpim.from().uri()).isEqualTo("sip:alice@example.com");
            assertThat(cpim.contentAsText()).isEqualTo("ABCD\r\n1234567890");
        }
    }

    @Test
    void aBrokenEndLineAbortsTheMessageAndClosesTheConnection() throws Exception {
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            String chunk = RawPeer.send("br1", session, "m1", "1-5/5", "", "hello", '$');
            // LF alone after the flag, and the next frame right behind it.
            peer.write(chunk.substring(0, chunk.length() - 2) + "\n" + RawPeer.send("br2", session, "m2", null, "",
                    "next", '$'));
            assertThat(peer.closedByPeer()).isTrue();
        }
        assertThat(listener.nextAborted().messageId()).isEqualTo("m1");
        assertThat(listener.closed.get(10, TimeUnit.SECONDS)).isInstanceOf(MsrpConnectionException.class);
    }

    @Test
    void answersBodyBytesWithoutContentTypeWith400() throws Exception {
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write("MSRP nb1 SEND\r\nTo-Path: " + session.localUri() + "\r\nFrom-Path: " + RawPeer.URI
                    + "\r\nMessage-ID: m1\r\n\r\nbody\r\n-------nb1$\r\n");
            assertThat(peer.readFrame()).startsWith("MSRP nb1 400 Content-Type\r\n");
            assertThat(listener.events).isEmpty();
        }
    }

    @Test
    void aDuplicateChunkOfADeliveredMessageIsAcknowledgedButNotDeliveredAgain() throws Exception {
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(RawPeer.send("d1", session, "m1", "1-5/5", "", "hello", '$'));
            assertThat(peer.readFrame()).isEqualTo(ok("d1"));
            peer.write(RawPeer.send("d2", session, "m1", "1-5/5", "", "hello", '$'));
            assertThat(peer.readFrame()).isEqualTo(ok("d2"));
            peer.write(RawPeer.send("d3", session, "m2", "1-2/2", "", "ok", '$'));
            assertThat(peer.readFrame()).isEqualTo(ok("d3"));
            assertThat(listener.nextReceived().messageId()).isEqualTo("m1");
            assertThat(listener.nextReceived().messageId()).isEqualTo("m2");
            assertThat(listener.events).containsExactly("start m1", "received m1", "start m2", "received m2");
        }
    }

    @Test
    void aSinkThatConsumesItsBytesDoesNotDisturbReassembly() throws Exception {
        java.io.ByteArrayOutputStream stored = new java.io.ByteArrayOutputStream();
        listener.sinks = m -> new MessageSink() {
            @Override
            public void write(long offset, io.netty.buffer.ByteBuf data) throws java.io.IOException {
                data.readBytes(stored, data.readableBytes());
            }

            @Override
            public void complete(long size) {
            }

            @Override
            public void abort(Throwable cause) {
            }
        };
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(RawPeer.send("r1", session, "m1", "1-4/*", "", "abcd", '+'));
            assertThat(peer.readFrame()).isEqualTo(ok("r1"));
            peer.write(RawPeer.send("r2", session, "m1", "5-*/*", "", "ef", '$'));
            assertThat(peer.readFrame()).isEqualTo(ok("r2"));
            assertThat(listener.nextReceived().size()).isEqualTo(6);
            assertThat(stored.toString(java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("abcdef");
        }
    }

    @Test
    void aChunkFlaggedAbortedAbortsTheMessage() throws Exception {
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            peer.write(RawPeer.send("a1", session, "m1", "1-4/10", "", "abcd", '+'));
            assertThat(peer.readFrame()).isEqualTo(ok("a1"));
            peer.write(RawPeer.send("a2", session, "m1", "5-6/10", "", "ef", '#'));
            assertThat(peer.readFrame()).isEqualTo(ok("a2"));
            assertThat(listener.nextAborted().messageId()).isEqualTo("m1");
            assertThat(listener.received).isEmpty();
        }
    }

    @Test
    void aPeerKillingTheSocketInTheMiddleOfAChunkAbortsTheMessageAndEndsTheSession() throws Exception {
        try (RawPeer peer = new RawPeer(server.localAddress())) {
            String chunk = RawPeer.send("k1", session, "m1", "1-100/100", "", "x".repeat(100), '$');
            peer.write(chunk.substring(0, chunk.length() - 60));
            Thread.sleep(100);
        }
        assertThat(listener.nextAborted().messageId()).isEqualTo("m1");
        assertThat(listener.abortReasons.get(0)).isInstanceOf(MsrpConnectionException.class);
        assertThat(listener.closed.get(10, TimeUnit.SECONDS)).isInstanceOf(MsrpConnectionException.class);
        assertThat(session.isConnected()).isFalse();
    }
}
