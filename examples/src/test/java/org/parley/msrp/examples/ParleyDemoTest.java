package org.parley.msrp.examples;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The README demo, run in-process with a small file: the transcript tells the whole story, in order. */
class ParleyDemoTest {

    private static List<String> run(String... args) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        int exit = new CommandLine(new ParleyDemo(out)).execute(args);
        String transcript = bytes.toString(StandardCharsets.UTF_8);
        assertThat(exit).as(transcript).isZero();
        return transcript.lines().toList();
    }

    @Test
    void callsChatsSendsAVerifiedFileAndHangsUp() {
        List<String> transcript = run("--size", "3");

        assertThat(transcript).anySatisfy(line -> assertThat(line).contains("alice", "SDP offer",
                "TCP/TLS/MSRP", "a=setup:actpass", "a=path:msrps://127.0.0.1:"));
        assertThat(transcript).anySatisfy(line -> assertThat(line).contains("bob", "SDP answer", "a=setup:passive"));
        assertThat(transcript).anySatisfy(line -> assertThat(line).contains("alice", "this side is active"));
        assertThat(transcript).anySatisfy(line -> assertThat(line).contains("bob", "received \"Hello Bob!"));
        assertThat(transcript).anySatisfy(line -> assertThat(line).contains("alice", "received \"Hi Alice"));
        assertThat(transcript.stream().filter(line -> line.contains("delivered: 200 OK and a success REPORT")))
                .hasSize(2);
        assertThat(transcript).anySatisfy(line -> assertThat(line).contains("holiday-video.bin [", "100%", "done"));
        String sent = sha256After(transcript, "SEND file holiday-video.bin, 3 MiB, SHA-256 ");
        String stored = sha256After(transcript, "stored 3145728 bytes, SHA-256 ");
        assertThat(stored).isEqualTo(sent);
        assertThat(transcript).anySatisfy(line -> assertThat(line).endsWith("(matches)"));
        assertThat(transcript).anySatisfy(line -> assertThat(line).contains("200 OK to the BYE"));
        assertThat(transcript.get(transcript.size() - 1)).contains("demo", "done in");
        assertThat(transcript).noneMatch(line -> line.startsWith("  >>  ") || line.startsWith("  <<  "));
    }

    @Test
    void framesShowsTheWireWithLongMessagesCondensed() {
        List<String> transcript = run("--size", "1", "--frames");

        assertThat(transcript).anySatisfy(line -> assertThat(line).matches("  >>  MSRP \\w+ SEND"));
        assertThat(transcript).anySatisfy(line -> assertThat(line).matches("  <<  MSRP \\w+ 200 OK"));
        assertThat(transcript).anySatisfy(line -> assertThat(line).matches("  <<  MSRP \\w+ REPORT"));
        assertThat(transcript).contains("  >>  Hello Bob! This message crosses a TLS connection that COMEDIA set up.",
                "  <<  Hi Alice, got it. Send me the file?", "  >>  Byte-Range: 1-65536/1048576",
                "  >>  [65536 bytes]", "  <<  Status: 000 200 OK");
        assertThat(transcript).anySatisfy(line -> assertThat(line).matches("\\s+\\[\\d+ more chunks and responses]"));
        assertThat(transcript.stream().filter(line -> line.startsWith("  >>  Byte-Range: ") && line.endsWith("/1048576")))
                .containsExactly("  >>  Byte-Range: 1-65536/1048576", "  >>  Byte-Range: 983041-1048576/1048576");
    }

    @Test
    void refusesASizeOutOfRange() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        CommandLine command = new CommandLine(new ParleyDemo(new PrintStream(bytes, true, StandardCharsets.UTF_8)));
        command.setErr(new java.io.PrintWriter(bytes, true));

        assertThat(command.execute("--size", "0")).isEqualTo(2);
        assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("--size must be 1 to 4096 MiB");
    }

    private static String sha256After(List<String> transcript, String prefix) {
        Pattern pattern = Pattern.compile(Pattern.quote(prefix) + "([0-9a-f]{64})");
        for (String line : transcript) {
            Matcher matcher = pattern.matcher(line);
            if (matcher.find()) {
                return matcher.group(1);
            }
        }
        throw new AssertionError("no line with " + prefix);
    }
}
