package org.parley.msrp.benchmarks;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpDecoderConfig;
import io.netty.handler.codec.http.HttpRequestDecoder;
import io.netty.util.ReferenceCountUtil;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.parley.msrp.core.codec.MsrpDecoderConfig;
import org.parley.msrp.core.codec.MsrpFrameDecoder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;

/**
 * MSRP frame decoding against Netty's HTTP/1.1 request decoder on the same number of bytes.
 *
 * <p>{@code frames}: a stream of 1 KiB SEND bodies, against HTTP POSTs with 1 KiB bodies whose headers are padded so
 * that every HTTP request has exactly as many bytes as the MSRP frame. {@code body}: one 64 MiB SEND against one
 * 64 MiB POST with Content-Length. Both decoders emit body pieces of at most 16 KiB and are fed reads of 64 KiB, as
 * a socket would deliver them. One operation decodes the whole stream; the score is operations per second, so the
 * ratio of two scores with the same {@code shape} is the ratio of their byte throughputs. {@link #crScanBaseline()}
 * measures the floor for any end-line-framed decoder on the same bytes.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"-Xmx2g", "-Dio.netty.leakDetection.level=disabled"})
public class DecoderBenchmark {

    private static final int READ_SIZE = 65536;
    private static final int PIECE_SIZE = 16384;
    private static final int SMALL_BODY = 1024;
    private static final int SMALL_FRAMES = 4096;
    private static final int LARGE_BODY = 64 * 1024 * 1024;

    /** {@code frames}: 4096 frames of 1 KiB; {@code body}: one 64 MiB body. */
    @Param({"frames", "body"})
    public String shape;

    private ByteBuf msrpStream;
    private ByteBuf httpStream;

    @Setup(Level.Trial)
    public void buildStreams() {
        byte[] small = new byte[SMALL_BODY];
        Arrays.fill(small, (byte) 'm');
        if ("frames".equals(shape)) {
            msrpStream = Unpooled.directBuffer();
            httpStream = Unpooled.directBuffer();
            for (int i = 0; i < SMALL_FRAMES; i++) {
                String tid = String.format("t%015d", i);
                byte[] msrp = msrpFrame(tid, small);
                msrpStream.writeBytes(msrp);
                httpStream.writeBytes(httpRequest(small, msrp.length));
            }
        } else {
            byte[] large = new byte[LARGE_BODY];
            Arrays.fill(large, (byte) 'b');
            byte[] msrp = msrpFrame("f1le7ran5fer0001", large);
            msrpStream = Unpooled.directBuffer(msrp.length).writeBytes(msrp);
            byte[] http = httpRequest(large, msrp.length);
            httpStream = Unpooled.directBuffer(http.length).writeBytes(http);
        }
        if (msrpStream.readableBytes() != httpStream.readableBytes()) {
            throw new IllegalStateException("streams differ: " + msrpStream.readableBytes() + " MSRP bytes, "
                    + httpStream.readableBytes() + " HTTP bytes");
        }
    }

    @TearDown(Level.Trial)
    public void releaseStreams() {
        msrpStream.release();
        httpStream.release();
    }

    @Benchmark
    public long msrpFrameDecoder(Blackhole blackhole) {
        return decode(new MsrpFrameDecoder(MsrpDecoderConfig.DEFAULT.withMaxChunkSize(PIECE_SIZE)), msrpStream,
                blackhole);
    }

    @Benchmark
    public long nettyHttpRequestDecoder(Blackhole blackhole) {
        return decode(new HttpRequestDecoder(new HttpDecoderConfig().setMaxChunkSize(PIECE_SIZE)), httpStream,
                blackhole);
    }

    /**
     * The least work any decoder of delimiter-framed bodies does: one search for CR through every read, as
     * {@code ByteBuf.indexOf} does it. MSRP frames bodies by their end-line (RFC 4975 §5.1), so its decoder must look
     * at every body byte, where HTTP with Content-Length skips them.
     */
    @Benchmark
    public long crScanBaseline() {
        long found = 0;
        int end = msrpStream.writerIndex();
        for (int at = 0; at < end; at += READ_SIZE) {
            int readEnd = Math.min(end, at + READ_SIZE);
            for (int i = msrpStream.indexOf(at, readEnd, (byte) '\r'); i >= 0;
                    i = msrpStream.indexOf(i + 1, readEnd, (byte) '\r')) {
                found++;
            }
        }
        return found;
    }

    private static long decode(ChannelHandler decoder, ByteBuf stream, Blackhole blackhole) {
        Sink sink = new Sink(blackhole);
        EmbeddedChannel channel = new EmbeddedChannel(decoder, sink);
        for (int at = 0; at < stream.writerIndex(); at += READ_SIZE) {
            channel.writeInbound(stream.retainedSlice(at, Math.min(READ_SIZE, stream.writerIndex() - at)));
        }
        channel.finishAndReleaseAll();
        return sink.messages;
    }

    static byte[] msrpFrame(String tid, byte[] body) {
        String head = "MSRP " + tid + " SEND\r\n"
                + "To-Path: msrp://bob.example.com:8888/9di4eae923wzd;tcp\r\n"
                + "From-Path: msrp://alicepc.example.com:7777/iau39soe2843z;tcp\r\n"
                + "Message-ID: 12339sdqwer\r\n"
                + "Byte-Range: 1-" + body.length + "/" + body.length + "\r\n"
                + "Content-Type: text/plain\r\n\r\n";
        String tail = "\r\n-------" + tid + "$\r\n";
        return concat(head.getBytes(StandardCharsets.US_ASCII), body, tail.getBytes(StandardCharsets.US_ASCII));
    }

    /** An HTTP POST with the same body, its headers padded so that the request is {@code totalLength} bytes. */
    static byte[] httpRequest(byte[] body, int totalLength) {
        String start = "POST /sessions/9di4eae923wzd HTTP/1.1\r\n"
                + "Host: bob.example.com:8888\r\n"
                + "Content-Type: text/plain\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "X-Pad: ";
        int pad = totalLength - body.length - start.length() - "\r\n\r\n".length();
        if (pad < 0) {
            throw new IllegalStateException("MSRP frame shorter than the HTTP request");
        }
        String head = start + "p".repeat(pad) + "\r\n\r\n";
        return concat(head.getBytes(StandardCharsets.US_ASCII), body);
    }

    private static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }

    /** Consumes what a decoder emits, as an application would, and releases it. */
    private static final class Sink extends ChannelInboundHandlerAdapter {
        private final Blackhole blackhole;
        long messages;

        Sink(Blackhole blackhole) {
            this.blackhole = blackhole;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            messages++;
            blackhole.consume(msg);
            ReferenceCountUtil.release(msg);
        }
    }
}
