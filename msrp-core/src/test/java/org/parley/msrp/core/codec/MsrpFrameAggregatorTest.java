package org.parley.msrp.core.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class MsrpFrameAggregatorTest {

    private static final String PATHS = "To-Path: msrp://b.example.com:8888/s2;tcp\r\n"
            + "From-Path: msrp://relay.example.com:2855/r1;tcp msrp://a.example.com:7777/s1;tcp\r\n";

    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.UTF_8);
    }

    private static String send(String tid, String extraHeaders, String body) {
        return "MSRP " + tid + " SEND\r\n" + PATHS + extraHeaders + "Content-Type: text/plain\r\n\r\n" + body
                + "\r\n-------" + tid + "$\r\n";
    }

    @Test
    void joinsStreamedPiecesIntoOneFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(
                new MsrpFrameDecoder(MsrpDecoderConfig.DEFAULT.withMaxChunkSize(3)), new MsrpFrameAggregator(100));
        channel.writeInbound(ascii(send("abcd", "", "0123456789")));
        FullMsrpFrame frame = channel.readInbound();
        assertThat(frame.decoderResult().isSuccess()).isTrue();
        assertThat(frame.content().toString(StandardCharsets.US_ASCII)).isEqualTo("0123456789");
        assertThat(frame.flag()).isEqualTo(ContinuationFlag.COMPLETE);
        assertThat(frame.head().transactionId()).isEqualTo("abcd");
        frame.release();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void answersAnOversizedRequestWith413AndPassesOnAFailedFrame() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameCodec(
                MsrpDecoderConfig.DEFAULT.withMaxChunkSize(4)), new MsrpFrameAggregator(8));
        channel.writeInbound(ascii(send("abcd", "", "0123456789") + send("efgh", "", "small")));

        FullMsrpFrame refused = channel.readInbound();
        assertThat(refused.decoderResult().cause()).isExactlyInstanceOf(TooLongMsrpFrameException.class)
                .hasMessage("body of MSRP transaction abcd is longer than 8 bytes");
        assertThat(refused.flag()).isEqualTo(ContinuationFlag.ABORTED);
        assertThat(refused.content().isReadable()).isFalse();
        refused.release();
        FullMsrpFrame next = channel.readInbound();
        assertThat(next.content().toString(StandardCharsets.US_ASCII)).isEqualTo("small");
        next.release();

        // RFC 4975 §7.2: a response to SEND goes to the first From-Path URI only.
        assertThat(new String(MsrpWireExamplesTest.readAll(channel), StandardCharsets.US_ASCII)).isEqualTo(
                "MSRP abcd 413 Stop Sending Message\r\n"
                        + "To-Path: msrp://relay.example.com:2855/r1;tcp\r\n"
                        + "From-Path: msrp://b.example.com:8888/s2;tcp\r\n"
                        + "-------abcd$\r\n");
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void sendsNo413WhenTheRequestAsksForNoFailureReports() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameCodec(), new MsrpFrameAggregator(4));
        channel.writeInbound(ascii(send("abcd", "Failure-Report: no\r\n", "0123456789")));
        FullMsrpFrame refused = channel.readInbound();
        assertThat(refused.decoderResult().cause()).isInstanceOf(TooLongMsrpFrameException.class);
        refused.release();
        assertThat((Object) channel.readOutbound()).isNull();
        assertThat(channel.finish()).isFalse();
    }

    @Test
    void passesFailedPiecesOnAsFailedFrames() {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameDecoder(), new MsrpFrameAggregator());
        String wire = send("abcd", "", "0123456789");
        channel.writeInbound(ascii(wire.substring(0, wire.indexOf("5678"))));
        assertThat((Object) channel.readInbound()).isNull();
        channel.finish();
        FullMsrpFrame failed = channel.readInbound();
        assertThat(failed.head().transactionId()).isEqualTo("abcd");
        assertThat(failed.decoderResult().cause())
                .isInstanceOf(io.netty.handler.codec.PrematureChannelClosureException.class);
        assertThat(failed.content().isReadable()).isFalse();
        failed.release();

        EmbeddedChannel badHead = new EmbeddedChannel(new MsrpFrameDecoder(), new MsrpFrameAggregator());
        badHead.writeInbound(ascii("MSRP abcd send\r\n"));
        FullMsrpFrame failedHead = badHead.readInbound();
        assertThat(failedHead.decoderResult().cause()).isInstanceOf(MalformedMsrpFrameException.class);
        failedHead.release();
        assertThat(badHead.finish()).isFalse();
    }
}
