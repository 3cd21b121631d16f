package org.parley.msrp.comedia.testing;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A SIPp process as the SIP peer of a test: runs one call of a scenario from the test resources, on 127.0.0.1 and a
 * free port, over UDP ({@code -t u1}) or TCP ({@code -t t1}), as a child process of the test JVM.
 *
 * <p>The scenario is copied into a work directory that the test provides (a JUnit {@code @TempDir}), which is also
 * SIPp's working directory: relative file names passed as keys, for instance to {@code <exec>} actions, land there,
 * next to SIPp's logs (standard output and error, {@code -trace_err}, {@code -trace_msg}). {@link #diagnostics()}
 * gathers them for assertion messages. Values reach the scenario through {@code -key name value} and appear in it as
 * {@code [name]}.
 *
 * <p>Tests that need SIPp fail when it is missing, they are not skipped: CI installs it
 * ({@code apt-get install sip-tester}). Methods are called from the test thread.
 */
public final class SippProcess implements AutoCloseable {

    /** The message of the failure when SIPp is not on the PATH. */
    public static final String NOT_INSTALLED = "sipp not installed: apt-get install sip-tester";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MILLIS = 10;
    private static final int STDOUT_TAIL_LINES = 30;

    private final Process process;
    private final List<String> command;
    private final Path workDir;
    private final String transport;
    private final int port;

    private SippProcess(Process process, List<String> command, Path workDir, String transport, int port) {
        this.process = process;
        this.command = command;
        this.workDir = workDir;
        this.transport = transport;
        this.port = port;
    }

    /** @return whether an executable {@code sipp} is on the PATH; see {@link #NOT_INSTALLED} */
    public static boolean available() {
        return executable().isPresent();
    }

    /**
     * Starts describing a SIPp run.
     *
     * @param scenarioResource the scenario's class path resource, e.g. "sipp/uac-msrp-offer.xml"
     * @return a builder; UDP and server mode unless told otherwise
     */
    public static Builder builder(String scenarioResource) {
        return new Builder(scenarioResource);
    }

    /** @return the port SIPp listens and sends on, at 127.0.0.1 */
    public int port() {
        return port;
    }

    /** @return "udp" or "tcp" */
    public String transport() {
        return transport;
    }

    /** @return SIPp's working directory, with the scenario copy, its logs and the files its scenario writes */
    public Path workDir() {
        return workDir;
    }

    /**
     * Waits for SIPp to end its run. SIPp exits with 0 when every call succeeded, 1 when one failed, 255 (-1) on a
     * fatal error such as a scenario that does not load, 254 (-2) when it could not bind its port.
     *
     * @param timeout how long to wait
     * @return the exit code; assert on it with {@link #diagnostics()} as the description
     * @throws AssertionError with the diagnostics if SIPp is still running after the timeout
     */
    public int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS)) {
                throw new AssertionError("sipp still running after " + timeout + "\n" + diagnostics());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for sipp", e);
        }
    }

    /**
     * Waits until a file written by the scenario exists in the work directory and returns its content. SIPp's
     * {@code <exec>} actions run in a shell that SIPp does not wait for, so the file appears some time after the
     * message that triggered it, possibly after SIPp exited; the scenarios here write a temporary file and rename it,
     * so the file is complete once it exists. This polls, as there is nothing to wait on.
     *
     * @param name    the file's name, relative to the work directory
     * @param timeout how long to wait
     * @return the file's content as UTF-8 text
     * @throws AssertionError with the diagnostics if the file does not appear in time
     */
    public String awaitFile(String name, Duration timeout) {
        Path file = workDir.resolve(name);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("sipp did not write " + name + " within " + timeout + "\n" + diagnostics());
            }
            pause();
        }
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Gathers what tells why a run failed, for an assertion's description: the command line, the exit code, the
     * unexpected messages ({@code -trace_err}), every message sent and received ({@code -trace_msg}), standard error
     * and the end of standard output (SIPp's statistics screens).
     *
     * @return a multi-line text
     */
    public String diagnostics() {
        StringBuilder text = new StringBuilder("sipp command: ").append(String.join(" ", command)).append('\n');
        text.append("exit code: ").append(process.isAlive() ? "still running" : process.exitValue()).append('\n');
        appendFile(text, "errors (-trace_err)", workDir.resolve(Logs.ERRORS), Integer.MAX_VALUE);
        appendFile(text, "messages (-trace_msg)", workDir.resolve(Logs.MESSAGES), Integer.MAX_VALUE);
        appendFile(text, "stderr", workDir.resolve(Logs.STDERR), Integer.MAX_VALUE);
        appendFile(text, "stdout, last " + STDOUT_TAIL_LINES + " lines", workDir.resolve(Logs.STDOUT),
                STDOUT_TAIL_LINES);
        return text.toString();
    }

    /** Kills SIPp, and the shells its {@code <exec>} actions started, if still running. */
    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public String toString() {
        return "SippProcess[" + transport + " 127.0.0.1:" + port + " " + workDir + "]";
    }

    private static Optional<Path> executable() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isEmpty())
                .map(dir -> Paths.get(dir, "sipp"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    private static void appendFile(StringBuilder text, String title, Path file, int lastLines) {
        text.append("--- ").append(title).append(" ---\n");
        if (!Files.exists(file)) {
            text.append("(none)\n");
            return;
        }
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
            lines.subList(Math.max(0, lines.size() - lastLines), lines.size())
                    .forEach(line -> text.append(line).append('\n'));
        } catch (IOException e) {
            text.append("(unreadable: ").append(e).append(")\n");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for sipp", e);
        }
    }

    /**
     * Waits until SIPp has bound its port, so that a test can send to it at once: over TCP a connection attempt
     * before that would be refused. Linux only, like the rest of SIPp's use here: reads the kernel's socket tables.
     */
    private void awaitBound() {
        String protocol = transport.equals("udp") ? "udp" : "tcp";
        String localPort = String.format(Locale.ROOT, ":%04X", port);
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!bound(protocol, localPort)) {
            if (!process.isAlive()) {
                throw new AssertionError("sipp exited before listening\n" + diagnostics());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("sipp not listening after " + START_TIMEOUT + "\n" + diagnostics());
            }
            pause();
        }
    }

    /** Whether /proc/net/{protocol}[6] has a socket bound to the local port (listening, for TCP). */
    private static boolean bound(String protocol, String localPort) {
        for (String table : List.of("/proc/net/" + protocol, "/proc/net/" + protocol + "6")) {
            try (Stream<String> lines = Files.lines(Paths.get(table), StandardCharsets.US_ASCII)) {
                if (lines.skip(1).map(String::trim).map(line -> line.split("\\s+")).anyMatch(fields ->
                        fields.length > 3 && fields[1].endsWith(localPort)
                                && (protocol.equals("udp") || fields[3].equals("0A")))) {
                    return true;
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + table + " (SIPp tests need Linux)", e);
            }
        }
        return false;
    }

    /** File names of SIPp's logs in the work directory. */
    private static final class Logs {
        static final String STDOUT = "sipp-stdout.log";
        static final String STDERR = "sipp-stderr.log";
        static final String ERRORS = "sipp-errors.log";
        static final String MESSAGES = "sipp-messages.log";

        private Logs() {
        }
    }

    /** Describes a SIPp run; {@link #start} runs it. Used from one thread. */
    public static final class Builder {

        private final String scenarioResource;
        private final Map<String, String> keys = new LinkedHashMap<>();
        private String transport = "udp";
        private Integer remotePort;

        private Builder(String scenarioResource) {
            this.scenarioResource = scenarioResource;
        }

        /**
         * Chooses the transport; SIPp's {@code [transport]} keyword then reads "UDP" or "TCP".
         *
         * @param transport "udp" ({@code -t u1}, the default) or "tcp" ({@code -t t1})
         * @return this builder
         */
        public Builder transport(String transport) {
            this.transport = LocalPorts.checkTransport(transport);
            return this;
        }

        /**
         * Makes SIPp a client of 127.0.0.1:remotePort, for a scenario that starts by sending. Without it SIPp
         * waits for its first message, and {@link #start} returns once SIPp listens.
         *
         * @param remotePort the port of the peer under test; in the scenario {@code [remote_ip]:[remote_port]}
         * @return this builder
         */
        public Builder remotePort(int remotePort) {
            this.remotePort = remotePort;
            return this;
        }

        /**
         * Passes {@code -key name value}; the scenario reads it as {@code [name]}. Names must differ from SIPp's own
         * keywords ({@code [local_port]}, {@code [len]}, ...). Values are single arguments, no shell involved; but a
         * value that a scenario puts inside a single-quoted {@code <exec>} command must not contain a quote.
         *
         * @param name  the keyword
         * @param value its value
         * @return this builder
         */
        public Builder key(String name, String value) {
            keys.put(name, value);
            return this;
        }

        /**
         * Copies the scenario into the work directory and starts SIPp there, for one call ({@code -m 1}), with
         * standard input from /dev/null and standard output and error to files.
         *
         * @param workDir an existing, preferably empty directory, e.g. a JUnit {@code @TempDir}
         * @return the running process; close it
         * @throws IllegalStateException with {@link #NOT_INSTALLED} if there is no sipp on the PATH
         */
        public SippProcess start(Path workDir) {
            Path sipp = executable().orElseThrow(() -> new IllegalStateException(NOT_INSTALLED));
            Path dir = workDir.toAbsolutePath();
            Path scenario = copyScenario(dir);
            int port = LocalPorts.free(transport);
            List<String> command = new ArrayList<>(List.of(sipp.toString()));
            if (remotePort != null) {
                command.add(LocalPorts.LOOPBACK + ":" + remotePort);
            }
            command.addAll(List.of(
                    "-sf", scenario.toString(),
                    "-i", LocalPorts.LOOPBACK,
                    "-p", Integer.toString(port),
                    "-t", transport.equals("udp") ? "u1" : "t1",
                    "-m", "1",
                    "-nostdin",
                    "-trace_err", "-error_file", dir.resolve(Logs.ERRORS).toString(),
                    "-trace_msg", "-message_file", dir.resolve(Logs.MESSAGES).toString()));
            keys.forEach((name, value) -> command.addAll(List.of("-key", name, value)));
            Process process;
            try {
                process = new ProcessBuilder(command)
                        .directory(dir.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                        .redirectOutput(dir.resolve(Logs.STDOUT).toFile())
                        .redirectError(dir.resolve(Logs.STDERR).toFile())
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot start " + command, e);
            }
            SippProcess started = new SippProcess(process, List.copyOf(command), dir, transport, port);
            if (remotePort == null) {
                try {
                    started.awaitBound();
                } catch (RuntimeException | AssertionError e) {
                    started.close();
                    throw e;
                }
            }
            return started;
        }

        private Path copyScenario(Path dir) {
            Path target = dir.resolve(Paths.get(scenarioResource).getFileName());
            try (InputStream in = SippProcess.class.getClassLoader().getResourceAsStream(scenarioResource)) {
                if (in == null) {
                    throw new IllegalArgumentException("no scenario on the class path: " + scenarioResource);
                }
                Files.copy(in, target);
                return target;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot copy " + scenarioResource + " to " + dir, e);
            }
        }
    }
}
