package org.parley.msrp.core.codec;

import io.netty.buffer.ByteBuf;
import io.netty.channel.embedded.EmbeddedChannel;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the decoder made of one frame, in a form tests can compare: the head's text, the body bytes joined, the flag,
 * and the sizes of the pieces that carried the body.
 */
record DecodedFrame(String startLine, List<Map.Entry<String, String>> headers, byte[] body, ContinuationFlag flag,
                    List<Integer> pieceSizes) {

    /** Compares everything but how the body was cut into pieces. */
    boolean sameFrame(DecodedFrame other) {
        return startLine.equals(other.startLine) && headers.equals(other.headers)
                && java.util.Arrays.equals(body, other.body) && flag == other.flag;
    }

    String bodyText() {
        return new String(body, java.nio.charset.StandardCharsets.UTF_8);
    }

    static String startLine(MsrpFrameHead head) {
        if (head instanceof MsrpRequestHead) {
            return head.transactionId() + " " + ((MsrpRequestHead) head).method();
        }
        MsrpStatus status = ((MsrpResponseHead) head).status();
        return head.transactionId() + " " + status.code() + (status.comment() == null ? "" : " " + status.comment());
    }

    /**
     * Reads every object the channel has decoded, checks that they form well-ordered, successful frames with
     * pieces no larger than {@code maxChunkSize} and no empty non-last piece, releases them, and returns the frames.
     */
    static List<DecodedFrame> drain(EmbeddedChannel channel, int maxChunkSize) {
        List<DecodedFrame> frames = new ArrayList<>();
        MsrpFrameHead head = null;
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        List<Integer> sizes = new ArrayList<>();
        for (Object msg; (msg = channel.readInbound()) != null; ) {
            try {
                assertThat(((MsrpFrameObject) msg).decoderResult().isSuccess())
                        .as("decoder result of %s", msg).isTrue();
                if (msg instanceof MsrpFrameHead) {
                    assertThat(head).as("head before the last piece of the previous frame").isNull();
                    head = (MsrpFrameHead) msg;
                } else {
                    assertThat(head).as("body piece without head").isNotNull();
                    ByteBuf content = ((MsrpContent) msg).content();
                    assertThat(content.readableBytes()).isLessThanOrEqualTo(maxChunkSize);
                    if (msg instanceof LastMsrpContent) {
                        content.getBytes(content.readerIndex(), body, content.readableBytes());
                        sizes.add(content.readableBytes());
                        List<Map.Entry<String, String>> headers = new ArrayList<>();
                        head.headers().forEach(headers::add);
                        frames.add(new DecodedFrame(startLine(head), headers, body.toByteArray(),
                                ((LastMsrpContent) msg).flag(), List.copyOf(sizes)));
                        head = null;
                        body.reset();
                        sizes.clear();
                    } else {
                        assertThat(content.isReadable()).as("an empty non-last piece").isTrue();
                        content.getBytes(content.readerIndex(), body, content.readableBytes());
                        sizes.add(content.readableBytes());
                    }
                }
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            } finally {
                io.netty.util.ReferenceCountUtil.release(msg);
            }
        }
        assertThat(head).as("a head without its last piece").isNull();
        return frames;
    }
}
