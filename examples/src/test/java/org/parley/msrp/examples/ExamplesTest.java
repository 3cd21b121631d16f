package org.parley.msrp.examples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Each example program runs to its end and prints what it claims to do. */
class ExamplesTest {

    /** Runs a main method with standard output captured; the examples print from event loops too. */
    private static List<String> output(ThrowingMain main) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            main.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private interface ThrowingMain {
        void run() throws Exception;
    }

    @Test
    void chatOverSipTakesTurnsAndHangsUp() throws Exception {
        List<String> lines = output(() -> ChatOverSip.main(new String[0]));

        assertThat(lines).containsExactly(
                lines.get(0),
                "Bob reads: Hi Bob, are you there?",
                "Alice reads: Hi Alice, here I am.",
                "Bob reads: Lunch at noon?",
                "Alice reads: Noon is fine. See you!",
                "Bob hung up.");
        assertThat(lines.get(0)).startsWith("Bob's phone rings: sip:alice@127.0.0.1");
    }

    @Test
    void fileTransferDeliversTheGivenFileUnchanged(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("notes.txt");
        Files.writeString(file, "MSRP file transfer\n".repeat(20_000));

        List<String> lines = output(() -> FileTransfer.main(new String[] {file.toString()}));

        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("notes.txt [")
                .contains("100%", "confirmed: true"));
        String sent = lines.stream().filter(line -> line.startsWith("SHA-256 sent")).findFirst().orElseThrow();
        assertThat(sent).endsWith(org.parley.msrp.examples.support.Sha256.ofFile(file));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("SHA-256 received").endsWith("(match)"));
    }

    @Test
    void codecOnlyPipelineGetsA200ForItsSend() throws Exception {
        List<String> lines = output(() -> CodecOnlyPipeline.main(new String[0]));

        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).matches("responder: SEND \\w+ with 5 bytes: hello");
        assertThat(lines.get(1)).matches("client: response 200 OK for transaction \\w+");
    }

    @Test
    void decodeRfcExchangeFindsTheFourFramesOfSection11_1() throws Exception {
        List<String> lines = output(() -> DecodeRfcExchange.main(new String[0]));

        assertThat(lines).contains("4 frames decoded.");
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("Frame 1: request SEND"));
        assertThat(lines).anySatisfy(line -> assertThat(line).startsWith("Frame 2: response 200 OK"));
    }
}
