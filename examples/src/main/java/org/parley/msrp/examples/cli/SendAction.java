package org.parley.msrp.examples.cli;

import org.parley.msrp.examples.support.Printable;
import org.parley.msrp.examples.support.Sha256;
import io.netty.buffer.ByteBuf;
import org.parley.msrp.core.IncomingMessage;
import org.parley.msrp.core.MessageSink;
import org.parley.msrp.core.MessageSource;
import org.parley.msrp.core.MsrpSendResult;
import org.parley.msrp.core.MsrpSessionListener;
import org.parley.msrp.core.MsrpStatusException;
import org.parley.msrp.core.OutgoingMessage;
import org.parley.msrp.core.codec.MsrpContentType;
import org.parley.msrp.core.codec.SuccessReport;
import org.parley.msrp.examples.support.ProgressBar;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code send}: sends each {@code --text}, then each file, one after the other, and ends the session. With
 * Success-Report yes (the default) a message counts as sent only once the receiver has confirmed every byte of it
 * (RFC 4975 §7.1.2). The first failure stops the rest: its status is printed, the session ended, and the exit code
 * says what failed.
 */
@Command(name = "send",
        description = {"Send texts and files in order, then end the session.",
                "Prints one line per message: sent MESSAGE-ID BYTES confirmed|accepted WHAT; on a failure,"
                        + " failed: STATUS (WHAT), and stops. With --json, one JSON object per line instead."})
public final class SendAction implements Callable<Integer>, SessionAction {

    private static final String TEXT_TYPE = "text/plain;charset=UTF-8";

    @ParentCommand
    private SignallingCommand signalling;

    @Spec
    private CommandSpec spec;

    @Option(names = "--text", paramLabel = "TEXT", description = "A text message (text/plain; UTF-8); repeatable.")
    private List<String> texts = new ArrayList<>();

    @Option(names = "--content-type", paramLabel = "TYPE", defaultValue = "application/octet-stream",
            description = "Content type of the files. Default: ${DEFAULT-VALUE}.")
    private String contentType;

    @Option(names = "--no-report", description = "Send Success-Report no: a message counts as sent once every"
            + " chunk has its 200 response, without the receiver's confirmation of the whole.")
    private boolean noReport;

    @Option(names = "--no-progress", description = "No progress bar on standard error.")
    private boolean noProgress;

    @Option(names = "--json", description = "One JSON object per line on standard output: {\"event\":\"sent\",...}"
            + " per message, {\"event\":\"failed\",...} for the one that failed.")
    private boolean json;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Files to send, each as one message with Content-Disposition: attachment and its name.")
    private List<Path> files = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        return signalling.run(this);
    }

    @Override
    public void checkInput() {
        for (Path file : files) {
            if (!Files.isRegularFile(file)) {
                throw new ParameterException(spec.commandLine(), "not a file: " + file);
            }
            if (!Files.isReadable(file)) {
                throw new ParameterException(spec.commandLine(), "cannot read " + file);
            }
        }
        try {
            MsrpContentType.parse(contentType);
        } catch (RuntimeException e) {
            throw new ParameterException(spec.commandLine(), "--content-type: " + e.getMessage());
        }
    }

    @Override
    public MsrpSessionListener listener(Output output) {
        return new Discarding(output.stderr());
    }

    @Override
    public int run(EstablishedSession established, Output output) throws Exception {
        try {
            for (String text : texts) {
                byte[] body = text.getBytes(StandardCharsets.UTF_8);
                OutgoingMessage.Builder message = OutgoingMessage.builder(MsrpContentType.parse(TEXT_TYPE),
                        MessageSource.of(body));
                int code = send(established, message, "text", body.length, Sha256.of(body), null, output);
                if (code != ExitCodes.SUCCESS) {
                    return code;
                }
            }
            for (Path file : files) {
                long size = Files.size(file);
                ProgressBar bar = noProgress ? null : new ProgressBar(output.stderr(), file.getFileName().toString(),
                        size);
                OutgoingMessage.Builder message = OutgoingMessage.builder(MsrpContentType.parse(contentType),
                                MessageSource.ofFile(file))
                        .contentDisposition(ContentDisposition.attachment(file.getFileName().toString()));
                int code = send(established, message, file.toString(), size, Sha256.ofFile(file), bar, output);
                if (code != ExitCodes.SUCCESS) {
                    return code;
                }
            }
            return ExitCodes.SUCCESS;
        } finally {
            established.endQuietly(output.stderr());
        }
    }

    /** Sends one message and waits for its outcome, as long as it makes progress. */
    private int send(EstablishedSession established, OutgoingMessage.Builder message, String what, long size,
                     String sha256, ProgressBar bar, Output output) throws InterruptedException, IOException {
        AtomicLong progress = new AtomicLong();
        message.successReport(noReport ? SuccessReport.NO : SuccessReport.YES)
                .progressListener((id, sent, acknowledged, total) -> {
                    progress.set(sent + acknowledged);
                    if (bar != null) {
                        bar.update(acknowledged);
                    }
                });
        CompletableFuture<MsrpSendResult> sending = established.session().send(message.build());
        try {
            MsrpSendResult result = awaitWhileProgressing(sending, progress, established);
            if (bar != null) {
                bar.finish(result.confirmedBySuccessReport() ? "confirmed" : "accepted");
            }
            if (json) {
                print(output.stdout(), new JsonLine().put("event", "sent").put("messageId", result.messageId())
                        .put("length", result.size()).put("sha256", sha256)
                        .put("confirmed", result.confirmedBySuccessReport()).put("what", what).toString());
            } else {
                print(output.human(), String.format(Locale.ROOT, "sent %s %d %s %s", result.messageId(), result.size(),
                        result.confirmedBySuccessReport() ? "confirmed" : "accepted", Printable.line(what)));
            }
            return ExitCodes.SUCCESS;
        } catch (ExecutionException | ParleyFailure e) {
            Throwable cause = ExitCodes.unwrap(e);
            String status = cause instanceof MsrpStatusException refused ? statusText(refused)
                    : ExitCodes.describe(cause);
            if (bar != null) {
                bar.finish("failed: " + status);
            }
            if (json) {
                JsonLine line = new JsonLine().put("event", "failed").put("length", size).put("sha256", sha256)
                        .put("what", what).put("reason", status);
                if (cause instanceof MsrpStatusException refused) {
                    line.put("status", refused.status().code());
                }
                print(output.stdout(), line.toString());
            } else {
                print(output.human(), String.format(Locale.ROOT, "failed: %s (%s, %d bytes)", status, Printable.line(what),
                        size));
            }
            return ExitCodes.of(cause);
        }
    }

    /**
     * Waits for a send to complete. Every response and REPORT has its own deadline (the transaction timeout), but a
     * peer that stops reading stalls the connection before any deadline starts; so the wait also ends when nothing
     * moved for a whole timeout.
     */
    private static MsrpSendResult awaitWhileProgressing(CompletableFuture<MsrpSendResult> sending,
                                                        AtomicLong progress, EstablishedSession established)
            throws ExecutionException, InterruptedException {
        long seen = progress.get();
        while (true) {
            try {
                return sending.get(established.timeout().toNanos(), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                long now = progress.get();
                if (now == seen) {
                    sending.cancel(false);
                    throw new ParleyFailure(ExitCodes.TIMEOUT, "no progress for "
                            + Durations.seconds(established.timeout()), null);
                }
                seen = now;
            }
        }
    }

    private static void print(PrintStream stream, String line) {
        stream.println(line);
        stream.flush();
    }

    private static String statusText(MsrpStatusException refused) {
        String comment = refused.status().comment();
        return refused.status().code() + (comment != null ? " " + comment : "")
                + (refused.fromReport() ? " (in a REPORT)" : "");
    }

    /**
     * What the peer sends to a sending side is dropped, and said so on standard error; refusing it could fail the
     * peer's test, and keeping quiet would lose it unseen.
     */
    private static final class Discarding implements MsrpSessionListener {
        private final PrintStream stderr;

        Discarding(PrintStream stderr) {
            this.stderr = stderr;
        }

        @Override
        public MessageSink onMessageStart(IncomingMessage message) {
            return new MessageSink() {
                @Override
                public void write(long offset, ByteBuf data) {
                }

                @Override
                public void complete(long size) {
                }

                @Override
                public void abort(Throwable cause) {
                }
            };
        }

        @Override
        public void onMessageReceived(IncomingMessage message) {
            stderr.println("parley: dropped message " + message.messageId() + " ("
                    + Printable.line(message.contentType().mediaType()) + ", " + message.size()
                    + " bytes) from the peer: send does not store messages");
            stderr.flush();
        }
    }
}
