package org.parley.msrp.examples.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.parley.msrp.examples.support.Sha256;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packaged tool as a user runs it: the shaded {@code parley.jar} in JVMs of its own (BouncyCastle's signatures
 * stripped, every dependency inside), and the {@code parley} launcher script. Run by failsafe after the package phase.
 */
class ParleyJarIT {

    private static final Path JAR = Path.of(System.getProperty("parley.jar", "target/parley.jar"));
    private static final Path SCRIPT = Path.of(System.getProperty("parley.script", "../parley"));

    @TempDir
    Path work;

    /** A finished process: its exit code and what it printed. */
    private record Finished(int exitCode, String stdout, String stderr) {
    }

    private Process start(String name, List<String> command) throws Exception {
        return new ProcessBuilder(command).directory(work.toFile())
                .redirectOutput(work.resolve(name + ".out").toFile())
                .redirectError(work.resolve(name + ".err").toFile())
                .start();
    }

    private Finished finish(String name, Process process) throws Exception {
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(name + " did not end within 90 s");
        }
        return new Finished(process.exitValue(), Files.readString(work.resolve(name + ".out")),
                Files.readString(work.resolve(name + ".err")));
    }

    private static List<String> java(String... args) {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        return command;
    }

    @Test
    void theJarSendsAFileOverTlsFromOneProcessToAnother() throws Exception {
        byte[] data = new byte[2_000_000];
        new Random(7).nextBytes(data);
        Files.write(work.resolve("photo.jpg"), data);
        Process receiver = start("receiver", java("answer", "--tls", "--offer-in", "offer.sdp", "--answer-out",
                "answer.sdp", "receive", "--dir", "inbox", "--json"));
        Process sender = start("sender", java("offer", "--tls", "--offer-out", "offer.sdp", "--answer-in",
                "answer.sdp", "send", "--no-progress", "--text", "hi", "photo.jpg"));

        Finished sent = finish("sender", sender);
        Finished received = finish("receiver", receiver);

        assertThat(sent.exitCode()).as(sent::toString).isZero();
        assertThat(received.exitCode()).as(received::toString).isZero();
        assertThat(Files.readString(work.resolve("offer.sdp.taken"))).contains("TCP/TLS/MSRP", "a=fingerprint:sha-256 ");
        List<String> lines = received.stdout().lines().toList();
        assertThat(lines).hasSize(3);
        assertThat(lines.get(1)).contains("\"sha256\":\"" + Sha256.of(data) + "\"");
        assertThat(lines.get(2)).startsWith("{\"event\":\"summary\"").contains("\"messages\":2");
        assertThat(work.resolve("inbox").resolve("photo.jpg")).hasBinaryContent(data);
    }

    @Test
    void theJarNamesItsVersionAndExitsWithUsageErrors() throws Exception {
        Finished version = finish("version", start("version", java("--version")));
        Finished usage = finish("usage", start("usage", java("offer", "send")));

        assertThat(version.exitCode()).isZero();
        assertThat(version.stdout()).contains("parley");
        assertThat(usage.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(usage.stderr()).contains("Missing required options");
    }

    @Test
    void theLauncherScriptRunsTheBuiltJar() throws Exception {
        assertThat(SCRIPT).isExecutable();
        Finished help = finish("script", start("script", List.of("bash", SCRIPT.toString(), "--help")));

        assertThat(help.exitCode()).as(help::toString).isZero();
        assertThat(help.stdout()).contains("Usage: parley", "offer", "answer", "call", "listen", "Exit codes:");
        // The jar is fresh here, so the script must not have built anything.
        assertThat(help.stderr()).doesNotContain("building");
        assertThat(new File(SCRIPT.getParent().toFile(), "examples/target/parley.jar")).exists();
    }
}
