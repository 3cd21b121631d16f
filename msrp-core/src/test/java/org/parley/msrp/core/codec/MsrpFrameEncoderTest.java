package org.parley.msrp.core.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.EncoderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MsrpFrameEncoderTest {

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static String written(EmbeddedChannel channel) {
        return new String(MsrpWireExamplesTest.readAll(channel), StandardCharsets.UTF_8);
    }

    private static MsrpRequestHead send(String tid, boolean body) {
        MsrpHeaders headers = new MsrpHeaders()
                .add(MsrpHeaderNames.TO_PATH, "msrp://b.example.com:8888/s2;tcp")
                .add(MsrpHeaderNames.FROM_PATH, "msrp://a.example.com:7777/s1;tcp")
                .add(MsrpHeaderNames.MESSAGE_ID, "m1");
        if (body) {
            headers.add(MsrpHeaderNames.BYTE_RANGE, "1-*/*").add(MsrpHeaderNames.CONTENT_TYPE, "text/plain");
        }
        return new MsrpRequestHead(tid, MsrpMethod.SEND, headers);
    }

    private static final String SEND_HEAD = "MSRP abcd SEND\r\n"
            + "To-Path: msrp://b.example.com:8888/s2;tcp\r\n"
            + "From-Path: msrp://a.example.com:7777/s1;tcp\r\n"
            + "Message-ID: m1\r\n";

    @Test
    void writesAStreamedRequestWithABody() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameEncoder());
        channel.writeOutbound(send("abcd", true), new MsrpContent(ascii("Hello, ")),
                new MsrpContent(Unpooled.EMPTY_BUFFER),
                new LastMsrpContent(ascii("world"), ContinuationFlag.CONTINUED));

        assertThat(written(channel)).isEqualTo(SEND_HEAD + "Byte-Range: 1-*/*\r\nContent-Type: text/plain\r\n\r\n"
                + "Hello, world\r\n-------abcd+\r\n");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void writesABodilessRequestWithoutBlankLine() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameEncoder());
        channel.writeOutbound(new FullMsrpFrame(send("abcd", false), ContinuationFlag.COMPLETE));
        assertThat(written(channel)).isEqualTo(SEND_HEAD + "-------abcd$\r\n");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void writesAnEmptyBodyWithItsBlankLineAndCrlf() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameEncoder());
        channel.writeOutbound(new FullMsrpFrame(send("abcd", true), ContinuationFlag.COMPLETE));
        assertThat(written(channel)).isEqualTo(SEND_HEAD + "Byte-Range: 1-*/*\r\nContent-Type: text/plain\r\n\r\n"
                + "\r\n-------abcd$\r\n");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void writesResponsesWithAndWithoutComment() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameEncoder());
        MsrpResponseHead ok = new MsrpResponseHead("abcd", MsrpStatus.OK);
        ok.headers().add(MsrpHeaderNames.TO_PATH, "msrp://a.example.com:7777/s1;tcp");
        channel.writeOutbound(new FullMsrpFrame(ok, ContinuationFlag.COMPLETE));
        channel.writeOutbound(new FullMsrpFrame(new MsrpResponseHead("efgh", MsrpStatus.valueOf(499)),
                ContinuationFlag.COMPLETE));
        assertThat(written(channel)).isEqualTo("MSRP abcd 200 OK\r\nTo-Path: msrp://a.example.com:7777/s1;tcp\r\n"
                + "-------abcd$\r\nMSRP efgh 499\r\n-------efgh$\r\n");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void passesALargeBodyOnWithoutCopying() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameEncoder());
        ByteBuf body = Unpooled.directBuffer(5000).writeBytes(new byte[5000]);
        channel.writeOutbound(new FullMsrpFrame(send("abcd", true), body, ContinuationFlag.COMPLETE));
        ByteBuf head = channel.readOutbound();
        ByteBuf passed = channel.readOutbound();
        ByteBuf trailer = channel.readOutbound();
        assertThat(passed).isSameAs(body);
        assertThat(trailer.toString(StandardCharsets.US_ASCII)).isEqualTo("\r\n-------abcd$\r\n");
        assertThat(head.toString(StandardCharsets.US_ASCII)).endsWith("Content-Type: text/plain\r\n\r\n");
        head.release();
        passed.release();
        trailer.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void refusesAContentPieceBeforeAnyHead() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameEncoder());
        assertThatThrownBy(() -> channel.writeOutbound(new MsrpContent(ascii("x"))))
                .isInstanceOf(EncoderException.class)
                .hasRootCauseInstanceOf(IllegalStateException.class)
                .rootCause().hasMessage("unexpected MsrpContent in state EXPECT_HEAD: a frame head must come first");
        assertThatThrownBy(() -> channel.writeOutbound(new LastMsrpContent(ContinuationFlag.COMPLETE)))
                .rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessage("unexpected LastMsrpContent in state EXPECT_HEAD: a frame head must come first");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void refusesAHeadWhileAFrameIsOpen() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameEncoder());
        channel.writeOutbound(send("abcd", true));
        assertThatThrownBy(() -> channel.writeOutbound(send("efgh", false)))
                .rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessage("unexpected MsrpRequestHead in state EXPECT_BODY: transaction abcd has not ended "
                        + "with a LastMsrpContent");
        assertThatThrownBy(() -> channel.writeOutbound(new FullMsrpFrame(send("efgh", false),
                ContinuationFlag.COMPLETE)))
                .rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("in state EXPECT_BODY");
        channel.writeOutbound(new LastMsrpContent(ContinuationFlag.COMPLETE));
        assertThat(written(channel)).endsWith("\r\n\r\n\r\n-------abcd$\r\n");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void refusesAHeadThatFailedToDecode() {
        EmbeddedChannel decoder = new EmbeddedChannel(new MsrpFrameDecoder());
        decoder.writeInbound(ascii("MSRP abcd send\r\n"));
        MsrpFrameHead failed = decoder.readInbound();
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameEncoder());
        assertThatThrownBy(() -> channel.writeOutbound(failed))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("an MSRP frame head that failed to decode cannot be encoded: invalid method");
        assertThat(decoder.finish()).isFalse();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void refusesBodyBytesForAHeadWithoutContentType() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameEncoder());
        channel.writeOutbound(send("abcd", false));
        assertThatThrownBy(() -> channel.writeOutbound(new MsrpContent(ascii("x"))))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessage("transaction abcd has body bytes but no Content-Type header (RFC 4975 §7.1)");
        channel.writeOutbound(new LastMsrpContent(ContinuationFlag.COMPLETE));
        assertThat(written(channel)).isEqualTo(SEND_HEAD + "-------abcd$\r\n");
        assertThat(channel.finish()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"-------abcd$", "x\r\n-------abcd+ more", "-------abcd#", "text -------abcd$ text"})
    void refusesAFullFrameWhoseBodyHoldsItsEndLineAndStaysUsable(String body) {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameEncoder());
        assertThatThrownBy(() -> channel.writeOutbound(
                new FullMsrpFrame(send("abcd", true), ascii(body), ContinuationFlag.COMPLETE)))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the body of transaction abcd contains its end-line -------abcd with a flag; "
                        + "send it with another transaction id (RFC 4975 §7.1)");
        assertThat((Object) channel.readOutbound()).isNull();

        channel.writeOutbound(new FullMsrpFrame(send("wxyz", true), ascii(body), ContinuationFlag.COMPLETE));
        assertThat(written(channel)).endsWith("\r\n\r\n" + body + "\r\n-------wxyz$\r\n");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void findsAnEndLineSplitAcrossManySmallPieces() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameEncoder());
        channel.writeOutbound(send("abcd", true), new MsrpContent(ascii("harmless ---")));
        channel.writeOutbound(new MsrpContent(ascii("-")), new MsrpContent(ascii("---a")));
        assertThatThrownBy(() -> channel.writeOutbound(new LastMsrpContent(ascii("bcd$"), ContinuationFlag.COMPLETE)))
                .rootCause().isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contains its end-line -------abcd");
        channel.releaseOutbound();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void acceptsBodiesThatOnlyResembleTheEndLine() {
        String body = "-------abc$ -------abcde$ ------abcd$ -------abcd -------abcd= -------ABCD$";
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameEncoder());
        channel.writeOutbound(send("abcd", true));
        for (int i = 0; i < body.length(); i += 3) {
            channel.writeOutbound(new MsrpContent(ascii(body.substring(i, Math.min(body.length(), i + 3)))));
        }
        channel.writeOutbound(new LastMsrpContent(ContinuationFlag.COMPLETE));
        assertThat(written(channel)).endsWith("\r\n\r\n" + body + "\r\n-------abcd$\r\n");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void theCodecRoundTripsFramesInBothDirections() {
        EmbeddedChannel client = new EmbeddedChannel(new MsrpFrameCodec());
        EmbeddedChannel server = new EmbeddedChannel(new MsrpFrameCodec(), new MsrpFrameAggregator());
        MsrpRequestHead request = send("abcd", true);
        client.writeOutbound(new FullMsrpFrame(request, ascii("Hi, I'm Alice!"), ContinuationFlag.COMPLETE));
        for (ByteBuf buf; (buf = client.readOutbound()) != null; ) {
            server.writeInbound(buf);
        }
        FullMsrpFrame received = server.readInbound();
        assertThat(received.content().toString(StandardCharsets.UTF_8)).isEqualTo("Hi, I'm Alice!");
        MsrpRequestHead head = (MsrpRequestHead) received.head();
        received.release();

        server.writeOutbound(new FullMsrpFrame(MsrpResponseHead.forRequest(head, MsrpStatus.OK),
                ContinuationFlag.COMPLETE));
        for (ByteBuf buf; (buf = server.readOutbound()) != null; ) {
            client.writeInbound(buf);
        }
        MsrpResponseHead response = client.readInbound();
        assertThat(response.transactionId()).isEqualTo("abcd");
        assertThat(response.status()).isEqualTo(MsrpStatus.OK);
        assertThat(response.headers().get(MsrpHeaderNames.TO_PATH)).isEqualTo("msrp://a.example.com:7777/s1;tcp");
        assertThat(response.headers().get(MsrpHeaderNames.FROM_PATH)).isEqualTo("msrp://b.example.com:8888/s2;tcp");
        ((LastMsrpContent) client.readInbound()).release();
        assertThat(client.finish()).isFalse();
        assertThat(server.finish()).isFalse();
    }
}
