package org.parley.msrp.examples.cli;

import org.parley.msrp.comedia.ComediaEndpoint;
import org.parley.msrp.comedia.ComediaOptions;
import org.parley.msrp.comedia.ComediaSession;
import org.parley.msrp.core.ForwardingMsrpSessionListener;
import org.parley.msrp.core.MsrpSession;
import org.parley.msrp.core.MsrpSessionListener;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.core.MsrpStack;
import org.parley.msrp.core.MsrpStackOptions;
import org.parley.msrp.examples.support.FrameTrace;
import org.parley.msrp.core.codec.MsrpContentType;
import org.parley.msrp.sdp.SdpNegotiationException;
import org.parley.msrp.tls.LocalCertificate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A command that establishes exactly one MSRP session through a {@link ComediaEndpoint} (the SDP decides who
 * connects, RFC 6135) and then runs an action on it, {@code send} or {@code receive}. It holds the options every
 * signalling shares, and the steps around the action: check the input, start the MSRP stack and endpoint, negotiate,
 * wait for the connection, run the action, end and clean up.
 *
 * <p>A subclass carries the SDP. It implements the contract below; {@code offer} and {@code answer} carry the SDP in
 * files, and a SIP command (call, listen) would carry it in INVITE and 200 through
 * {@link org.parley.msrp.comedia.MsrpDialogBinder}:
 * <ul>
 *   <li>{@link #negotiate}: create or answer the offer on the endpoint with the given options and listener, carry
 *       this side's SDP out and the peer's in, and return the {@link ComediaSession} once both are known (the
 *       endpoint then connects as they say). When the peer later ends the session through the signalling (a BYE),
 *       the subclass closes the MSRP session; the dialog binder does that.</li>
 *   <li>{@link #hangUp}: end the session from this side, the way the signalling does.</li>
 *   <li>{@link #releaseSignalling}: free what the signalling holds (a SIP stack); runs last, whatever happened.</li>
 *   <li>optionally {@link #reachable} (an offerer's {@code a=setup}) and {@link #writesSdpToStdout}.</li>
 * </ul>
 * Failures thrown from these map to exit codes through {@link ExitCodes#of}: throw
 * {@link SdpNegotiationException} or a {@link ParleyFailure} with the code that fits.
 */
@Command(subcommands = {SendAction.class, ReceiveAction.class})
public abstract class SignallingCommand {

    /** A passive session's own deadline lies past the command's, so that a peer that never connects is a timeout. */
    private static final Duration ACCEPT_MARGIN = Duration.ofSeconds(5);
    private static final long CLOSE_WAIT_SECONDS = 10;

    @ParentCommand
    private ParleyCli cli;

    @Spec
    private CommandSpec spec;

    @Option(names = "--host", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "Address to listen on and to advertise in the SDP (c= line, a=path); not a wildcard."
                    + " Default: ${DEFAULT-VALUE}.")
    private String host;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "0",
            description = "MSRP listening port; 0 takes any free one. Default: ${DEFAULT-VALUE}.")
    private int port;

    @Option(names = "--tls", description = "Use MSRP over TLS (msrps, TCP/TLS/MSRP) with a fresh self-signed"
            + " certificate; the peer's certificate must match the a=fingerprint of its SDP (RFC 8122).")
    private boolean tls;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "30",
            description = "How long to wait for the peer's SDP, for the MSRP connection, and for each response or"
                    + " progress of a message. Default: ${DEFAULT-VALUE}.")
    private double timeoutSeconds;

    @Option(names = "--accept-types", paramLabel = "TYPE", split = ",", defaultValue = "*",
            description = "Media types this side accepts (a=accept-types, RFC 4975 §8.6): *, type/* or"
                    + " type/subtype, comma-separated. Default: ${DEFAULT-VALUE}.")
    private List<String> acceptTypes;

    @Option(names = "--chunk-size", paramLabel = "BYTES",
            description = "Largest chunk sent (RFC 4975 §5.1). Default: 65536.")
    private Integer chunkSize;

    @Option(names = "--frames", description = "Print the MSRP frames on standard error as they cross the wire;"
            + " the middle chunks of long messages are counted, not printed.")
    private boolean frames;

    @Option(names = {"-v", "--verbose"},
            description = "Log to standard error: -v info, -vv debug, -vvv trace. Default: warnings only.")
    private boolean[] verbose = new boolean[0];

    /**
     * Carries the SDP: makes this side's offer or answer on {@code endpoint}, gets the peer's, and returns the session
     * once both are known. Blocks while it waits for the peer, at most {@link #timeout()} for each step.
     *
     * @param endpoint the endpoint, listening
     * @param options the session's options
     * @param listener the session's listener; pass it to the endpoint as it is
     * @return the negotiated session, connecting or waiting for its peer
     * @throws Exception when the exchange fails: {@link SdpNegotiationException} (exit code 3) or a
     *     {@link ParleyFailure} with its code; any other exception counts as a local error
     */
    protected abstract ComediaSession negotiate(ComediaEndpoint endpoint, MsrpSessionOptions options,
                                                MsrpSessionListener listener) throws Exception;

    /**
     * Ends the session from this side, the way the signalling does.
     *
     * @param session the session {@link #negotiate} returned
     * @return a future that completes when it is over
     */
    protected abstract CompletableFuture<Void> hangUp(ComediaSession session);

    /**
     * Frees what the signalling holds. Called once at the end, whether the session was established or not.
     *
     * @throws Exception if freeing fails; reported, after the MSRP stack is closed
     */
    protected void releaseSignalling() throws Exception {
    }

    /**
     * Tells whether peers can connect to this side, which decides an offer's {@code a=setup} (RFC 6135 §4.2.1):
     * {@code actpass} when reachable, {@code active} when not. Answers are always made as reachable.
     *
     * @return true by default
     */
    protected boolean reachable() {
        return true;
    }

    /**
     * Tells whether this command writes SDP to standard output; lines for a person then go to standard error.
     *
     * @return false by default
     */
    protected boolean writesSdpToStdout() {
        return false;
    }

    /**
     * Checks the signalling's own arguments before anything is set up.
     *
     * @throws ParameterException if they are unusable
     */
    protected void checkSignallingInput() {
    }

    /**
     * Returns the timeout.
     *
     * @return {@code --timeout}
     */
    protected final Duration timeout() {
        return Duration.ofNanos((long) (timeoutSeconds * 1e9));
    }

    /**
     * Returns the tool's standard streams.
     *
     * @return the root command, which holds them
     */
    protected final ParleyCli cli() {
        return cli;
    }

    /**
     * Returns the address this side listens on and advertises.
     *
     * @return {@code --host}
     */
    protected final String host() {
        return host;
    }

    /**
     * Tells a person what the signalling is doing, on standard error (standard output may carry JSON or SDP).
     *
     * @param line one line, without the tool's name
     */
    protected final void note(String line) {
        cli.stderr().println("parley: " + line);
        cli.stderr().flush();
    }

    /**
     * Returns this command's model, for {@link ParameterException}s.
     *
     * @return the spec
     */
    protected final CommandSpec spec() {
        return spec;
    }

    /**
     * Establishes the session and runs {@code action} on it. Called by the action, which picocli runs as this
     * command's subcommand.
     *
     * @param action the action
     * @return the exit code
     * @throws Exception a failure to establish the session, or of the action; mapped by {@link ExitCodes#of}
     */
    public final int run(SessionAction action) throws Exception {
        checkCommonInput();
        checkSignallingInput();
        action.checkInput();
        Logging.configure(verbose.length);
        Output output = new Output(cli.stdout(), cli.stderr(), writesSdpToStdout());
        SessionEnd end = new SessionEnd(action.listener(output));
        MsrpStack stack = MsrpStack.create(MsrpStackOptions.builder().ioThreads(1).connectTimeout(timeout())
                .frameObserver(frames ? new FrameTrace(cli.stderr()) : null).build());
        try {
            Established established;
            try {
                established = establish(stack, end);
            } catch (Exception e) {
                action.notEstablished(e, output);
                throw e;
            }
            return action.run(established, output);
        } finally {
            try {
                releaseSignalling();
            } finally {
                stack.closeAsync().get(CLOSE_WAIT_SECONDS, TimeUnit.SECONDS);
            }
        }
    }

    private Established establish(MsrpStack stack, SessionEnd end) throws Exception {
        ComediaEndpoint endpoint = await(ComediaEndpoint.start(stack, endpointOptions()));
        ComediaSession negotiated = negotiate(endpoint, sessionOptions(), end);
        try {
            return new Established(negotiated, negotiated.connected().get(timeout().toNanos(),
                    TimeUnit.NANOSECONDS), end.ended);
        } catch (TimeoutException e) {
            throw new ParleyFailure(ExitCodes.TIMEOUT, "the MSRP connection was not up within "
                    + Durations.seconds(timeout()), null);
        } catch (ExecutionException e) {
            Throwable cause = ExitCodes.unwrap(e);
            if (cause instanceof SdpNegotiationException negotiation) {
                throw negotiation;
            }
            // A refusal of the first request (481) is a failure to connect, not of a message.
            throw new ParleyFailure(ExitCodes.CONNECTION_FAILED, "the MSRP connection failed: "
                    + ExitCodes.describe(cause), cause);
        }
    }

    private <T> T await(CompletableFuture<T> future) throws Exception {
        try {
            return future.get(timeout().toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = ExitCodes.unwrap(e);
            throw cause instanceof Exception exception ? exception : e;
        }
    }

    private ComediaOptions endpointOptions() {
        ComediaOptions.Builder options = ComediaOptions.builder()
                .listenAddress(new InetSocketAddress(host, port))
                .advertisedHost(host)
                .reachable(reachable())
                .acceptTimeout(timeout().plus(ACCEPT_MARGIN));
        if (tls) {
            options.tls(LocalCertificate.selfSigned(host, Duration.ofDays(1)));
        }
        return options.build();
    }

    private MsrpSessionOptions sessionOptions() {
        MsrpSessionOptions.Builder options = MsrpSessionOptions.builder()
                .transactionTimeout(timeout())
                .acceptTypes(acceptTypes);
        if (chunkSize != null) {
            options.chunkSize(chunkSize);
        }
        return options.build();
    }

    private void checkCommonInput() {
        if (!(timeoutSeconds > 0) || timeoutSeconds > 86_400) {
            throw new ParameterException(spec.commandLine(), "--timeout must be above 0 and at most a day: "
                    + timeoutSeconds);
        }
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0 to 65535: " + port);
        }
        if (chunkSize != null && chunkSize < 1) {
            throw new ParameterException(spec.commandLine(), "--chunk-size must be at least 1: " + chunkSize);
        }
        try {
            if (InetAddress.getByName(host).isAnyLocalAddress()) {
                throw new ParameterException(spec.commandLine(), "--host " + host + " is a wildcard address; give"
                        + " the address the peer reaches, it goes into the SDP");
            }
        } catch (UnknownHostException e) {
            throw new ParameterException(spec.commandLine(), "--host " + host + " is unknown: " + e.getMessage());
        }
        MsrpContentType probe = MsrpContentType.parse("text/plain");
        for (String type : acceptTypes) {
            try {
                probe.matches(type.trim());
            } catch (IllegalArgumentException e) {
                throw new ParameterException(spec.commandLine(), "--accept-types: " + e.getMessage());
            }
        }
    }

    /** Passes every event to the action's listener, and tells when the session is over. */
    private static final class SessionEnd extends ForwardingMsrpSessionListener {
        private final CompletableFuture<Throwable> ended = new CompletableFuture<>();

        SessionEnd(MsrpSessionListener delegate) {
            super(delegate);
        }

        @Override
        public void onSessionClosed(Throwable cause) {
            try {
                super.onSessionClosed(cause);
            } finally {
                ended.complete(cause);
            }
        }
    }

    /** The session as the action sees it. */
    private final class Established implements EstablishedSession {
        private final ComediaSession negotiated;
        private final MsrpSession session;
        private final CompletableFuture<Throwable> ended;
        private CompletableFuture<Void> ending;

        Established(ComediaSession negotiated, MsrpSession session, CompletableFuture<Throwable> ended) {
            this.negotiated = negotiated;
            this.session = session;
            this.ended = ended;
        }

        @Override
        public MsrpSession session() {
            return session;
        }

        @Override
        public synchronized CompletableFuture<Void> end() {
            if (ending == null) {
                ending = hangUp(negotiated);
            }
            return ending;
        }

        @Override
        public CompletableFuture<Throwable> ended() {
            return ended;
        }

        @Override
        public Duration timeout() {
            return SignallingCommand.this.timeout();
        }
    }
}
