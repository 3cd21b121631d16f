package org.parley.msrp.core;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A 1 GiB file sent and received by a JVM with a 64 MiB heap, SHA-256 checked: bodies of any size stream through
 * bounded memory on both sides.
 */
class LargeFileTransferTest {

    private static final long SIZE = 1L << 30;

    @Test
    void sendsAndReceivesOneGibibyteWithA64MibHeap(@TempDir Path dir) throws IOException, InterruptedException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder builder = new ProcessBuilder(java.toString(), "-Xmx64m", "-XX:MaxDirectMemorySize=64m",
                "-Dio.netty.leakDetection.level=simple", "-cp", System.getProperty("java.class.path"),
                LargeFileTransferMain.class.getName(), dir.toString(), Long.toString(SIZE))
                .redirectErrorStream(true);
        Process process = builder.start();
        byte[] output;
        boolean finished;
        try {
            output = process.getInputStream().readAllBytes();
            finished = process.waitFor(10, TimeUnit.MINUTES);
        } finally {
            process.destroyForcibly();
        }
        String text = new String(output, StandardCharsets.UTF_8);
        System.out.println(text);
        assertThat(finished).as("the transfer JVM finished").isTrue();
        assertThat(process.exitValue()).as("exit code; output:%n%s", text).isZero();
        List<String> hashes = text.lines().filter(line -> line.contains("sha256")).toList();
        assertThat(hashes).hasSize(2);
        assertThat(hashes.get(0).substring(hashes.get(0).lastIndexOf(' ')))
                .isEqualTo(hashes.get(1).substring(hashes.get(1).lastIndexOf(' ')));
        assertThat(text).contains("received " + SIZE + " bytes", "max heap ");
    }
}
