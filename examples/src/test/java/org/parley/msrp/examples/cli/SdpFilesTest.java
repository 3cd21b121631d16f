package org.parley.msrp.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SdpFilesTest {

    static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
            + "m=message 7394 TCP/MSRP *\r\na=accept-types:text/plain\r\n"
            + "a=path:msrp://127.0.0.1:7394/2s93i9ek2a;tcp\r\na=setup:passive\r\n";
    private static final InputStream NO_INPUT = InputStream.nullInputStream();

    @TempDir
    Path directory;

    @Test
    void writesAtomicallyAndLeavesNoTemporaryFile() throws Exception {
        Path target = directory.resolve("offer.sdp");
        Files.writeString(target, "old");
        SdpFiles.write(target.toString(), SDP, new PrintStream(OutputStream.nullOutputStream()));
        assertThat(target).hasContent(SDP);
        try (var files = Files.list(directory)) {
            assertThat(files).containsExactly(target);
        }
    }

    @Test
    void writesToStandardOutputWithAnEmptyLineAfter() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SdpFiles.write("-", SDP, new PrintStream(out, true, StandardCharsets.UTF_8));
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(SDP + "\r\n");
    }

    @Test
    void takesAFileWrittenInPlaceOnlyOnceItIsComplete() throws Exception {
        Path file = directory.resolve("answer.sdp");
        int cut = SDP.indexOf("a=path");
        CompletableFuture<String> awaited = CompletableFuture.supplyAsync(() -> {
            try {
                return SdpFiles.await(file.toString(), "answer", Duration.ofSeconds(10), NO_INPUT);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        Files.writeString(file, SDP.substring(0, cut));
        Thread.sleep(300);
        assertThat(awaited).isNotDone();
        Files.writeString(file, SDP);
        assertThat(awaited.get(5, TimeUnit.SECONDS)).isEqualTo(SDP);
    }

    @Test
    void acceptsLfLineEndsAndTrailingEmptyLines() throws Exception {
        Path file = directory.resolve("offer.sdp");
        Files.writeString(file, "\uFEFF" + SDP.replace("\r\n", "\n").trim() + "\n\n");
        assertThat(SdpFiles.await(file.toString(), "offer", Duration.ofSeconds(5), NO_INPUT)).isEqualTo(SDP);
    }

    @Test
    void nothingInTimeIsATimeout() {
        long start = System.nanoTime();
        assertThatThrownBy(() -> SdpFiles.await(directory.resolve("none").toString(), "answer",
                Duration.ofMillis(300), NO_INPUT))
                .isInstanceOfSatisfying(ParleyFailure.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.TIMEOUT))
                .hasMessageContaining("no SDP answer appeared");
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void sdpWithoutAnMsrpStreamIsANegotiationFailure() throws Exception {
        Path file = directory.resolve("offer.sdp");
        Files.writeString(file, SDP.replace("m=message 7394 TCP/MSRP *", "m=audio 49170 RTP/AVP 0"));
        assertThatThrownBy(() -> SdpFiles.await(file.toString(), "offer", Duration.ofMillis(300), NO_INPUT))
                .isInstanceOfSatisfying(ParleyFailure.class,
                        e -> assertThat(e.exitCode()).isEqualTo(ExitCodes.NEGOTIATION_FAILED))
                .hasMessageContaining("is not usable");
    }

    @Test
    void readsStandardInputToAnEmptyLine() throws Exception {
        byte[] input = (SDP + "\r\nwhatever follows\r\n").getBytes(StandardCharsets.UTF_8);
        assertThat(SdpFiles.await("-", "offer", Duration.ofSeconds(5), new ByteArrayInputStream(input)))
                .isEqualTo(SDP);
    }
}
