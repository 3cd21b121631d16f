package org.parley.msrp.examples.cli;

import org.parley.msrp.examples.support.Printable;
import io.netty.buffer.ByteBuf;
import org.parley.msrp.core.InMemoryMessageSink;
import org.parley.msrp.core.IncomingMessage;
import org.parley.msrp.core.MessageSink;
import org.parley.msrp.core.MsrpException;
import org.parley.msrp.core.MsrpSessionListener;
import org.parley.msrp.core.codec.MsrpStatus;
import org.parley.msrp.examples.support.DigestingFileSink;
import org.parley.msrp.examples.support.Sha256;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Callable;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code receive}: stores what arrives until the peer ends the session (or {@code --count} messages have arrived),
 * and reports every message with its SHA-256, so that a harness can check that what the sender saw confirmed was
 * delivered intact.
 *
 * <p>Files (any message with a file name in Content-Disposition, and every non-text message) go into {@code --dir}
 * under the sanitized file name, or the Message-ID; text without a file name is kept in memory and printed. The
 * session's callbacks only choose sinks and queue events; the command's own thread prints, so a slow terminal or pipe
 * never holds up the event loop.
 */
@Command(name = "receive",
        description = {"Store and report what arrives, until the peer ends the session or --count messages came.",
                "Human output: one line per message, then a summary with each message's SHA-256. With --json: one"
                        + " JSON object per line on standard output, see docs/cli.md."})
public final class ReceiveAction implements Callable<Integer>, SessionAction {

    /** Text without a file name up to this size is kept in memory and printed; larger text goes to a file. */
    static final int MAX_TEXT_IN_MEMORY = 1024 * 1024;

    @ParentCommand
    private SignallingCommand signalling;

    @Spec
    private CommandSpec spec;

    @Option(names = "--dir", paramLabel = "DIR", defaultValue = ".",
            description = "Directory for received files (created if missing); an existing file is never replaced,"
                    + " a clashing name gets -1, -2, ... Default: the current directory.")
    private Path directory;

    @Option(names = "--json", description = "One JSON object per line on standard output, nothing else there.")
    private boolean json;

    @Option(names = "--count", paramLabel = "N",
            description = "End the session after N messages; fewer before the peer ends it is a failure (exit 1).")
    private Integer count;

    @Option(names = "--max-size", paramLabel = "BYTES",
            description = "Refuse larger messages with 413 (RFC 4975 §10.5); reported as refused (exit 1).")
    private Long maxSize;

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();
    /** Message-IDs of the messages being received, set on the event loop, read by the command's thread. */
    private final Set<String> inProgress = ConcurrentHashMap.newKeySet();
    /** When a message last started or grew, from {@link System#nanoTime()}. */
    private final AtomicLong lastProgress = new AtomicLong(System.nanoTime());
    private volatile boolean countReached;

    @Override
    public Integer call() throws Exception {
        return signalling.run(this);
    }

    @Override
    public void checkInput() {
        if (count != null && count < 1) {
            throw new ParameterException(spec.commandLine(), "--count must be at least 1: " + count);
        }
        if (maxSize != null && maxSize < 0) {
            throw new ParameterException(spec.commandLine(), "--max-size must not be negative: " + maxSize);
        }
        try {
            Files.createDirectories(directory);
        } catch (IOException | RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--dir " + directory + " cannot be created: " + e);
        }
        if (!Files.isDirectory(directory) || !Files.isWritable(directory)) {
            throw new ParameterException(spec.commandLine(), "--dir " + directory + " is not a writable directory");
        }
    }

    @Override
    public MsrpSessionListener listener(Output output) {
        return new Listener();
    }

    @Override
    public int run(EstablishedSession established, Output output) throws Exception {
        established.ended().thenAccept(cause -> events.add(new Ended(cause)));
        long timeout = established.timeout().toNanos();
        Tally tally = new Tally();
        String reason = null;
        boolean stalled = false;
        boolean ended = false;
        while (!ended) {
            Event event = events.poll(timeout, TimeUnit.NANOSECONDS);
            if (event == null) {
                // Waiting between messages is fine; a message that stops growing is not (--timeout).
                if (reason == null && !inProgress.isEmpty() && System.nanoTime() - lastProgress.get() >= timeout) {
                    stalled = true;
                    reason = "a message made no progress within " + Durations.seconds(established.timeout());
                    established.endQuietly(output.stderr());
                } else if (reason != null) {
                    break;
                }
                continue;
            }
            if (event instanceof Delivered delivered) {
                inProgress.remove(delivered.message().messageId());
                report(delivered.message(), tally, output);
                if (count != null && tally.messages == count && reason == null) {
                    // Later messages are refused from now on, and those already delivered still reported.
                    countReached = true;
                    reason = "received " + count + (count == 1 ? " message" : " messages");
                    established.endQuietly(output.stderr());
                }
            } else if (event instanceof Aborted aborted) {
                inProgress.remove(aborted.message().messageId());
                tally.aborted++;
                report(aborted, output);
            } else if (event instanceof Refused refused) {
                tally.refused++;
                report(refused, output);
            } else if (event instanceof Ended end) {
                ended = true;
                if (reason == null) {
                    reason = end.cause() == null ? "session closed"
                            : "session ended: " + ExitCodes.describe(end.cause());
                    if (count != null) {
                        reason += " after " + tally.messages + " of " + count + " messages";
                    }
                }
            }
        }
        summarize(tally, reason, output);
        if (stalled) {
            return ExitCodes.TIMEOUT;
        }
        boolean complete = count == null || tally.messages >= count;
        return tally.aborted == 0 && tally.refused == 0 && complete ? ExitCodes.SUCCESS : ExitCodes.MESSAGE_FAILED;
    }

    @Override
    public void notEstablished(Throwable reason, Output output) {
        summarize(new Tally(), "not established: " + ExitCodes.describe(reason), output);
    }

    private void report(IncomingMessage message, Tally tally, Output output) {
        MessageSink sink = message.sink() instanceof Watched watched ? watched.target : message.sink();
        String sha256;
        Path file = null;
        String text = null;
        if (sink instanceof DigestingFileSink stored) {
            sha256 = stored.sha256();
            file = stored.path();
        } else {
            byte[] body = ((InMemoryMessageSink) sink).bytes();
            sha256 = Sha256.of(body);
            text = new String(body, charsetOf(message));
        }
        tally.messages++;
        tally.bytes += message.size();
        tally.digests.add(sha256 + "  " + (file != null ? file : message.messageId()));
        if (json) {
            print(output.stdout(), new JsonLine().put("event", "message").put("messageId", message.messageId())
                    .put("contentType", message.contentType().toHeaderValue()).put("length", message.size())
                    .put("sha256", sha256).put("file", file != null ? file.toString() : null).toString());
            return;
        }
        String head = "received " + message.messageId() + " " + Printable.line(message.contentType().toHeaderValue())
                + " " + message.size() + " bytes";
        if (file != null) {
            print(output.human(), head + " -> " + Printable.line(file.toString()));
        } else {
            print(output.human(), head + ":\n> " + Printable.lines(text).replace("\n", "\n> "));
        }
    }

    private void report(Aborted aborted, Output output) {
        IncomingMessage message = aborted.message();
        if (json) {
            print(output.stdout(), new JsonLine().put("event", "aborted").put("messageId", message.messageId())
                    .put("contentType", message.contentType().toHeaderValue()).put("reason", aborted.reason())
                    .toString());
        } else {
            print(output.human(), "aborted " + message.messageId() + " "
                    + Printable.line(message.contentType().toHeaderValue()) + ": " + Printable.line(aborted.reason()));
        }
    }

    private void report(Refused refused, Output output) {
        IncomingMessage message = refused.message();
        if (json) {
            print(output.stdout(), new JsonLine().put("event", "refused").put("messageId", message.messageId())
                    .put("contentType", message.contentType().toHeaderValue()).put("length", message.totalSize())
                    .put("status", refused.status().code()).put("reason", refused.reason()).toString());
        } else {
            print(output.human(), "refused " + message.messageId() + " "
                    + Printable.line(message.contentType().toHeaderValue()) + " with " + refused.status().code()
                    + ": " + Printable.line(refused.reason()));
        }
    }

    private void summarize(Tally tally, String reason, Output output) {
        if (json) {
            print(output.stdout(), new JsonLine().put("event", "summary").put("messages", tally.messages)
                    .put("bytes", tally.bytes).put("aborted", tally.aborted).put("refused", tally.refused)
                    .put("reason", reason).toString());
            return;
        }
        StringBuilder summary = new StringBuilder().append(tally.messages)
                .append(tally.messages == 1 ? " message, " : " messages, ").append(tally.bytes).append(" bytes, ")
                .append(tally.aborted).append(" aborted, ").append(tally.refused).append(" refused; ").append(reason);
        for (String digest : tally.digests) {
            summary.append('\n').append(Printable.line(digest));
        }
        print(output.human(), summary.toString());
    }

    private static void print(PrintStream stream, String line) {
        stream.println(line);
        stream.flush();
    }

    private static Charset charsetOf(IncomingMessage message) {
        String name = message.contentType().parameter("charset");
        try {
            return name != null && Charset.isSupported(name) ? Charset.forName(name) : StandardCharsets.UTF_8;
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** What the session told, in its order, for the command's thread. */
    private sealed interface Event permits Delivered, Aborted, Refused, Ended {
    }

    private record Delivered(IncomingMessage message) implements Event {
    }

    private record Aborted(IncomingMessage message, String reason) implements Event {
    }

    private record Refused(IncomingMessage message, MsrpStatus status, String reason) implements Event {
    }

    private record Ended(Throwable cause) implements Event {
    }

    /** Counts for the summary. Used by the command's thread only. */
    private static final class Tally {
        private final List<String> digests = new ArrayList<>();
        private int messages;
        private long bytes;
        private int aborted;
        private int refused;
    }

    /** Chooses each message's sink on the event loop; everything else goes to the command's thread as events. */
    private final class Listener implements MsrpSessionListener {
        @Override
        public MessageSink onMessageStart(IncomingMessage message) {
            if (countReached) {
                return refuse(message, MsrpStatus.STOP_SENDING_MESSAGE, "--count " + count
                        + " messages have been received already");
            }
            if (maxSize != null && message.totalSize() > maxSize) {
                return refuse(message, MsrpStatus.STOP_SENDING_MESSAGE, "its " + message.totalSize()
                        + " bytes exceed --max-size " + maxSize);
            }
            String fileName = ContentDisposition.fileName(message.contentDisposition());
            MessageSink sink;
            if (fileName == null && message.contentType().matches("text/*")
                    && message.totalSize() >= 0 && message.totalSize() <= MAX_TEXT_IN_MEMORY) {
                sink = MessageSink.inMemory(MAX_TEXT_IN_MEMORY);
            } else {
                String name = FileNames.sanitize(fileName);
                if (name.isEmpty()) {
                    name = FileNames.sanitize(message.messageId());
                }
                try {
                    // A small blocking step on the event loop, like the file sink's own writes (see sessions.md).
                    sink = new DigestingFileSink(FileNames.createUnique(directory, name.isEmpty() ? "message" : name));
                } catch (IOException e) {
                    return refuse(message, MsrpStatus.STOP_SENDING_MESSAGE, "cannot store it: " + e.getMessage());
                }
            }
            inProgress.add(message.messageId());
            lastProgress.set(System.nanoTime());
            // Without a total in its first chunk, the size shows only as the chunks come (RFC 4975 §7.1.1).
            return new Watched(sink, maxSize != null && message.totalSize() < 0 ? maxSize : Long.MAX_VALUE);
        }

        private MessageSink refuse(IncomingMessage message, MsrpStatus status, String reason) {
            events.add(new Refused(message, status, reason));
            return MessageSink.refuse(status);
        }

        @Override
        public void onMessageReceived(IncomingMessage message) {
            events.add(new Delivered(message));
        }

        @Override
        public void onMessageAborted(IncomingMessage message, MsrpException reason) {
            events.add(new Aborted(message, ExitCodes.describe(reason)));
        }
    }

    /**
     * Notes each piece of a message as progress, and fails a message of unannounced size once it grows past the
     * limit; the session then answers 413.
     */
    private final class Watched implements MessageSink {
        private final MessageSink target;
        private final long limit;

        Watched(MessageSink target, long limit) {
            this.target = target;
            this.limit = limit;
        }

        @Override
        public void write(long offset, ByteBuf data) throws IOException {
            if (offset + data.readableBytes() > limit) {
                throw new IOException("the message exceeds --max-size " + limit);
            }
            lastProgress.set(System.nanoTime());
            target.write(offset, data);
        }

        @Override
        public void complete(long size) throws IOException {
            target.complete(size);
        }

        @Override
        public void abort(Throwable cause) {
            target.abort(cause);
        }
    }
}
