package org.parley.msrp.examples.cli;

import org.parley.msrp.sdp.MsrpMediaDescription;
import org.parley.msrp.sdp.SdpNegotiationException;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * SDP bodies carried in files, so that any signalling can carry them: the tool writes its own SDP to one file and
 * waits for the peer's in another. {@code -} stands for standard output or standard input.
 *
 * <p>Files are written atomically (a temporary file in the same directory, then renamed), so a reader never sees half
 * an SDP body. Files the other side writes are accepted either way: renamed into place, or written in place, in
 * which case the body is taken once it reads the same on two polls in a row and parses as SDP with an
 * {@code m=message} line.
 */
public final class SdpFiles {

    /** The file name that stands for standard input or standard output. */
    public static final String STANDARD_STREAM = "-";

    private static final long POLL_MILLIS = 50;

    private SdpFiles() {
    }

    /**
     * Tells whether a file argument names a standard stream.
     *
     * @param file the argument
     * @return whether it is {@code -}
     */
    public static boolean isStandardStream(String file) {
        return STANDARD_STREAM.equals(file);
    }

    /**
     * Writes an SDP body. To standard output it is followed by an empty line, which marks its end for a reader of a
     * pipe (SDP has no empty lines, RFC 8866 §5).
     *
     * @param target a file name, or {@code -}
     * @param sdp the body, CRLF line ends
     * @param stdout standard output
     * @throws IOException if the file cannot be written
     */
    public static void write(String target, String sdp, PrintStream stdout) throws IOException {
        if (isStandardStream(target)) {
            stdout.print(sdp);
            stdout.print("\r\n");
            stdout.flush();
            return;
        }
        Path file = Path.of(target).toAbsolutePath();
        Path temporary = Files.createTempFile(file.getParent(), "." + file.getFileName(), ".part");
        try {
            Files.writeString(temporary, sdp, StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(temporary);
        }
    }

    /**
     * Deletes a file left by an earlier run, so that it cannot be mistaken for the peer's new SDP.
     *
     * @param file a file name; {@code -} is left alone
     * @throws IOException if it exists and cannot be deleted
     */
    public static void deleteStale(String file) throws IOException {
        if (!isStandardStream(file)) {
            Files.deleteIfExists(Path.of(file));
        }
    }

    /**
     * Renames an SDP file that has been read to {@code FILE.taken}, replacing an older one, so that it is not read
     * again. Standard input is left alone.
     *
     * @param file a file name, or {@code -}
     * @throws IOException if the file cannot be renamed
     */
    static void markTaken(String file) throws IOException {
        if (!isStandardStream(file)) {
            Path path = Path.of(file);
            Files.move(path, path.resolveSibling(path.getFileName() + ".taken"), StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Waits for the peer's SDP body.
     *
     * @param source a file name, or {@code -} for standard input (read to its end, or to an empty line)
     * @param what what the body is, for messages: "offer" or "answer"
     * @param timeout how long to wait
     * @param stdin standard input
     * @return the body with CRLF line ends
     * @throws ParleyFailure with {@link ExitCodes#TIMEOUT} when nothing came in time, or
     *     {@link ExitCodes#NEGOTIATION_FAILED} when what came is not SDP with an {@code m=message} line
     * @throws IOException if the file cannot be read
     * @throws InterruptedException if interrupted while waiting
     */
    public static String await(String source, String what, Duration timeout, InputStream stdin)
            throws IOException, InterruptedException {
        return isStandardStream(source) ? awaitStandardInput(what, timeout, stdin)
                : awaitFile(Path.of(source), what, timeout);
    }

    private static String awaitFile(Path file, String what, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String previous = null;
        String problem = null;
        while (true) {
            String content = readIfPresent(file);
            if (content != null && content.equals(previous)) {
                String sdp = normalize(content);
                try {
                    MsrpMediaDescription.parse(sdp);
                    return sdp;
                } catch (SdpNegotiationException e) {
                    // Perhaps still being written in place: wait for more, within the timeout.
                    problem = e.getMessage();
                }
            }
            previous = content;
            if (System.nanoTime() - deadline > 0) {
                if (content == null) {
                    throw new ParleyFailure(ExitCodes.TIMEOUT, "no SDP " + what + " appeared in " + file
                            + " within " + Durations.seconds(timeout), null);
                }
                throw new ParleyFailure(ExitCodes.NEGOTIATION_FAILED, "the SDP " + what + " in " + file
                        + " is not usable: " + (problem != null ? problem : "it kept changing"), null);
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    private static String readIfPresent(Path file) throws IOException {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    private static String awaitStandardInput(String what, Duration timeout, InputStream stdin)
            throws InterruptedException {
        CompletableFuture<String> read = new CompletableFuture<>();
        // A daemon thread: a read of a terminal cannot be interrupted, and must not keep the JVM alive.
        Thread reader = new Thread(() -> {
            try {
                read.complete(readUntilEmptyLine(stdin));
            } catch (IOException | RuntimeException e) {
                read.completeExceptionally(e);
            }
        }, "parley-stdin");
        reader.setDaemon(true);
        reader.start();
        String content;
        try {
            content = read.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            throw new ParleyFailure(ExitCodes.TIMEOUT, "no SDP " + what + " on standard input within "
                    + Durations.seconds(timeout), null);
        } catch (ExecutionException e) {
            throw new ParleyFailure(ExitCodes.NEGOTIATION_FAILED, "cannot read the SDP " + what
                    + " from standard input: " + e.getCause().getMessage(), e.getCause());
        }
        String sdp = normalize(content);
        try {
            MsrpMediaDescription.parse(sdp);
        } catch (SdpNegotiationException e) {
            throw new ParleyFailure(ExitCodes.NEGOTIATION_FAILED, "the SDP " + what
                    + " on standard input is not usable: " + e.getMessage(), e);
        }
        return sdp;
    }

    private static String readUntilEmptyLine(InputStream stdin) throws IOException {
        BufferedReader lines = new BufferedReader(new InputStreamReader(stdin, StandardCharsets.UTF_8));
        StringBuilder body = new StringBuilder();
        for (String line; (line = lines.readLine()) != null; ) {
            if (line.isEmpty()) {
                if (body.length() > 0) {
                    break;
                }
                continue;
            }
            body.append(line).append("\r\n");
        }
        return body.toString();
    }

    /**
     * Puts a body into the form the SDP parser takes (RFC 8866 §5): CRLF after every line, the last included, and no
     * empty lines. Files written by hand or by tools often have LF line ends, a missing last line end or a trailing
     * empty line.
     *
     * @param text the body as read
     * @return the body with CRLF line ends
     */
    static String normalize(String text) {
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        StringBuilder sdp = new StringBuilder();
        for (String line : body.split("\r\n|\n|\r")) {
            if (!line.isEmpty()) {
                sdp.append(line).append("\r\n");
            }
        }
        return sdp.toString();
    }
}
