package org.parley.msrp.comedia;

import org.parley.msrp.core.ConnectionSecurity;
import org.parley.msrp.core.ForwardingMsrpSessionListener;
import org.parley.msrp.core.MsrpServer;
import org.parley.msrp.core.MsrpSession;
import org.parley.msrp.core.MsrpSessionListener;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.core.MsrpStack;
import org.parley.msrp.core.MsrpTlsVerificationException;
import org.parley.msrp.sdp.Fingerprint;
import org.parley.msrp.sdp.MsrpAnswerer;
import org.parley.msrp.sdp.MsrpMediaDescription;
import org.parley.msrp.sdp.MsrpOfferBuilder;
import org.parley.msrp.sdp.SdpAnswer;
import org.parley.msrp.sdp.SdpNegotiationException;
import org.parley.msrp.sdp.SetupRole;
import org.parley.msrp.tls.TlsConnectionSecurity;

import javax.net.ssl.SSLException;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

/**
 * MSRP sessions set up by SDP offer/answer with COMEDIA (RFC 6135, RFC 4145): the negotiation decides which side
 * opens the TCP connection, so that an endpoint behind a NAT can take part without a relay.
 *
 * <p>One endpoint has one listening socket, shared by all its passive sessions, and opens connections for its
 * active ones through its {@link MsrpStack} (whose {@link org.parley.msrp.core.MsrpStackOptions#connectTimeout()}
 * bounds each connect). The passive side accepts connections from any address (NATs rewrite them) and binds each to
 * a session only when its first request authenticates it: the To-Path names the session and the From-Path is the
 * peer's negotiated {@code a=path} (see {@link org.parley.msrp.core.InboundAuthentication}, and the stack's limits
 * on unbound connections). The active side sends its first request at once: a queued message, or an empty SEND.
 *
 * <pre>{@code
 * ComediaEndpoint endpoint = ComediaEndpoint.start(stack, ComediaOptions.defaults()).get();
 * ComediaSession call = endpoint.createOffer(MsrpSessionOptions.defaults(), listener);
 * // carry call.localSdp() to the peer (SIP INVITE), then with its answer:
 * call.applyAnswer(answerSdp);
 * call.connected().thenCompose(session -> session.send(OutgoingMessage.text("Hello")));
 * }</pre>
 *
 * <p>For SIP, {@link MsrpDialogBinder} does the offer/answer from the host's own {@code SipListener}.
 *
 * <p>Thread-safe. Futures complete on Netty event loop threads.
 */
public final class ComediaEndpoint {

    /** The port of an own URI that will not be listened on (RFC 4145 §4.1, RFC 6135 §4.2.2: the discard port). */
    static final int DISCARD_PORT = 9;

    private final MsrpStack stack;
    private final ComediaOptions options;
    private final MsrpServer server;
    private final Set<MsrpSession> sessions = ConcurrentHashMap.newKeySet();
    /** With TLS: the fingerprints of the peers that passive sessions wait for, which the listening socket admits. */
    private final Map<MsrpSession, List<Fingerprint>> awaitedPeers;
    private final AtomicInteger pendingOffers;

    private ComediaEndpoint(MsrpStack stack, ComediaOptions options, MsrpServer server,
                            Map<MsrpSession, List<Fingerprint>> awaitedPeers, AtomicInteger pendingOffers) {
        this.stack = stack;
        this.options = options;
        this.server = server;
        this.awaitedPeers = awaitedPeers;
        this.pendingOffers = pendingOffers;
    }

    /**
     * With TLS: counts offers of this side waiting for their answer. While there are any, the listening socket lets
     * through a valid certificate it cannot match yet, since an answerer that connects at once may come before its
     * answer (RFC 6135 §4.2); the session it names checks it.
     */
    void offerPending(boolean pending) {
        if (pending) {
            pendingOffers.incrementAndGet();
        } else {
            pendingOffers.decrementAndGet();
        }
    }

    /**
     * Starts an endpoint: binds its listening socket.
     *
     * @param stack the stack whose event loops, limits and sessions the endpoint uses
     * @param options the options
     * @return the endpoint once it listens, or a failure with {@link org.parley.msrp.core.MsrpConnectionException}
     */
    public static CompletableFuture<ComediaEndpoint> start(MsrpStack stack, ComediaOptions options) {
        Objects.requireNonNull(stack, "stack");
        Objects.requireNonNull(options, "options");
        Map<MsrpSession, List<Fingerprint>> awaitedPeers = new ConcurrentHashMap<>();
        AtomicInteger pendingOffers = new AtomicInteger();
        ConnectionSecurity security = null;
        if (options.tls() != null) {
            try {
                security = TlsConnectionSecurity.accepting(options.tls(), () -> awaitedPeers.values().stream()
                        .flatMap(List::stream).collect(Collectors.toSet()), options.trustStore(),
                        () -> pendingOffers.get() > 0, options.sslProvider());
            } catch (SSLException | RuntimeException e) {
                return CompletableFuture.failedFuture(new MsrpTlsVerificationException(
                        "cannot set up TLS with the local certificate: " + e.getMessage(), e));
            }
        }
        return stack.listen(options.listenAddress(), security)
                .thenApply(server -> new ComediaEndpoint(stack, options, server, awaitedPeers, pendingOffers));
    }

    /** With TLS, admits a passive session's peer to the listening socket until the session is connected or closed. */
    void awaitPeer(MsrpSession session, List<Fingerprint> fingerprints) {
        awaitedPeers.put(session, fingerprints);
        session.whenConnected().whenComplete((v, e) -> awaitedPeers.remove(session));
    }

    /**
     * Returns the address the endpoint listens on.
     *
     * @return the bound address, with the port chosen when 0 was asked
     */
    public InetSocketAddress localAddress() {
        return server.localAddress();
    }

    /**
     * Returns the stack.
     *
     * @return the stack the endpoint was started on
     */
    public MsrpStack stack() {
        return stack;
    }

    /**
     * Returns the options.
     *
     * @return the endpoint's options
     */
    public ComediaOptions options() {
        return options;
    }

    /**
     * Makes a session and its SDP offer ({@link ComediaSession#localSdp()}): {@code a=setup:actpass} when the
     * endpoint is {@link ComediaOptions#reachable() reachable}, {@code active} otherwise (RFC 6135 §4.2.1), with the
     * accept types, wrapped types and maximum size of {@code sessionOptions}. The session's URI takes the advertised
     * host and the listening port (port 9 for an {@code active} offer, which never listens), whatever
     * {@code sessionOptions} says about them.
     *
     * @param sessionOptions the session's options
     * @param listener told of incoming messages, on the session's event loop
     * @return the offering session; give it the answer with {@link ComediaSession#applyAnswer(String)}
     */
    public ComediaSession createOffer(MsrpSessionOptions sessionOptions, MsrpSessionListener listener) {
        MsrpSession session = newSession(sessionOptions, listener, !options.reachable());
        MsrpOfferBuilder offer = MsrpOfferBuilder.offer()
                .localPath(List.of(session.localUri()))
                .tls(options.tls() != null)
                .fingerprints(localFingerprints())
                .acceptTypes(sessionOptions.acceptTypes())
                .acceptWrappedTypes(sessionOptions.acceptWrappedTypes())
                .reachable(options.reachable())
                .cema(options.cema());
        if (sessionOptions.maxMessageSize() != Long.MAX_VALUE) {
            offer.maxSize(sessionOptions.maxMessageSize());
        }
        String sdp;
        try {
            sdp = offer.build();
        } catch (RuntimeException e) {
            session.closeAsync();
            throw e;
        }
        return ComediaSession.offering(this, session, sdp);
    }

    /**
     * Answers an SDP offer: makes a session and the answer ({@link ComediaSession#localSdp()}), then connects or
     * waits for the peer as the negotiation says. An offer whose MSRP stream cannot be accepted gets an answer that
     * rejects the stream with port 0 (RFC 3264 §6); the returned session is then
     * {@link ComediaSession#isRejected() rejected} and closed.
     *
     * @param offerSdp the offered SDP body
     * @param sessionOptions the session's options; host and port of its URI are the endpoint's, as for
     *     {@link #createOffer}
     * @param listener told of incoming messages, on the session's event loop
     * @return the answering session
     * @throws SdpNegotiationException if {@code offerSdp} is not SDP or has no {@code m=message} line
     */
    public ComediaSession answer(String offerSdp, MsrpSessionOptions sessionOptions, MsrpSessionListener listener) {
        Objects.requireNonNull(offerSdp, "offerSdp");
        MsrpSession session = newSession(sessionOptions, listener, answersActive(offerSdp));
        SdpAnswer answer;
        try {
            answer = answerer(session, sessionOptions).answer(offerSdp);
        } catch (RuntimeException e) {
            session.closeAsync();
            throw e;
        }
        return ComediaSession.answering(this, session, answer);
    }

    /**
     * Whether this endpoint will be the active side for this offer, which must be known before the session is made:
     * an active side's own URI carries the discard port (RFC 6135 §4.2.2, RFC 4145 §4.1).
     */
    private boolean answersActive(String offerSdp) {
        MsrpMediaDescription offered;
        try {
            offered = MsrpMediaDescription.parse(offerSdp);
        } catch (SdpNegotiationException e) {
            // The answerer rejects or refuses this offer; the session it makes is closed at once.
            return false;
        }
        SetupRole setup = offered.setup().orElse(SetupRole.ACTIVE);
        return setup == SetupRole.PASSIVE || (setup == SetupRole.ACTPASS && !options.reachable());
    }

    /** The answerer for one session, whose own URI is its path. */
    MsrpAnswerer answerer(MsrpSession session, MsrpSessionOptions sessionOptions) {
        MsrpAnswerer.Builder answerer = MsrpAnswerer.builder();
        if (options.tls() == null) {
            answerer.tcpPath(List.of(session.localUri()));
        } else {
            // With TLS only TCP/TLS/MSRP is answered: the listening socket speaks nothing else.
            answerer.tlsPath(List.of(session.localUri())).fingerprints(localFingerprints());
        }
        answerer
                .acceptTypes(sessionOptions.acceptTypes())
                .acceptWrappedTypes(sessionOptions.acceptWrappedTypes())
                .reachable(options.reachable())
                .cema(options.cema())
                .negotiation(options.negotiation());
        if (sessionOptions.maxMessageSize() != Long.MAX_VALUE) {
            answerer.maxSize(sessionOptions.maxMessageSize());
        }
        return answerer.build();
    }

    private List<Fingerprint> localFingerprints() {
        return options.tls() == null ? List.of() : List.of(options.tls().fingerprint());
    }

    private MsrpSession newSession(MsrpSessionOptions sessionOptions, MsrpSessionListener listener, boolean active) {
        Objects.requireNonNull(sessionOptions, "sessionOptions");
        Objects.requireNonNull(listener, "listener");
        MsrpSessionOptions located = sessionOptions.toBuilder()
                .localHost(options.advertisedHost())
                .localPort(active ? DISCARD_PORT : server.localAddress().getPort())
                .secure(options.tls() != null)
                .build();
        TrackingListener tracking = new TrackingListener(listener);
        MsrpSession session = stack.newSession(located, tracking);
        tracking.session = session;
        sessions.add(session);
        return session;
    }

    /**
     * Stops listening and closes every session this endpoint made (their pending sends fail with
     * {@link org.parley.msrp.core.MsrpSessionClosedException}). The stack stays open.
     *
     * @return a future that completes when all is closed
     */
    public CompletableFuture<Void> closeAsync() {
        List<CompletableFuture<?>> steps = new ArrayList<>();
        steps.add(server.closeAsync());
        for (MsrpSession session : sessions) {
            steps.add(session.closeAsync());
        }
        return CompletableFuture.allOf(steps.toArray(new CompletableFuture<?>[0]));
    }

    /** Passes every event on, and forgets the session when it closes. */
    private final class TrackingListener extends ForwardingMsrpSessionListener {
        private volatile MsrpSession session;

        TrackingListener(MsrpSessionListener delegate) {
            super(delegate);
        }

        @Override
        public void onSessionClosed(Throwable cause) {
            MsrpSession closed = session;
            if (closed != null) {
                sessions.remove(closed);
            }
            super.onSessionClosed(cause);
        }
    }
}
