package org.parley.msrp.examples;

import org.parley.msrp.comedia.ComediaEndpoint;
import org.parley.msrp.comedia.ComediaOptions;
import org.parley.msrp.comedia.ComediaSession;
import org.parley.msrp.core.IncomingMessage;
import org.parley.msrp.core.InMemoryMessageSink;
import org.parley.msrp.core.MessageSink;
import org.parley.msrp.core.MessageSource;
import org.parley.msrp.core.MsrpException;
import org.parley.msrp.core.MsrpSendResult;
import org.parley.msrp.core.MsrpSessionListener;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.core.MsrpStack;
import org.parley.msrp.core.MsrpStackOptions;
import org.parley.msrp.core.OutgoingMessage;
import org.parley.msrp.core.codec.MsrpContentType;
import org.parley.msrp.core.codec.SuccessReport;
import org.parley.msrp.examples.cli.ContentDisposition;
import org.parley.msrp.examples.sip.SipPhone;
import org.parley.msrp.examples.support.DigestingFileSink;
import org.parley.msrp.examples.support.FrameTrace;
import org.parley.msrp.examples.support.ProgressBar;
import org.parley.msrp.examples.support.RandomFile;
import org.parley.msrp.sdp.MsrpMediaDescription;
import org.parley.msrp.tls.LocalCertificate;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

/**
 * The demo that README.md starts with: two SIP user agents on loopback, Alice and Bob, each with its own JAIN-SIP
 * stack, MSRP stack and self-signed certificate. Alice calls Bob with an SDP offer of {@code a=setup:actpass}; Bob
 * answers; COMEDIA (RFC 6135) decides who opens the TCP connection; TLS checks each side's certificate against the
 * {@code a=fingerprint} of the other's SDP (RFC 8122). They chat both ways with success reports, Alice sends a
 * generated file with a progress bar and Bob checks its SHA-256, then Alice hangs up with a BYE.
 *
 * <p>Prints a transcript; {@code --frames} adds the MSRP frames as they cross the wire, seen from Alice's side.
 */
@Command(name = "parley-demo", mixinStandardHelpOptions = true,
        description = "Two SIP user agents on loopback chat and send a file over MSRP with TLS.")
public final class ParleyDemo implements Callable<Integer> {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(60);

    @Option(names = "--frames", description = "Print the MSRP frames as they cross the wire (Alice's view).")
    boolean frames;

    @Spec
    CommandSpec spec;

    int sizeMib = 50;

    private final PrintStream out;
    private final long startNanos = System.nanoTime();

    ParleyDemo(PrintStream out) {
        this.out = out;
    }

    /**
     * Runs the demo.
     *
     * @param args {@code --frames} to print MSRP frames, {@code --size MiB} for the file, {@code --help}
     */
    public static void main(String[] args) {
        int exit = new CommandLine(new ParleyDemo(System.out)).execute(args);
        if (exit != 0) {
            System.exit(exit);
        }
    }

    @Option(names = "--size", paramLabel = "MiB", defaultValue = "50",
            description = "Size of the generated file in MiB, 1 to 4096 (default: ${DEFAULT-VALUE}).")
    void sizeMib(int mib) {
        if (mib < 1 || mib > 4096) {
            throw new ParameterException(spec.commandLine(), "--size must be 1 to 4096 MiB, not " + mib);
        }
        sizeMib = mib;
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Files.createTempDirectory("parley-demo");
        try {
            run(dir);
            return 0;
        } finally {
            try (var files = Files.list(dir)) {
                for (Path file : files.toList()) {
                    Files.deleteIfExists(file);
                }
            }
            Files.deleteIfExists(dir);
        }
    }

    private void run(Path dir) throws Exception {
        say("demo", "Alice and Bob: two SIP user agents on 127.0.0.1, each with its own JAIN-SIP and MSRP stack");
        LocalCertificate aliceCertificate = LocalCertificate.selfSigned("alice.parley.test", Duration.ofDays(1));
        LocalCertificate bobCertificate = LocalCertificate.selfSigned("bob.parley.test", Duration.ofDays(1));
        MsrpStackOptions aliceStackOptions = MsrpStackOptions.builder()
                .frameObserver(frames ? new FrameTrace(out) : null).build();
        MsrpStack aliceStack = MsrpStack.create(aliceStackOptions);
        MsrpStack bobStack = MsrpStack.create();
        ComediaEndpoint aliceEndpoint = null;
        ComediaEndpoint bobEndpoint = null;
        SipPhone alicePhone = null;
        SipPhone bobPhone = null;
        try {
            aliceEndpoint = await(ComediaEndpoint.start(aliceStack,
                    ComediaOptions.builder().tls(aliceCertificate).build()));
            bobEndpoint = await(ComediaEndpoint.start(bobStack,
                    ComediaOptions.builder().tls(bobCertificate).build()));
            Person bob = new Person("bob", dir);
            Person alice = new Person("alice", dir);
            CompletableFuture<SipPhone.Call> bobsCall = new CompletableFuture<>();
            bobPhone = SipPhone.start("bob", "127.0.0.1", 0, "udp", bobEndpoint, MsrpSessionOptions.defaults(),
                    new SipPhone.CallHandler() {
                        @Override
                        public MsrpSessionListener incoming(String caller) {
                            say("bob", "INVITE from " + caller + ": answering 200 OK with an SDP answer");
                            return bob;
                        }

                        @Override
                        public void answered(SipPhone.Call call) {
                            bobsCall.complete(call);
                        }
                    });
            alicePhone = SipPhone.start("alice", "127.0.0.1", 0, "udp", aliceEndpoint,
                    MsrpSessionOptions.defaults(), caller -> null);
            say("alice", "SIP phone " + alicePhone.uri() + ", certificate " + aliceCertificate.fingerprint()
                    .toAttributeValue());
            say("bob", "SIP phone " + bobPhone.uri() + ", certificate " + bobCertificate.fingerprint()
                    .toAttributeValue());

            say("alice", "INVITE " + bobPhone.uri() + " with an SDP offer");
            SipPhone.Call aliceCall = await(alicePhone.call(bobPhone.uri(), alice));
            SipPhone.Call bobCall = await(bobsCall);
            showSdp("alice", "offer ", aliceCall.session().localSdp());
            showSdp("bob", "answer", bobCall.session().localSdp());
            say("alice", "200 OK received, ACK sent: " + role(aliceCall.session()));
            say("bob", role(bobCall.session()));
            await(aliceCall.session().connected());
            await(bobCall.session().connected());
            say("demo", "MSRP connected over TLS; each side's certificate matched the a=fingerprint of its SDP");

            chat(alice, aliceCall, "Hello Bob! This message crosses a TLS connection that COMEDIA set up.");
            next(bob.texts);
            chat(bob, bobCall, "Hi Alice, got it. Send me the file?");
            next(alice.texts);
            sendFile(dir, aliceCall, bob);

            say("alice", "BYE");
            await(aliceCall.hangUp());
            await(bobCall.ended());
            await(bob.closed);
            say("bob", "200 OK to the BYE; the MSRP session is closed");
            say("demo", String.format(Locale.ROOT, "done in %.1f s", elapsedSeconds()));
        } finally {
            if (alicePhone != null) {
                alicePhone.close();
            }
            if (bobPhone != null) {
                bobPhone.close();
            }
            if (aliceEndpoint != null) {
                aliceEndpoint.closeAsync().get(10, TimeUnit.SECONDS);
            }
            if (bobEndpoint != null) {
                bobEndpoint.closeAsync().get(10, TimeUnit.SECONDS);
            }
            aliceStack.closeAsync().get(10, TimeUnit.SECONDS);
            bobStack.closeAsync().get(10, TimeUnit.SECONDS);
        }
    }

    private void chat(Person from, SipPhone.Call call, String text) throws Exception {
        say(from.name, "SEND \"" + text + "\"");
        MsrpSendResult result = await(call.session().session().send(OutgoingMessage.builder(
                        MsrpContentType.parse("text/plain;charset=UTF-8"),
                        MessageSource.of(text.getBytes(StandardCharsets.UTF_8)))
                .successReport(SuccessReport.YES).build()));
        say(from.name, "message " + result.messageId() + " delivered: 200 OK"
                + (result.confirmedBySuccessReport() ? " and a success REPORT" : ""));
    }

    private void sendFile(Path dir, SipPhone.Call call, Person receiver) throws Exception {
        long size = sizeMib * 1024L * 1024L;
        Path file = dir.resolve("holiday-video.bin");
        String sentSha256 = RandomFile.write(file, size, 4975);
        say("alice", String.format(Locale.ROOT, "SEND file %s, %d MiB, SHA-256 %s", file.getFileName(), sizeMib,
                sentSha256));
        ProgressBar bar = new ProgressBar(out, "      alice  " + file.getFileName(), size);
        AtomicLong lastProgress = new AtomicLong(System.nanoTime());
        CompletableFuture<MsrpSendResult> sending = call.session().session().send(OutgoingMessage.builder(
                        MsrpContentType.parse("application/octet-stream"), MessageSource.ofFile(file))
                .contentDisposition(ContentDisposition.attachment(file.getFileName().toString()))
                .successReport(SuccessReport.YES)
                .progressListener((id, sent, acknowledged, total) -> {
                    lastProgress.set(System.nanoTime());
                    bar.update(acknowledged);
                })
                .build());
        MsrpSendResult result;
        try {
            result = awaitWhileProgressing(sending, lastProgress);
        } catch (Exception e) {
            bar.finish("failed");
            throw e;
        }
        bar.finish("done");
        say("alice", String.format(Locale.ROOT, "file %s delivered in %d chunks%s", result.messageId(),
                result.chunks(), result.confirmedBySuccessReport() ? ", confirmed by a success REPORT" : ""));
        DigestingFileSink stored = next(receiver.files);
        boolean match = sentSha256.equals(stored.sha256());
        say("bob", "stored " + Files.size(stored.path()) + " bytes, SHA-256 " + stored.sha256()
                + (match ? " (matches)" : " (DOES NOT MATCH)"));
        if (!match) {
            throw new IllegalStateException("the file arrived changed: SHA-256 " + stored.sha256() + ", sent "
                    + sentSha256);
        }
    }

    private void showSdp(String who, String kind, String sdp) {
        MsrpMediaDescription media = MsrpMediaDescription.parse(sdp);
        say(who, "SDP " + kind + ": m=message " + media.port() + " " + media.transport().protocol() + ", a=setup:"
                + media.setup().map(Object::toString).orElse("(none)") + ", a=path:"
                + media.path().stream().map(Object::toString).collect(Collectors.joining(" ")));
        say(who, "            a=fingerprint:" + media.fingerprints().get(0).toAttributeValue());
    }

    private static String role(ComediaSession session) {
        return switch (session.outcome().orElseThrow().role()) {
            case CONNECT -> "COMEDIA: this side is active, it opens the TCP connection and is the TLS client";
            case ACCEPT -> "COMEDIA: this side is passive, it accepts the connection and is the TLS server";
        };
    }

    private <T> T await(CompletableFuture<T> future) throws Exception {
        return future.get(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    /** Waits for a transfer of any size for as long as it moves; it fails after the step timeout without progress. */
    private static <T> T awaitWhileProgressing(CompletableFuture<T> transfer, AtomicLong lastProgress)
            throws Exception {
        while (true) {
            try {
                return transfer.get(1, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                if (System.nanoTime() - lastProgress.get() > STEP_TIMEOUT.toNanos()) {
                    transfer.cancel(true);
                    throw new TimeoutException("the file made no progress for " + STEP_TIMEOUT.toSeconds() + " s");
                }
            }
        }
    }

    /** Waits for what a listener hands over, or fails after the step timeout instead of hanging. */
    private <T> T next(BlockingQueue<CompletableFuture<T>> arrivals) throws Exception {
        CompletableFuture<T> arrival = arrivals.poll(STEP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        if (arrival == null) {
            throw new TimeoutException("nothing arrived within " + STEP_TIMEOUT.toSeconds() + " s");
        }
        return await(arrival);
    }

    private double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private void say(String who, String what) {
        out.printf(Locale.ROOT, "%6.3f  %-5s  %s%n", elapsedSeconds(), who, what);
    }

    /** One side's MSRP listener: prints what arrives; runs on that side's MSRP event loop. */
    private final class Person implements MsrpSessionListener {
        final String name;
        final Path dir;
        final BlockingQueue<CompletableFuture<String>> texts = new LinkedBlockingQueue<>();
        final BlockingQueue<CompletableFuture<DigestingFileSink>> files = new LinkedBlockingQueue<>();
        final CompletableFuture<Void> closed = new CompletableFuture<>();

        Person(String name, Path dir) {
            this.name = name;
            this.dir = dir;
        }

        @Override
        public MessageSink onMessageStart(IncomingMessage message) {
            if (message.contentType().matches("text/*")) {
                return MessageSink.inMemory(64 * 1024);
            }
            return new DigestingFileSink(dir.resolve(name + "-received-" + message.messageId()));
        }

        @Override
        public void onMessageReceived(IncomingMessage message) {
            if (message.sink() instanceof InMemoryMessageSink text) {
                say(name, "received \"" + text.text() + "\"");
                texts.add(CompletableFuture.completedFuture(text.text()));
            } else {
                files.add(CompletableFuture.completedFuture((DigestingFileSink) message.sink()));
            }
        }

        @Override
        public void onMessageAborted(IncomingMessage message, MsrpException reason) {
            say(name, "message " + message.messageId() + " aborted: " + reason.getMessage());
            texts.add(CompletableFuture.failedFuture(reason));
            files.add(CompletableFuture.failedFuture(reason));
        }

        @Override
        public void onSessionClosed(Throwable cause) {
            closed.complete(null);
        }
    }
}
