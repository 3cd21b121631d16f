package org.parley.msrp.examples.support;

import io.netty.buffer.Unpooled;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.msrp.core.MsrpConnection;
import org.parley.msrp.core.MsrpFrameObserver.Direction;
import org.parley.msrp.core.codec.ContinuationFlag;
import org.parley.msrp.core.codec.FullMsrpFrame;
import org.parley.msrp.core.codec.MsrpHeaders;
import org.parley.msrp.core.codec.MsrpMethod;
import org.parley.msrp.core.codec.MsrpRequestHead;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The helpers the demo, the examples and the CLI share. */
class SupportTest {

    @TempDir
    Path dir;

    @Test
    void aFileWrittenOutOfOrderIsDigestedFromTheFinishedFile() throws Exception {
        byte[] whole = "0123456789abcdefghij".getBytes(StandardCharsets.US_ASCII);
        DigestingFileSink inOrder = new DigestingFileSink(dir.resolve("in-order"));
        inOrder.write(0, Unpooled.wrappedBuffer(whole, 0, 10));
        inOrder.write(10, Unpooled.wrappedBuffer(whole, 10, 10));
        DigestingFileSink outOfOrder = new DigestingFileSink(dir.resolve("out-of-order"));
        outOfOrder.write(10, Unpooled.wrappedBuffer(whole, 10, 10));
        outOfOrder.write(0, Unpooled.wrappedBuffer(whole, 0, 10));

        assertThat(outOfOrder.sha256()).as("not complete yet").isNull();
        inOrder.complete(20);
        outOfOrder.complete(20);

        assertThat(inOrder.sha256()).isEqualTo(Sha256.of(whole));
        assertThat(outOfOrder.sha256()).isEqualTo(Sha256.of(whole));
        assertThat(dir.resolve("out-of-order")).hasBinaryContent(whole);
    }

    @Test
    void aRandomFileIsRepeatableAndItsDigestIsTheFilesDigest() throws Exception {
        String first = RandomFile.write(dir.resolve("a"), 3 * 1024 * 1024 + 5, 1);
        String second = RandomFile.write(dir.resolve("b"), 3 * 1024 * 1024 + 5, 1);

        assertThat(Files.size(dir.resolve("a"))).isEqualTo(3 * 1024 * 1024 + 5);
        assertThat(first).isEqualTo(second).isEqualTo(Sha256.ofFile(dir.resolve("a")));
        assertThat(RandomFile.write(dir.resolve("c"), 100, 2)).isNotEqualTo(RandomFile.write(dir.resolve("d"), 100, 3));
    }

    @Test
    void peerTextCannotReachTheTerminalAsControlCharacters() {
        assertThat(Printable.line("a\u001b[2Jb\nc\u202ed")).isEqualTo("a?[2Jb?c?d");
        assertThat(Printable.lines("one\ntwo\t\u0007")).isEqualTo("one\ntwo\t?");
    }

    @Test
    void theFrameTracePrintsAFrameAsOnTheWireWithThePeersTextMadeSafe() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        FrameTrace trace = new FrameTrace(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        MsrpHeaders headers = new MsrpHeaders().add("To-Path", "msrp://b.example:7/s;tcp")
                .add("From-Path", "msrp://a.example:7/s;tcp").add("Message-ID", "m1")
                .add("Subject", "x\u001b]0;owned\u0007").add("Content-Type", "text/plain");
        FullMsrpFrame frame = new FullMsrpFrame(new MsrpRequestHead("t1234", MsrpMethod.SEND, headers),
                Unpooled.copiedBuffer("hi\u001b[31m", StandardCharsets.UTF_8), ContinuationFlag.COMPLETE);
        try {
            trace.onFrame((MsrpConnection) null, Direction.OUTBOUND, frame);
        } finally {
            frame.release();
        }

        assertThat(bytes.toString(StandardCharsets.UTF_8).lines()).containsExactly(
                "  >>  MSRP t1234 SEND",
                "  >>  To-Path: msrp://b.example:7/s;tcp",
                "  >>  From-Path: msrp://a.example:7/s;tcp",
                "  >>  Message-ID: m1",
                "  >>  Subject: x?]0;owned?",
                "  >>  Content-Type: text/plain",
                "  >>  ",
                "  >>  hi?[31m",
                "  >>  -------t1234$");
    }
}
