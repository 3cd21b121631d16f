package org.parley.msrp.core.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.PrematureChannelClosureException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.params.provider.Arguments.arguments;

class MsrpFrameDecoderTest {

    private static final String PATHS = "To-Path: msrp://b.example.com:8888/9di4eae923wzd;tcp\r\n"
            + "From-Path: msrp://a.example.com:7777/iau39soe2843z;tcp\r\n";

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static String send(String tid, String body) {
        return "MSRP " + tid + " SEND\r\n" + PATHS + "Message-ID: m1\r\nContent-Type: text/plain\r\n\r\n"
                + body + "\r\n-------" + tid + "$\r\n";
    }

    static Stream<Arguments> malformedHeads() {
        String tooManyHeaders = "MSRP abcd SEND\r\n" + PATHS + "X-A: 1\r\n".repeat(70) + "-------abcd$\r\n";
        String hugeHeader = "MSRP abcd SEND\r\n" + PATHS + "X-Big: " + "v".repeat(20_000) + "\r\n";
        return Stream.of(
                arguments("not MSRP", "GET / HTTP/1.1\r\nHost: x\r\n\r\n", MalformedMsrpFrameException.class,
                        "start line does not begin with \"MSRP \": \"GET / HTTP/1.1\"", null),
                arguments("lower-case protocol", "msrp abcd SEND\r\n", MalformedMsrpFrameException.class,
                        "start line does not begin with \"MSRP \"", null),
                arguments("LF-only start line", "MSRP abcd SEND\n" + PATHS, MalformedMsrpFrameException.class,
                        "MSRP start line ends with LF without CR", "abcd"),
                arguments("bad transaction id character", "MSRP ab!d SEND\r\n",
                        MalformedMsrpFrameException.class, "invalid transaction id \"ab!d\"", null),
                arguments("transaction id starting with a dot", "MSRP .abcd SEND\r\n",
                        MalformedMsrpFrameException.class, "invalid transaction id \".abcd\"", null),
                arguments("transaction id of 33 characters", "MSRP " + "a".repeat(33) + " SEND\r\n",
                        MalformedMsrpFrameException.class, "(1 to 32 ident characters)", null),
                arguments("lower-case method", "MSRP abcd send\r\n", MalformedMsrpFrameException.class,
                        "invalid method \"send\"", "abcd"),
                arguments("method with a digit", "MSRP abcd SEND2\r\n", MalformedMsrpFrameException.class,
                        "invalid method \"SEND2\"", "abcd"),
                arguments("no method", "MSRP abcd\r\n", MalformedMsrpFrameException.class,
                        "start line has no method or status code", "abcd"),
                arguments("two-digit status", "MSRP abcd 20 OK\r\n", MalformedMsrpFrameException.class,
                        "invalid status code", "abcd"),
                arguments("four-digit status", "MSRP abcd 2000\r\n", MalformedMsrpFrameException.class,
                        "invalid status code", "abcd"),
                arguments("status below 100", "MSRP abcd 099 Low\r\n", MalformedMsrpFrameException.class,
                        "invalid status code", "abcd"),
                arguments("control character in start line", "MSRP abcd 200 O\u0001K\r\n",
                        MalformedMsrpFrameException.class, "start line contains a control character", "abcd"),
                arguments("start line over the limit", "MSRP abcd SEND" + "X".repeat(1100),
                        TooLongMsrpLineException.class, "MSRP start line is longer than 1024 bytes", "abcd"),
                arguments("header without colon", "MSRP abcd SEND\r\n" + PATHS + "Message-ID 42\r\n",
                        MalformedMsrpFrameException.class,
                        "invalid header line in MSRP transaction abcd: \"Message-ID 42\"", "abcd"),
                arguments("header name with a space", "MSRP abcd SEND\r\nTo Path: x\r\n",
                        MalformedMsrpFrameException.class, "invalid header line in MSRP transaction abcd", "abcd"),
                arguments("header name starting with a digit", "MSRP abcd SEND\r\n1X: y\r\n",
                        MalformedMsrpFrameException.class, "invalid header line", "abcd"),
                arguments("LF-only header line", "MSRP abcd SEND\r\nTo-Path: x\n",
                        MalformedMsrpFrameException.class,
                        "header line of MSRP transaction abcd ends with LF without CR", "abcd"),
                arguments("control character in a header value", "MSRP abcd SEND\r\nX-A: a\u0000b\r\n",
                        MalformedMsrpFrameException.class, "header X-A of MSRP transaction abcd contains", "abcd"),
                arguments("too many headers", tooManyHeaders, TooLongMsrpHeaderException.class,
                        "MSRP transaction abcd has more than 64 header fields", "abcd"),
                arguments("header section over the limit", hugeHeader, TooLongMsrpHeaderException.class,
                        "MSRP header section of transaction abcd is longer than 16384 bytes", "abcd"),
                arguments("request without To-Path",
                        "MSRP abcd SEND\r\nFrom-Path: msrp://a:1/s;tcp\r\n-------abcd$\r\n",
                        MalformedMsrpFrameException.class, "MSRP request abcd has no To-Path header", "abcd"),
                arguments("request without From-Path",
                        "MSRP abcd SEND\r\nTo-Path: msrp://a:1/s;tcp\r\n-------abcd$\r\n",
                        MalformedMsrpFrameException.class, "MSRP request abcd has no From-Path header", "abcd"),
                arguments("end-line with another transaction id", "MSRP abcd SEND\r\n" + PATHS + "-------abce$\r\n",
                        MalformedMsrpFrameException.class,
                        "end-line \"-------abce$\" does not match transaction id abcd", "abcd"),
                arguments("end-line with a bad flag", "MSRP abcd SEND\r\n" + PATHS + "-------abcd!\r\n",
                        MalformedMsrpFrameException.class, "end-line \"-------abcd!\" does not match", "abcd"),
                arguments("end-line without flag", "MSRP abcd 200 OK\r\n-------abcd\r\n",
                        MalformedMsrpFrameException.class, "end-line \"-------abcd\" does not match", "abcd"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedHeads")
    void failsTheHeadOfMalformedInput(String label, String input, Class<? extends Throwable> cause, String message,
                                      String transactionId) {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameDecoder());
        channel.writeInbound(ascii(input));

        MsrpFrameHead head = channel.readInbound();
        assertThat(head).isNotNull();
        assertThat(head.decoderResult().isFailure()).isTrue();
        assertThat(head.decoderResult().cause()).isExactlyInstanceOf(cause).hasMessageContaining(message);
        assertThat(head.transactionId()).isEqualTo(transactionId);
        assertThat((Object) channel.readInbound()).isNull();

        // Everything after a failure is discarded until the connection closes.
        channel.writeInbound(ascii(send("wxyz", "after")));
        assertThat((Object) channel.readInbound()).isNull();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aFailedStartLineOfAResponseGivesAFailedResponseHead() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameDecoder());
        channel.writeInbound(ascii("MSRP abcd 20x\r\n"));
        MsrpFrameHead head = channel.readInbound();
        assertThat(head).isInstanceOf(MsrpResponseHead.class);
        assertThat(((MsrpResponseHead) head).status()).isNull();
        assertThat(head.transactionId()).isEqualTo("abcd");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void anEndLineNotFollowedByCrlfFailsTheBody() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameDecoder());
        channel.writeInbound(ascii("MSRP abcd SEND\r\n" + PATHS + "Content-Type: text/plain\r\n\r\n"
                + "hello\r\n-------abcd$tail\r\n"));

        MsrpFrameHead head = channel.readInbound();
        assertThat(head.decoderResult().isSuccess()).isTrue();
        MsrpContent body = channel.readInbound();
        assertThat(body.content().toString(StandardCharsets.US_ASCII)).isEqualTo("hello");
        body.release();
        LastMsrpContent last = channel.readInbound();
        assertThat(last.decoderResult().cause()).isExactlyInstanceOf(MalformedMsrpFrameException.class)
                .hasMessage("end-line of MSRP transaction abcd is not followed by CRLF");
        assertThat(last.flag()).isEqualTo(ContinuationFlag.ABORTED);
        assertThat(last.content().isReadable()).isFalse();
        assertThat(channel.finish()).isFalse();
    }

    static Stream<Arguments> truncatedFrames() {
        String full = send("abcd", "some body text");
        return Stream.of(
                arguments("inside the start line", "MSRP abcd SE", true, "abcd",
                        "connection closed inside an MSRP start line"),
                arguments("before the start line gives a transaction id", "MSRP ab", true, null,
                        "connection closed inside an MSRP start line"),
                arguments("inside the headers", full.substring(0, full.indexOf("Message-ID")), true, "abcd",
                        "connection closed inside the header section of MSRP transaction abcd"),
                arguments("inside the body", full.substring(0, full.indexOf("body")), false, "abcd",
                        "connection closed inside the body of MSRP transaction abcd"),
                arguments("inside the end-line", full.substring(0, full.length() - 4), false, "abcd",
                        "connection closed inside the body of MSRP transaction abcd"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("truncatedFrames")
    void theEndOfTheStreamInsideAFrameFailsIt(String label, String input, boolean inHead, String transactionId,
                                              String message) {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameDecoder());
        channel.writeInbound(ascii(input));
        channel.finish();

        MsrpFrameObject failed = null;
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            MsrpFrameObject piece = (MsrpFrameObject) msg;
            if (piece.decoderResult().isFailure()) {
                assertThat(failed).as("only one failed piece").isNull();
                failed = piece;
            } else {
                assertThat(piece).isNotInstanceOf(LastMsrpContent.class);
                if (piece instanceof MsrpFrameHead) {
                    assertThat(((MsrpFrameHead) piece).transactionId()).isEqualTo(transactionId);
                }
            }
            io.netty.util.ReferenceCountUtil.release(msg);
        }
        assertThat(failed).isNotNull();
        assertThat(failed.decoderResult().cause()).isExactlyInstanceOf(PrematureChannelClosureException.class)
                .hasMessage(message);
        if (inHead) {
            assertThat(failed).isInstanceOf(MsrpFrameHead.class);
            assertThat(((MsrpFrameHead) failed).transactionId()).isEqualTo(transactionId);
        } else {
            assertThat(failed).isInstanceOf(LastMsrpContent.class);
            assertThat(((LastMsrpContent) failed).flag()).isEqualTo(ContinuationFlag.ABORTED);
        }
    }

    @Test
    void aCloseBetweenFramesIsNoFailure() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameDecoder());
        channel.writeInbound(ascii(send("abcd", "x") + "\r\n"));
        assertThat(DecodedFrame.drain(channel, MsrpDecoderConfig.DEFAULT_MAX_CHUNK_SIZE)).hasSize(1);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aBodyMayContainDashesWithOtherTransactionIdsAndPrefixesOfItsOwn() {
        String body = "line one\r\n-------wxyz$\r\n-------abc$\r\n-------abcde$\r\n-------abcd\r\n-------ab"
                + "\r\n-------abcd=\r\n--------abcd$\r\nend";
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameDecoder());
        byte[] wire = send("abcd", body).getBytes(StandardCharsets.US_ASCII);
        for (byte b : wire) {
            channel.writeInbound(Unpooled.wrappedBuffer(new byte[] {b}));
        }
        List<DecodedFrame> frames = DecodedFrame.drain(channel, MsrpDecoderConfig.DEFAULT_MAX_CHUNK_SIZE);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).bodyText()).isEqualTo(body);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void anEmptyBodyIsDistinctFromNoBody() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameDecoder());
        channel.writeInbound(ascii(send("abcd", "")));
        channel.writeInbound(ascii("MSRP efgh SEND\r\n" + PATHS + "-------efgh$\r\n"));
        List<DecodedFrame> frames = DecodedFrame.drain(channel, MsrpDecoderConfig.DEFAULT_MAX_CHUNK_SIZE);
        assertThat(frames).hasSize(2);
        assertThat(frames.get(0).body()).isEmpty();
        assertThat(frames.get(0).headers()).extracting(java.util.Map.Entry::getKey).contains("Content-Type");
        assertThat(frames.get(1).body()).isEmpty();
        assertThat(frames.get(1).headers()).extracting(java.util.Map.Entry::getKey)
                .containsExactly("To-Path", "From-Path");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void keepsHeaderOrderAndLooksNamesUpCaseInsensitively() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameDecoder());
        channel.writeInbound(ascii("MSRP abcd REPORT\r\n" + PATHS + "message-id: m1\r\nX-Ext:  spaced value \r\n"
                + "STATUS: 000 200 OK\r\n-------abcd$\r\n"));
        MsrpRequestHead head = channel.readInbound();
        assertThat(head.method()).isSameAs(MsrpMethod.REPORT);
        assertThat(head.headers().nameAt(2)).isEqualTo("message-id");
        assertThat(head.headers().get("Message-ID")).isEqualTo("m1");
        assertThat(head.headers().get("x-ext")).isEqualTo("spaced value");
        assertThat(head.headers().status()).isEqualTo(MsrpStatus.OK);
        LastMsrpContent last = channel.readInbound();
        assertThat(last.flag()).isEqualTo(ContinuationFlag.COMPLETE);
        last.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void anUnknownMethodDecodesSoThatTheSessionCanAnswer501() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameDecoder());
        channel.writeInbound(ascii("MSRP abcd NICKNAME\r\n" + PATHS + "-------abcd$\r\n"));
        MsrpRequestHead head = channel.readInbound();
        assertThat(head.decoderResult().isSuccess()).isTrue();
        assertThat(head.method().name()).isEqualTo("NICKNAME");
        ((LastMsrpContent) channel.readInbound()).release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void aMalformedOptionalHeaderFailsOnlyItsAccessor() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameDecoder());
        channel.writeInbound(ascii("MSRP abcd SEND\r\n" + PATHS + "Byte-Range: 1-x/5\r\nSuccess-Report: maybe\r\n"
                + "-------abcd$\r\n"));
        MsrpRequestHead head = channel.readInbound();
        assertThat(head.decoderResult().isSuccess()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> head.headers().byteRange())
                .isInstanceOf(InvalidMsrpHeaderException.class)
                .hasMessageContaining("Byte-Range");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> head.headers().successReport())
                .isInstanceOf(InvalidMsrpHeaderException.class)
                .hasMessageContaining("Success-Report");
        assertThat(head.headers().toPath()).hasSize(1);
        ((LastMsrpContent) channel.readInbound()).release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void acceptsShortTransactionIdsFromLenientPeersUpToTheConfiguredMaximum() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameDecoder(
                MsrpDecoderConfig.DEFAULT.withMaxTransactionIdLength(40)));
        String longTid = "t".repeat(40);
        channel.writeInbound(ascii("MSRP x 200 OK\r\n-------x$\r\n"));
        channel.writeInbound(ascii("MSRP " + longTid + " 200\r\n-------" + longTid + "$\r\n"));
        List<DecodedFrame> frames = DecodedFrame.drain(channel, MsrpDecoderConfig.DEFAULT_MAX_CHUNK_SIZE);
        assertThat(frames).extracting(DecodedFrame::startLine).containsExactly("x 200 OK", longTid + " 200");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void streamsALargeBodyInBoundedPiecesHoldingBackOnlyAPossibleEndLine() {
        int maxChunk = 4096;
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameDecoder(
                MsrpDecoderConfig.DEFAULT.withMaxChunkSize(maxChunk)));
        String tid = "f1le7ran5fer";
        channel.writeInbound(ascii("MSRP " + tid + " SEND\r\n" + PATHS + "Byte-Range: 1-*/*\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n"));
        MsrpFrameHead head = channel.readInbound();
        assertThat(head.decoderResult().isSuccess()).isTrue();

        // 2 MiB fed 8 KiB at a time; every 256 bytes a near-miss of the end-line (paranoid leak detection makes
        // each byte comparison costly, so the near-misses are spread out).
        byte[] block = new byte[8192];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) (i % 256 < 21 ? "\r\n-------f1le7ran5fe?".charAt(i % 256) : 'a' + i % 26);
        }
        block[block.length - 1] = '\r';
        long fed = 0;
        long received = 0;
        int endLineLength = 2 + 7 + tid.length() + 1 + 2;
        for (int i = 0; i < 256; i++) {
            channel.writeInbound(Unpooled.wrappedBuffer(block));
            fed += block.length;
            for (MsrpContent piece; (piece = channel.readInbound()) != null; ) {
                assertThat(piece).isNotInstanceOf(LastMsrpContent.class);
                assertThat(piece.content().readableBytes()).isBetween(1, maxChunk);
                received += piece.content().readableBytes();
                piece.release();
            }
            assertThat(fed - received).as("bytes held back after %d bytes", fed).isLessThan(endLineLength);
        }
        channel.writeInbound(ascii("\r\n-------" + tid + "#\r\n"));
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            MsrpContent piece = (MsrpContent) msg;
            received += piece.content().readableBytes();
            if (piece instanceof LastMsrpContent) {
                assertThat(((LastMsrpContent) piece).flag()).isEqualTo(ContinuationFlag.ABORTED);
                assertThat(piece.decoderResult().isSuccess()).isTrue();
            }
            piece.release();
        }
        assertThat(received).isEqualTo(fed);
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void skipsLineBreaksBetweenFrames() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameDecoder());
        channel.writeInbound(ascii("\r\n\r\n" + send("abcd", "one") + "\r\n" + send("efgh", "two")));
        assertThat(DecodedFrame.drain(channel, MsrpDecoderConfig.DEFAULT_MAX_CHUNK_SIZE))
                .extracting(DecodedFrame::bodyText).containsExactly("one", "two");
        assertThat(channel.finish()).isFalse();
    }
}
