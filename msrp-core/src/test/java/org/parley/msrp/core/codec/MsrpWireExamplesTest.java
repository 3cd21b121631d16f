package org.parley.msrp.core.codec;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every RFC 4975 wire example decodes to the same frame whole, split at every position, one byte at a time and in
 * seeded random splits, with small and default piece sizes; encoding the decoded frame gives the same bytes.
 * The seed of the random splits is printed and can be set with {@code -Dparley.test.seed=N}.
 */
class MsrpWireExamplesTest {

    private static final long SEED = Long.getLong("parley.test.seed", System.nanoTime());

    static {
        System.out.println("MsrpWireExamplesTest random split seed: " + SEED + " (-Dparley.test.seed)");
    }

    static Stream<String> examples() {
        return WireExamples.ALL.stream();
    }

    static Stream<Arguments> examplesAndChunkSizes() {
        return examples().flatMap(name -> Stream.of(Arguments.of(name, 5),
                Arguments.of(name, MsrpDecoderConfig.DEFAULT_MAX_CHUNK_SIZE)));
    }

    private static MsrpDecoderConfig configFor(String name, int maxChunkSize) {
        return MsrpDecoderConfig.DEFAULT.withMaxChunkSize(maxChunkSize)
                .withRequirePaths(!WireExamples.isPathlessFragment(name));
    }

    private static List<DecodedFrame> decode(MsrpDecoderConfig config, byte[] wire, int... cuts) {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameDecoder(config));
        int from = 0;
        for (int cut : cuts) {
            channel.writeInbound(Unpooled.wrappedBuffer(wire, from, cut - from));
            from = cut;
        }
        channel.writeInbound(Unpooled.wrappedBuffer(wire, from, wire.length - from));
        List<DecodedFrame> frames = DecodedFrame.drain(channel, config.maxChunkSize());
        assertThat(channel.finish()).isFalse();
        return frames;
    }

    @ParameterizedTest
    @CsvSource({
        "rfc4975-4-fig2-send.msrp,                       a786hjs2 SEND,   5, 23,  COMPLETE",
        "rfc4975-4-fig2-200ok.msrp,                      a786hjs2 200 OK, 2, 0,   COMPLETE",
        "rfc4975-5.1-fig3-chunk1-send.msrp,              dkei38sd SEND,   3, 4,   CONTINUED",
        "rfc4975-5.1-fig3-chunk2-send.msrp,              dkei38ia SEND,   3, 4,   COMPLETE",
        "rfc4975-11.1-step4-send.msrp,                   d93kswow SEND,   5, 14,  COMPLETE",
        "rfc4975-11.1-step5-200ok.msrp,                  d93kswow 200 OK, 2, 0,   COMPLETE",
        "rfc4975-11.1-step6-send.msrp,                   dkei38sd SEND,   5, 20,  COMPLETE",
        "rfc4975-11.1-step7-200ok.msrp,                  dkei38sd 200 OK, 2, 0,   COMPLETE",
        "rfc4975-11.2-fig13-send-xhtml.msrp,             dsdfoe38sd SEND, 5, 384, COMPLETE",
        "rfc4975-11.4-fig14-chunk1-send-cpim.msrp,       d93kswow SEND,   5, 137, CONTINUED",
        "rfc4975-11.4-fig15-chunk2-send-cpim.msrp,       op2nc9a SEND,    5, 10,  COMPLETE",
        "rfc4975-11.5-send-system-message.msrp,          d93kswow SEND,   7, 37,  COMPLETE",
        "rfc4975-11.6-fig16-send-success-report-yes.msrp, d93kswow SEND,  7, 121, COMPLETE",
        "rfc4975-11.6-fig17-report.msrp,                 dkei38sd REPORT, 5, 0,   COMPLETE",
    })
    void decodesTheExampleAsTheRfcPrintsIt(String name, String startLine, int headerCount, int bodyLength,
                                           ContinuationFlag flag) {
        byte[] wire = WireExamples.read(name);
        List<DecodedFrame> frames = decode(configFor(name, MsrpDecoderConfig.DEFAULT_MAX_CHUNK_SIZE), wire);

        assertThat(frames).hasSize(1);
        DecodedFrame frame = frames.get(0);
        assertThat(frame.startLine()).isEqualTo(startLine);
        assertThat(frame.headers()).hasSize(headerCount);
        assertThat(frame.body()).hasSize(bodyLength);
        assertThat(frame.flag()).isEqualTo(flag);
    }

    @ParameterizedTest
    @MethodSource("examplesAndChunkSizes")
    void decodesTheSameFrameAtEverySplitPosition(String name, int maxChunkSize) {
        byte[] wire = WireExamples.read(name);
        MsrpDecoderConfig config = configFor(name, maxChunkSize);
        DecodedFrame whole = decode(config, wire).get(0);
        for (int cut = 1; cut < wire.length; cut++) {
            List<DecodedFrame> split = decode(config, wire, cut);
            assertThat(split).as("split at %d", cut).hasSize(1);
            assertThat(split.get(0).sameFrame(whole)).as("split at %d: %s", cut, split.get(0)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("examplesAndChunkSizes")
    void decodesTheSameFrameOneByteAtATime(String name, int maxChunkSize) {
        byte[] wire = WireExamples.read(name);
        MsrpDecoderConfig config = configFor(name, maxChunkSize);
        int[] cuts = new int[wire.length - 1];
        for (int i = 0; i < cuts.length; i++) {
            cuts[i] = i + 1;
        }
        List<DecodedFrame> frames = decode(config, wire, cuts);
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).sameFrame(decode(config, wire).get(0))).isTrue();
    }

    @ParameterizedTest
    @MethodSource("examplesAndChunkSizes")
    void decodesTheSameFrameInRandomSplits(String name, int maxChunkSize) {
        byte[] wire = WireExamples.read(name);
        MsrpDecoderConfig config = configFor(name, maxChunkSize);
        DecodedFrame whole = decode(config, wire).get(0);
        Random random = new Random(SEED ^ name.hashCode());
        for (int run = 0; run < 50; run++) {
            List<Integer> cuts = new ArrayList<>();
            for (int at = 1 + random.nextInt(12); at < wire.length; at += 1 + random.nextInt(40)) {
                cuts.add(at);
            }
            List<DecodedFrame> frames = decode(config, wire, cuts.stream().mapToInt(Integer::intValue).toArray());
            assertThat(frames).as("seed %d, cuts %s", SEED, cuts).hasSize(1);
            assertThat(frames.get(0).sameFrame(whole)).as("seed %d, cuts %s", SEED, cuts).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("examples")
    void decodesAllExamplesBackToBackInOneStream(String first) {
        // Every example after the given one, concatenated: frames are found one after the other.
        List<String> names = WireExamples.ALL.subList(WireExamples.ALL.indexOf(first), WireExamples.ALL.size());
        ByteBuf stream = Unpooled.buffer();
        for (String name : names) {
            stream.writeBytes(WireExamples.read(name));
        }
        byte[] wire = new byte[stream.readableBytes()];
        stream.readBytes(wire);
        stream.release();
        List<DecodedFrame> frames = decode(MsrpDecoderConfig.DEFAULT.withRequirePaths(false), wire);
        assertThat(frames).hasSize(names.size());
        for (int i = 0; i < names.size(); i++) {
            DecodedFrame alone = decode(configFor(names.get(i), MsrpDecoderConfig.DEFAULT_MAX_CHUNK_SIZE),
                    WireExamples.read(names.get(i))).get(0);
            assertThat(frames.get(i).sameFrame(alone)).as(names.get(i)).isTrue();
        }
    }

    @ParameterizedTest
    @MethodSource("examplesAndChunkSizes")
    void reencodingTheDecodedPiecesGivesTheSameBytes(String name, int maxChunkSize) {
        byte[] wire = WireExamples.read(name);
        EmbeddedChannel decoder = new EmbeddedChannel(new MsrpFrameDecoder(configFor(name, maxChunkSize)));
        decoder.writeInbound(Unpooled.wrappedBuffer(wire));
        EmbeddedChannel encoder = new EmbeddedChannel(new MsrpFrameEncoder());
        for (Object piece; (piece = decoder.readInbound()) != null; ) {
            assertThat(encoder.writeOutbound(piece)).isTrue();
        }
        assertThat(decoder.finish()).isFalse();

        assertThat(readAll(encoder)).isEqualTo(wire);
        assertThat(encoder.finish()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void reencodingTheAggregatedFrameGivesTheSameBytes(String name) {
        byte[] wire = WireExamples.read(name);
        EmbeddedChannel decoder = new EmbeddedChannel(
                new MsrpFrameDecoder(configFor(name, 5)), new MsrpFrameAggregator());
        decoder.writeInbound(Unpooled.wrappedBuffer(wire));
        FullMsrpFrame frame = decoder.readInbound();
        assertThat(frame.decoderResult().isSuccess()).isTrue();
        assertThat((Object) decoder.readInbound()).isNull();

        EmbeddedChannel encoder = new EmbeddedChannel(new MsrpFrameEncoder());
        assertThat(encoder.writeOutbound(frame)).isTrue();
        assertThat(readAll(encoder)).isEqualTo(wire);
        assertThat(decoder.finish()).isFalse();
        assertThat(encoder.finish()).isFalse();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void theStrictDefaultRejectsOnlyThePathlessFragments(String name) {
        EmbeddedChannel channel = new EmbeddedChannel(new MsrpFrameDecoder());
        channel.writeInbound(Unpooled.wrappedBuffer(WireExamples.read(name)));
        MsrpFrameHead head = channel.readInbound();
        if (WireExamples.isPathlessFragment(name)) {
            assertThat(head.decoderResult().cause())
                    .isInstanceOf(MalformedMsrpFrameException.class)
                    .hasMessageEndingWith("has no To-Path header");
            assertThat(head.transactionId()).isNotNull();
            assertThat((Object) channel.readInbound()).isNull();
        } else {
            assertThat(head.decoderResult().isSuccess()).isTrue();
            LastMsrpContent last = channel.readInbound();
            last.release();
        }
        assertThat(channel.finish()).isFalse();
    }

    static byte[] readAll(EmbeddedChannel channel) {
        ByteBuf all = Unpooled.buffer();
        for (ByteBuf buf; (buf = channel.readOutbound()) != null; ) {
            all.writeBytes(buf);
            buf.release();
        }
        byte[] bytes = new byte[all.readableBytes()];
        all.readBytes(bytes);
        all.release();
        return bytes;
    }
}
