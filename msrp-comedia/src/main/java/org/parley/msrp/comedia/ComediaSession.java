package org.parley.msrp.comedia;

import io.netty.util.NetUtil;
import io.netty.util.concurrent.ScheduledFuture;
import org.parley.msrp.core.ConnectionSecurity;
import org.parley.msrp.core.MsrpConnection;
import org.parley.msrp.core.MsrpConnectionException;
import org.parley.msrp.core.MsrpException;
import org.parley.msrp.core.MsrpSession;
import org.parley.msrp.core.MsrpSessionClosedException;
import org.parley.msrp.core.MsrpTlsVerificationException;
import org.parley.msrp.core.MsrpTransactionTimeoutException;
import org.parley.msrp.core.codec.MsrpUri;
import org.parley.msrp.sdp.CemaFallbackRequiredException;
import org.parley.msrp.sdp.ConnectionRole;
import org.parley.msrp.sdp.Fingerprint;
import org.parley.msrp.sdp.MsrpOfferBuilder;
import org.parley.msrp.sdp.NegotiationOutcome;
import org.parley.msrp.sdp.SdpAnswer;
import org.parley.msrp.sdp.SdpNegotiationException;
import org.parley.msrp.tls.CertificateFingerprints;
import org.parley.msrp.tls.LocalCertificate;
import org.parley.msrp.tls.TlsConnectionSecurity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.KeyStore;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One MSRP session negotiated by SDP offer/answer on a {@link ComediaEndpoint}: the session, the SDP this side
 * sent last, the outcome of the exchange, and the connection set up as RFC 6135 says.
 *
 * <p>Once an exchange is settled (an answer applied, or an offer answered) the connection is set up once: the
 * {@link ConnectionRole#CONNECT active} side dials the negotiated address and sends its first request at once (a
 * queued message, or an empty SEND); the {@link ConnectionRole#ACCEPT passive} side waits, up to
 * {@link ComediaOptions#acceptTimeout()}, for a connection whose first request authenticates the peer.
 * {@link #connected()} tells when the session can be used; a session whose connection fails is closed, and its
 * pending sends fail with the same typed error. Later exchanges in the dialog (re-offers, RFC 4975 §8.4) update
 * the peer's path and keep the connection.
 *
 * <p>Thread-safe: the SIP stack's threads may call any method. Futures complete on the session's event loop.
 */
public final class ComediaSession {

    private static final Logger log = LoggerFactory.getLogger(ComediaSession.class);

    private final ComediaEndpoint endpoint;
    private final MsrpSession session;
    private final CompletableFuture<MsrpSession> connected = new CompletableFuture<>();
    private String localSdp;
    /** The SDP this side sent in the last settled exchange, which stands when a re-offer fails (RFC 3264 §8). */
    private String settledSdp;
    /** The offer this side sent that waits for its answer; null when none waits. */
    private String pendingOffer;
    private NegotiationOutcome outcome;
    private String rejection;
    private boolean connectionStarted;
    /** Whether an answer asked for a new offer without CEMA (RFC 6714 §4.2). */
    private boolean cemaFallback;
    /** Whether this side's TLS offer counts as pending on the endpoint; see {@code ComediaEndpoint.offerPending}. */
    private boolean countedAsPendingOffer;
    /** With TLS: how the negotiated peer is recognised, set when an exchange settles; null before. */
    private Predicate<MsrpConnection> peerCheck;

    private ComediaSession(ComediaEndpoint endpoint, MsrpSession session, String localSdp) {
        this.endpoint = endpoint;
        this.session = session;
        this.localSdp = localSdp;
        // A session closed before it had a connection (dialog ended, stack closed) ends the wait for one.
        session.whenConnected().whenComplete((v, e) -> {
            releasePendingOffer();
            if (e != null) {
                failConnected(asMsrpException(e, "session closed"));
            }
        });
        if (endpoint.options().tls() != null) {
            // Installed before anything can bind the session: only the negotiated TLS peer ever does (RFC 6135 §4.3).
            session.inboundCheck(this::isNegotiatedPeer);
        }
    }

    /**
     * The TLS peer of a connection this session did not open is the one the SDP negotiated: its certificate matches
     * the peer's fingerprints (RFC 8122 §5.1) or, without fingerprints, is trusted by PKIX and names the host of the
     * peer's {@code a=path} (RFC 4975 §5.4). Before the answer is in, nobody is.
     */
    private boolean isNegotiatedPeer(MsrpConnection connection) {
        Predicate<MsrpConnection> check;
        synchronized (this) {
            check = peerCheck;
        }
        return check != null && check.test(connection);
    }

    /** Stops counting this session's offer as pending, once. */
    private void releasePendingOffer() {
        boolean release;
        synchronized (this) {
            release = countedAsPendingOffer;
            countedAsPendingOffer = false;
        }
        if (release) {
            endpoint.offerPending(false);
        }
    }

    static ComediaSession offering(ComediaEndpoint endpoint, MsrpSession session, String offer) {
        ComediaSession offering = new ComediaSession(endpoint, session, offer);
        offering.pendingOffer = offer;
        if (endpoint.options().tls() != null) {
            endpoint.offerPending(true);
            offering.countedAsPendingOffer = true;
        }
        return offering;
    }

    static ComediaSession answering(ComediaEndpoint endpoint, MsrpSession session, SdpAnswer answer) {
        ComediaSession answering = new ComediaSession(endpoint, session, answer.sdp());
        synchronized (answering) {
            if (answer.isRejected()) {
                answering.reject(answer.rejectionReason().orElse("the offer was rejected"));
            } else {
                answering.settle(answer.outcome());
            }
        }
        return answering;
    }

    /**
     * Returns the MSRP session.
     *
     * @return the session, usable before it is connected (messages wait in its queue)
     */
    public MsrpSession session() {
        return session;
    }

    /**
     * Returns the SDP this side sent last in the exchange: the offer, or the answer.
     *
     * @return the whole SDP body
     */
    public synchronized String localSdp() {
        return localSdp;
    }

    /**
     * Returns the outcome of the last settled exchange.
     *
     * @return the outcome, or empty while the first offer waits for its answer or when the offer was rejected
     */
    public synchronized Optional<NegotiationOutcome> outcome() {
        return Optional.ofNullable(outcome);
    }

    /**
     * Tells whether this side rejected the peer's offer (an answer with port 0), or the peer rejected this side's
     * offer.
     *
     * @return whether the MSRP stream was rejected
     */
    public synchronized boolean isRejected() {
        return rejection != null;
    }

    /**
     * Returns why the stream was rejected.
     *
     * @return the reason, or empty when it was not
     */
    public synchronized Optional<String> rejectionReason() {
        return Optional.ofNullable(rejection);
    }

    /**
     * Returns a future for the connection: on the active side it completes with the session once its empty SEND was
     * answered or, when messages were queued, once the connection is bound and the first of them is on its way (a
     * refusal of that message then fails the message and ends the session); on the passive side, once a connection
     * whose first request authenticated the peer is bound. It fails
     * with {@link SdpNegotiationException} when the exchange failed, {@link MsrpConnectionException} when the
     * connection could not be opened or the peer did not connect in time,
     * {@link org.parley.msrp.core.MsrpStatusException} when the peer refused the first request (481: it did not
     * recognise this side), or {@link MsrpSessionClosedException} when the session was closed first.
     *
     * @return the future; the same one on every call
     */
    public CompletableFuture<MsrpSession> connected() {
        return connected;
    }

    /**
     * Applies the peer's answer to the offer this side sent (RFC 3264 §5, RFC 6135 §4.2): sets the peer's path and,
     * for the first exchange, sets up the connection. When the answer is unusable (rejected with port 0, or against
     * the rules) an initial exchange ends the session; a failed re-offer leaves the session as it was (RFC 3264 §8).
     *
     * @param answerSdp the peer's SDP answer
     * @return the outcome
     * @throws CemaFallbackRequiredException if the answer shows a middlebox without CEMA support (RFC 6714 §4.2): the
     *     session stays, and the next {@link #createReoffer()} makes the new offer without CEMA that must follow
     * @throws SdpNegotiationException if the answer is not usable
     * @throws IllegalStateException if no offer of this side waits for an answer
     */
    public synchronized NegotiationOutcome applyAnswer(String answerSdp) {
        Objects.requireNonNull(answerSdp, "answerSdp");
        if (pendingOffer == null) {
            throw new IllegalStateException("no offer of session " + session.localUri() + " waits for an answer");
        }
        String offer = pendingOffer;
        pendingOffer = null;
        NegotiationOutcome result;
        try {
            result = endpoint.options().negotiation().offererOutcome(offer, answerSdp);
        } catch (CemaFallbackRequiredException e) {
            // RFC 6714 §4.2: not a failure, but a new offer without CEMA is due (createReoffer() makes it).
            cemaFallback = true;
            localSdp = connectionStarted ? settledSdp : offer;
            throw e;
        } catch (SdpNegotiationException e) {
            if (connectionStarted) {
                localSdp = settledSdp;
            } else {
                reject(e.getMessage());
            }
            throw e;
        }
        settle(result);
        return result;
    }

    /**
     * Tells whether the last answer asked for a new offer without CEMA (RFC 6714 §4.2: a middlebox rewrote the
     * answer's c=/m= without CEMA support). The session waits for it: send {@link #createReoffer()} (with SIP,
     * {@link MsrpDialogBinder#reoffer}) and apply its answer.
     *
     * @return whether a new offer is due
     */
    public synchronized boolean reofferRequired() {
        return cemaFallback && pendingOffer == null && outcome == null;
    }

    /**
     * Makes a new offer for the same session (RFC 4975 §8.4, RFC 3264 §8), from the SDP this side sent last; apply
     * the peer's answer with {@link #applyAnswer(String)}.
     *
     * @return the new offer
     * @throws IllegalStateException if the stream was rejected or an offer already waits for its answer
     */
    public synchronized String createReoffer() {
        if (rejection != null) {
            throw new IllegalStateException("the MSRP stream was rejected: " + rejection);
        }
        if (pendingOffer != null) {
            throw new IllegalStateException("an offer of session " + session.localUri() + " waits for its answer");
        }
        MsrpOfferBuilder offer = MsrpOfferBuilder.updating(localSdp);
        if (cemaFallback) {
            offer.cema(false);
        }
        localSdp = offer.build();
        pendingOffer = localSdp;
        return localSdp;
    }

    /**
     * Answers a new offer from the peer for this session (a re-INVITE, RFC 4975 §8.4): the peer's path is updated
     * and the connection kept. An offer that disables or breaks the stream gets a port-0 answer and ends the session.
     *
     * @param offerSdp the peer's new offer
     * @return the answer to send back
     * @throws SdpNegotiationException if {@code offerSdp} is not SDP or has no {@code m=message} line
     * @throws IllegalStateException if the stream was rejected already
     */
    public synchronized String answerReoffer(String offerSdp) {
        Objects.requireNonNull(offerSdp, "offerSdp");
        if (rejection != null) {
            throw new IllegalStateException("the MSRP stream was rejected: " + rejection);
        }
        SdpAnswer answer = endpoint.answerer(session, session.options()).answer(offerSdp, localSdp);
        localSdp = answer.sdp();
        if (answer.isRejected()) {
            reject(answer.rejectionReason().orElse("the new offer was rejected"));
        } else {
            settle(answer.outcome());
        }
        return localSdp;
    }

    /**
     * The offer this side sent got no answer (the INVITE failed): a first offer ends the session with
     * {@code reason}; a re-offer is forgotten and the last settled exchange stands (RFC 3264 §8).
     */
    synchronized void offerFailed(String reason) {
        if (pendingOffer == null) {
            return;
        }
        pendingOffer = null;
        if (connectionStarted) {
            localSdp = settledSdp;
        } else {
            releasePendingOffer();
            MsrpSessionClosedException failure = new MsrpSessionClosedException("session " + session.localUri()
                    + " ends: " + reason);
            failConnected(failure);
            session.closeAsync(failure);
        }
    }

    /**
     * The SIP dialog ended: an orderly close once connected; before that, pending sends and {@link #connected()}
     * fail, since nothing was ever delivered.
     */
    void dialogEnded() {
        if (connected.isDone()) {
            session.closeAsync();
        } else {
            session.closeAsync(new MsrpSessionClosedException("the SIP dialog of session " + session.localUri()
                    + " ended before the MSRP session was connected"));
        }
    }

    /** Tells whether the session is over: rejected, failed before connecting, or connected and then closed. */
    boolean isEnded() {
        return isRejected() || connected.isCompletedExceptionally() || (connected.isDone() && !session.isConnected());
    }

    /** Tells whether an offer of this side waits for its answer. */
    synchronized boolean awaitsAnswer() {
        return pendingOffer != null;
    }

    /**
     * Closes the session (see {@link MsrpSession#closeAsync()}).
     *
     * @return a future that completes when the session is closed
     */
    public CompletableFuture<Void> closeAsync() {
        return session.closeAsync();
    }

    private void reject(String reason) {
        releasePendingOffer();
        rejection = reason;
        outcome = null;
        SdpNegotiationException failure = new SdpNegotiationException("MSRP stream rejected: " + reason, null,
                "RFC 3264 section 6");
        failConnected(failure);
        session.closeAsync(failure);
    }

    private void settle(NegotiationOutcome result) {
        outcome = result;
        settledSdp = localSdp;
        MsrpTlsVerificationException unverifiable = null;
        if (endpoint.options().tls() != null) {
            try {
                peerCheck = peerCheck(result);
            } catch (MsrpTlsVerificationException e) {
                unverifiable = e;
            }
        }
        // The peer check is in place before the remote path wakes any connection that came before the answer.
        session.remotePath(result.remotePath());
        if (connectionStarted) {
            return;
        }
        connectionStarted = true;
        releasePendingOffer();
        if (unverifiable != null) {
            session.closeAsync(unverifiable);
            failConnected(unverifiable);
            return;
        }
        if (result.role() == ConnectionRole.CONNECT) {
            // RFC 6135 §4.2: the active side accepts no connection for the session; nobody may take its place.
            session.acceptInbound(false);
            connect(result.dialAddress());
        } else {
            accept();
        }
    }

    /** The active side (RFC 6135 §4.2): dial, then send a request at once (RFC 4975 §5.4). */
    private void connect(InetSocketAddress dial) {
        ConnectionSecurity security;
        try {
            security = security();
        } catch (MsrpException e) {
            session.closeAsync(e);
            failConnected(e);
            return;
        }
        resolve(dial)
                .thenCompose(address -> security == null ? endpoint.stack().connect(address)
                        : endpoint.stack().connect(address, security))
                .thenCompose(session::attachActive)
                .whenComplete((v, e) -> {
                    if (e == null) {
                        onConnected();
                        return;
                    }
                    MsrpException reason = asMsrpException(e, "cannot connect to " + dial);
                    log.info("MSRP session {} could not connect to {}: {}", session.localUri(), dial,
                            reason.getMessage());
                    session.closeAsync(reason);
                    failConnected(reason);
                });
    }

    /**
     * How this session recognises its TLS peer (RFC 8122 §5, RFC 4975 §14.2), or why it cannot: a peer whose SDP
     * has no usable fingerprint can only be verified by PKIX, which needs a trust store.
     */
    private Predicate<MsrpConnection> peerCheck(NegotiationOutcome result) {
        List<Fingerprint> fingerprints = result.remoteFingerprints();
        if (!fingerprints.isEmpty()) {
            if (!CertificateFingerprints.anySupported(fingerprints)) {
                throw new MsrpTlsVerificationException("the peer's a=fingerprint uses no hash function this side"
                        + " supports " + CertificateFingerprints.supportedHashes(), null);
            }
            return TlsConnectionSecurity.peerMatches(fingerprints);
        }
        KeyStore trustStore = endpoint.options().trustStore();
        if (trustStore == null) {
            throw new MsrpTlsVerificationException("the peer's SDP has no a=fingerprint, and no trust store is"
                    + " configured for verification by PKIX", null);
        }
        MsrpUri peer = result.remotePath().get(result.remotePath().size() - 1);
        try {
            return TlsConnectionSecurity.peerTrusted(trustStore, peer.host());
        } catch (SSLException e) {
            throw new MsrpTlsVerificationException("unusable trust store: " + e.getMessage(), e);
        }
    }

    /**
     * The TLS of the connection this active side opens: the TLS client, verifying the peer's certificate against
     * the fingerprints of its SDP (RFC 6135 §4.3, RFC 8122 §5) or by PKIX; null for plain TCP.
     */
    private ConnectionSecurity security() {
        LocalCertificate local = endpoint.options().tls();
        if (local == null || !outcome.isTls()) {
            return null;
        }
        try {
            if (outcome.remoteFingerprints().isEmpty()) {
                // RFC 4975 §14.2: the certificate must name the host of the URI connected to.
                return TlsConnectionSecurity.pkix(local, endpoint.options().trustStore(),
                        outcome.remotePath().get(0).host(), endpoint.options().sslProvider());
            }
            return TlsConnectionSecurity.toPeer(local, outcome.remoteFingerprints(), endpoint.options().sslProvider());
        } catch (SSLException | RuntimeException e) {
            throw new MsrpConnectionException("cannot set up TLS: " + e.getMessage(), e);
        }
    }

    /** The passive side: the stack binds the first connection that authenticates as the peer, or time runs out. */
    private void accept() {
        if (endpoint.options().tls() != null && !outcome.remoteFingerprints().isEmpty()) {
            // The listening socket lets this peer through its handshake; the session's own check follows.
            endpoint.awaitPeer(session, outcome.remoteFingerprints());
        }
        long timeoutNanos = endpoint.options().acceptTimeout().toNanos();
        ScheduledFuture<?> timer = session.executor().schedule(() -> {
            if (!session.isConnected()) {
                session.closeAsync(new MsrpConnectionException("the peer did not connect to session "
                        + session.localUri() + " within " + TimeUnit.NANOSECONDS.toMillis(timeoutNanos) + " ms",
                        null));
            }
        }, timeoutNanos, TimeUnit.NANOSECONDS);
        session.whenConnected().whenComplete((v, e) -> {
            timer.cancel(false);
            if (e == null) {
                onConnected();
            } else {
                failConnected(asMsrpException(e, "session closed"));
            }
        });
    }

    /** Fails {@link #connected()} on the session's event loop, as its Javadoc promises. */
    private void failConnected(MsrpException reason) {
        session.executor().execute(() -> connected.completeExceptionally(reason));
    }

    private void onConnected() {
        long interval = endpoint.options().keepAliveInterval().toNanos();
        if (interval > 0) {
            KeepAlive keepAlive = new KeepAlive();
            keepAlive.timer = session.executor().scheduleAtFixedRate(keepAlive, interval, interval,
                    TimeUnit.NANOSECONDS);
        }
        session.executor().execute(() -> connected.complete(session));
    }

    /** An empty SEND now and then (the COMEDIA draft, "NAT keep alives"); one without response ends the session. */
    private final class KeepAlive implements Runnable {
        private ScheduledFuture<?> timer;

        @Override
        public void run() {
            if (!session.isConnected()) {
                timer.cancel(false);
                return;
            }
            session.sendEmpty().whenComplete((v, e) -> {
                Throwable cause = e instanceof CompletionException ? e.getCause() : e;
                if (cause instanceof MsrpTransactionTimeoutException) {
                    log.info("MSRP session {}: keep-alive not answered, closing", session.localUri());
                    session.closeAsync((MsrpTransactionTimeoutException) cause);
                }
            });
        }
    }

    /** Resolves a host name off the event loops; an IP literal needs no lookup. */
    private static CompletableFuture<InetSocketAddress> resolve(InetSocketAddress address) {
        if (!address.isUnresolved()) {
            return CompletableFuture.completedFuture(address);
        }
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(address.getHostString());
        if (literal != null) {
            try {
                return CompletableFuture.completedFuture(new InetSocketAddress(
                        InetAddress.getByAddress(address.getHostString(), literal), address.getPort()));
            } catch (UnknownHostException e) {
                return CompletableFuture.failedFuture(new MsrpConnectionException("bad address " + address, e));
            }
        }
        return CompletableFuture.supplyAsync(() -> {
            InetSocketAddress resolved = new InetSocketAddress(address.getHostString(), address.getPort());
            if (resolved.isUnresolved()) {
                throw new CompletionException(new MsrpConnectionException("cannot resolve " + address.getHostString(),
                        null));
            }
            return resolved;
        });
    }

    private static MsrpException asMsrpException(Throwable failure, String context) {
        Throwable cause = failure;
        while (cause instanceof CompletionException && cause.getCause() != null) {
            cause = cause.getCause();
        }
        return cause instanceof MsrpException ? (MsrpException) cause : new MsrpConnectionException(context, cause);
    }

    @Override
    public String toString() {
        return "ComediaSession[" + session.localUri() + "]";
    }
}
