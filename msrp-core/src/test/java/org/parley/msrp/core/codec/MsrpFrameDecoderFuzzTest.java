package org.parley.msrp.core.codec;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;
import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.util.ReferenceCountUtil;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Fuzzes {@link MsrpFrameDecoder} and {@link MsrpFrameAggregator} with arbitrary bytes in arbitrary reads.
 *
 * <p>A normal test run replays the inputs under {@code src/test/resources/.../MsrpFrameDecoderFuzzTestInputs/}
 * (the RFC wire examples and every input that once found a bug); {@code docs/fuzzing.md} gives the command that
 * fuzzes for a given time. Input layout: byte 0 picks the largest body piece (1 to 64 bytes), byte 1 the read size
 * (1 to 64 bytes), the rest is the stream.
 *
 * <p>What must hold for every input: no exception escapes the pipeline; every emitted piece is well ordered (head,
 * body pieces, one last piece), within the piece size, and once a piece fails nothing more comes; nothing leaks (the
 * leak hook runs after each input); and the decoder holds a bounded number of bytes whatever the input length.
 */
class MsrpFrameDecoderFuzzTest {

    private static final MsrpDecoderConfig SMALL_LIMITS = MsrpDecoderConfig.DEFAULT
            .withMaxStartLineLength(64).withMaxHeaderSize(256).withMaxHeaderCount(8);
    /** The start line and header limits, one read and the end-line: all the decoder may keep between reads. */
    private static final long MAX_HELD_BYTES = 4L * (64 + 256 + 64 + 2 + 7 + 32 + 3);

    @FuzzTest(maxDuration = "30s")
    void decodeArbitraryBytes(byte[] input) {
        if (input.length < 2) {
            return;
        }
        int maxChunkSize = 1 + (input[0] & 63);
        int readSize = 1 + (input[1] & 63);
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameDecoder(
                SMALL_LIMITS.withMaxChunkSize(maxChunkSize)), new MsrpFrameAggregator(48));
        // The streaming decoder gets an allocator of its own, whose count of live bytes is what it holds.
        UnpooledByteBufAllocator allocator = new UnpooledByteBufAllocator(false);
        EmbeddedChannel streamed = new EmbeddedChannel();
        streamed.config().setAllocator(allocator);
        streamed.pipeline().addLast(new MsrpFrameDecoder(SMALL_LIMITS.withMaxChunkSize(maxChunkSize)));
        PieceChecker checker = new PieceChecker(maxChunkSize);

        for (int at = 2; at < input.length; at += readSize) {
            int length = Math.min(readSize, input.length - at);
            channel.writeInbound(Unpooled.wrappedBuffer(input, at, length));
            streamed.writeInbound(Unpooled.wrappedBuffer(input, at, length));
            drainFrames(channel);
            checker.drain(streamed);
            assertThat(allocator.metric().usedHeapMemory()).as("bytes held by the decoder")
                    .isLessThanOrEqualTo(MAX_HELD_BYTES);
        }
        channel.finish();
        streamed.finish();
        drainFrames(channel);
        checker.drain(streamed);
        channel.checkException();
        streamed.checkException();
    }

    private static void drainFrames(EmbeddedChannel channel) {
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            assertThat(msg).isInstanceOf(FullMsrpFrame.class);
            FullMsrpFrame frame = (FullMsrpFrame) msg;
            assertThat(frame.content().readableBytes()).isLessThanOrEqualTo(48);
            ReferenceCountUtil.release(msg);
        }
        // Answers the aggregator wrote (413) are plain frame objects here: there is no encoder in this pipeline.
        channel.releaseOutbound();
    }

    /** Checks the order and sizes of streamed pieces, and that nothing follows a failed piece. */
    private static final class PieceChecker {
        private final int maxChunkSize;
        private boolean inFrame;
        private boolean failed;

        PieceChecker(int maxChunkSize) {
            this.maxChunkSize = maxChunkSize;
        }

        void drain(EmbeddedChannel channel) {
            for (Object msg; (msg = channel.readInbound()) != null; ) {
                try {
                    check((MsrpFrameObject) msg);
                } finally {
                    ReferenceCountUtil.release(msg);
                }
            }
        }

        private void check(MsrpFrameObject piece) {
            assertThat(failed).as("a piece after a failed one: %s", piece).isFalse();
            failed = piece.decoderResult().isFailure();
            if (piece instanceof MsrpFrameHead) {
                assertThat(inFrame).as("a head inside a frame").isFalse();
                MsrpFrameHead head = (MsrpFrameHead) piece;
                if (!failed) {
                    assertThat(head.transactionId()).isNotNull();
                    inFrame = true;
                }
                return;
            }
            assertThat(inFrame).as("a body piece outside a frame").isTrue();
            MsrpContent content = (MsrpContent) piece;
            assertThat(content.content().readableBytes()).isLessThanOrEqualTo(maxChunkSize);
            if (piece instanceof LastMsrpContent) {
                inFrame = false;
            } else {
                assertThat(content.content().isReadable()).as("an empty non-last piece").isTrue();
            }
        }
    }
}
