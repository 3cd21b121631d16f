package org.parley.msrp.core.internal;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import org.parley.msrp.core.InboundAuthentication;
import org.parley.msrp.core.MessageSink;
import org.parley.msrp.core.MsrpConnection;
import org.parley.msrp.core.MsrpConnectionException;
import org.parley.msrp.core.MsrpException;
import org.parley.msrp.core.MsrpSendResult;
import org.parley.msrp.core.MsrpSession;
import org.parley.msrp.core.MsrpSessionClosedException;
import org.parley.msrp.core.MsrpSessionListener;
import org.parley.msrp.core.MsrpSessionOptions;
import org.parley.msrp.core.MsrpStatusException;
import org.parley.msrp.core.MsrpTransactionTimeoutException;
import org.parley.msrp.core.OutgoingMessage;
import org.parley.msrp.core.codec.ByteRange;
import org.parley.msrp.core.codec.ContinuationFlag;
import org.parley.msrp.core.codec.FailureReport;
import org.parley.msrp.core.codec.FullMsrpFrame;
import org.parley.msrp.core.codec.InvalidMsrpHeaderException;
import org.parley.msrp.core.codec.LastMsrpContent;
import org.parley.msrp.core.codec.MsrpContent;
import org.parley.msrp.core.codec.MsrpContentType;
import org.parley.msrp.core.codec.MsrpFrameHead;
import org.parley.msrp.core.codec.MsrpHeaderNames;
import org.parley.msrp.core.codec.MsrpHeaders;
import org.parley.msrp.core.codec.MsrpIdentifiers;
import org.parley.msrp.core.codec.MsrpMethod;
import org.parley.msrp.core.codec.MsrpRequestHead;
import org.parley.msrp.core.codec.MsrpResponseHead;
import org.parley.msrp.core.codec.MsrpStatus;
import org.parley.msrp.core.codec.MsrpUri;
import org.parley.msrp.core.codec.SuccessReport;
import org.parley.msrp.core.cpim.CpimMessage;
import org.parley.msrp.core.cpim.CpimParseException;
import org.parley.msrp.core.relay.DigestChallenge;
import org.parley.msrp.core.relay.DigestCredentials;
import org.parley.msrp.core.relay.RelayGrant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.io.ByteArrayOutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The session engine: sending in chunks with transactions and reports, receiving with reassembly and responses
 * (RFC 4975 §5 to §7). Every field below the constructor's is touched only on {@link #executor()}.
 */
public final class DefaultMsrpSession implements MsrpSession {

    private static final Logger log = LoggerFactory.getLogger(DefaultMsrpSession.class);
    private static final int CHUNKS_PER_TURN = 16;
    /** Statuses after which nothing more of a message is sent, not even its closing '#' chunk. */
    private static final java.util.Set<Integer> STOPPING_STATUSES = java.util.Set.of(
            MsrpStatus.STOP_SENDING_MESSAGE.code(), MsrpStatus.NO_SUCH_SESSION.code(),
            MsrpStatus.SESSION_ALREADY_BOUND.code());
    private static final int MAX_MESSAGE_IDS_REMEMBERED = 1024;
    /**
     * Connections that may wait for the remote path at once. Only someone who knows the session's URI gets this far;
     * beyond it the oldest waiting connection is dropped, so that the legitimate one, which comes last, still gets
     * in.
     */
    static final int MAX_DEFERRED_CONNECTIONS = 16;
    /** The longest Expires asked for or honoured, about 31 years: the refresh arithmetic stays in range. */
    private static final long MAX_EXPIRES_SECONDS = 1_000_000_000L;
    /** How much of a {@code message/cpim} body may come before its wrapped Content-Type. */
    private static final int MAX_WRAPPED_HEAD = 16 * 1024;

    private final SessionRegistry registry;
    private final MsrpSessionOptions options;
    private final MsrpSessionListener listener;
    private final EventExecutor executor;
    private final MsrpUri localUri;
    private final String localUriText;
    private final AtomicReference<DefaultMsrpConnection> boundTo = new AtomicReference<>();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    /** Completes when the session first has a connection; fails when it closes before. */
    private final CompletableFuture<Void> connected = new CompletableFuture<>();
    private volatile List<MsrpUri> remotePath = List.of();
    /** The To-Path header value for {@link #remotePath}, built once instead of for every chunk. */
    private volatile String remotePathHeader;
    /**
     * Connections whose first request came before the remote path was known, oldest first, at most
     * {@link #MAX_DEFERRED_CONNECTIONS}; see {@link #bindInbound}. Guarded by itself.
     */
    private final ArrayDeque<DefaultMsrpConnection> deferredConnections = new ArrayDeque<>();
    /** Whether a connection this session did not open may bind it; see {@link #acceptInbound(boolean)}. */
    private volatile boolean acceptsInbound = true;
    /** A further check of a connection this session did not open; see {@link #inboundCheck(Predicate)}. */
    private volatile Predicate<MsrpConnection> inboundCheck;
    /** Whether the remote path is the From-Path of the peer's first request (session-id matching). */
    private volatile boolean remotePathFromPeer;

    private DefaultMsrpConnection connection;
    private volatile boolean closed;
    private final ArrayDeque<OutgoingTransfer> waitingForConnection = new ArrayDeque<>();
    /** Transfers with chunks left to write, in round-robin order: one chunk each in turn (RFC 4975 §5.1). */
    private final ArrayDeque<OutgoingTransfer> sending = new ArrayDeque<>();
    private final Map<String, OutgoingTransfer> unfinished = new HashMap<>();
    private final Map<String, Transaction> transactions = new HashMap<>();
    private final Map<String, IncomingTransfer> incoming = new HashMap<>();
    private final ArrayDeque<Deadline> deadlines = new ArrayDeque<>();
    private ScheduledFuture<?> deadlineTimer;
    /** The next re-AUTH of each relay grant, by the granted URI, before the grant runs out. */
    private final Map<MsrpUri, ScheduledFuture<?>> relayRefreshes = new HashMap<>();
    /**
     * Messages refused or stopped with an error status, so that their later chunks get the same answer instead of
     * starting a new message; the oldest are forgotten beyond {@link #MAX_MESSAGE_IDS_REMEMBERED}.
     */
    private final Map<String, MsrpStatus> refused = boundedMap();
    /** Messages delivered lately, so that a duplicate chunk does not start the message again. */
    private final Map<String, MsrpStatus> completed = boundedMap();
    private InboundFrame inbound;

    /**
     * Creates a session; {@code org.parley.msrp.core.MsrpStack} does this.
     *
     * @param registry the stack's sessions, which this one joins
     * @param options the options
     * @param listener told of what arrives
     * @param executor the event loop that runs the session
     * @param localUri the session's own URI
     */
    public DefaultMsrpSession(SessionRegistry registry, MsrpSessionOptions options, MsrpSessionListener listener,
                              EventExecutor executor, MsrpUri localUri) {
        this.registry = registry;
        this.options = Objects.requireNonNull(options, "options");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.executor = executor;
        this.localUri = localUri;
        this.localUriText = localUri.toString();
        registry.add(this);
    }

    @Override
    public MsrpUri localUri() {
        return localUri;
    }

    @Override
    public List<MsrpUri> remotePath() {
        return remotePath;
    }

    @Override
    public void remotePath(List<MsrpUri> path) {
        if (path.isEmpty()) {
            throw new IllegalArgumentException("a remote path needs at least one URI");
        }
        if (remotePathFromPeer) {
            // Session-id matching took the path the peer really uses; an SDP that an ALG rewrote must not undo it.
            log.debug("MSRP session {} keeps its peer's From-Path {} over the path {}", localUri, remotePath, path);
            return;
        }
        setRemotePath(path);
    }

    private void setRemotePath(List<MsrpUri> path) {
        this.remotePathHeader = path.stream().map(MsrpUri::toString).collect(Collectors.joining(" "));
        this.remotePath = List.copyOf(path);
        wakeDeferredConnections();
    }

    @Override
    public void acceptInbound(boolean accept) {
        acceptsInbound = accept;
    }

    @Override
    public void inboundCheck(Predicate<MsrpConnection> check) {
        inboundCheck = check;
    }

    /**
     * Lets a connection wait until the remote path is set or the session closes, unless one of them happened
     * already; drops the oldest waiting connection beyond {@link #MAX_DEFERRED_CONNECTIONS}.
     *
     * @return whether the connection waits; false when it need not
     */
    private boolean deferUntilRemotePath(DefaultMsrpConnection conn) {
        DefaultMsrpConnection dropped = null;
        synchronized (deferredConnections) {
            if (!remotePath.isEmpty() || closed) {
                return false;
            }
            deferredConnections.addLast(conn);
            if (deferredConnections.size() > MAX_DEFERRED_CONNECTIONS) {
                dropped = deferredConnections.pollFirst();
            }
        }
        if (dropped != null) {
            dropped.closeUnbound("more than " + MAX_DEFERRED_CONNECTIONS + " connections wait for session " + localUri
                    + " to learn its peer; the oldest is dropped");
        }
        return true;
    }

    private void wakeDeferredConnections() {
        List<DefaultMsrpConnection> waiting;
        synchronized (deferredConnections) {
            waiting = new ArrayList<>(deferredConnections);
            deferredConnections.clear();
        }
        waiting.forEach(DefaultMsrpConnection::retryDeferred);
    }

    @Override
    public MsrpSessionOptions options() {
        return options;
    }

    @Override
    public EventExecutor executor() {
        return executor;
    }

    @Override
    public boolean isConnected() {
        DefaultMsrpConnection bound = boundTo.get();
        return !closed && bound != null && bound.isOpen();
    }

    private void run(Runnable task) {
        if (!tryRun(task)) {
            log.warn("Session {}: its event loop is shut down; a task was dropped", localUri);
        }
    }

    /** Runs a task on the session's event loop; false when that loop no longer takes tasks. */
    private boolean tryRun(Runnable task) {
        if (executor.inEventLoop()) {
            task.run();
            return true;
        }
        try {
            executor.execute(task);
            return true;
        } catch (RejectedExecutionException e) {
            return false;
        }
    }

    // ---- connection -------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> attach(MsrpConnection connection) {
        if (!(connection instanceof DefaultMsrpConnection)) {
            throw new IllegalArgumentException("not a connection of a Parley stack: " + connection);
        }
        DefaultMsrpConnection conn = (DefaultMsrpConnection) connection;
        CompletableFuture<Void> attached = new CompletableFuture<>();
        if (!boundTo.compareAndSet(null, conn)) {
            conn.closeIfUnused();
            attached.completeExceptionally(new MsrpException("session " + localUri + " is already bound to "
                    + boundTo.get()));
            return attached;
        }
        // Joined at once, so that a reused connection is not closed by its last other session in the meantime.
        conn.addSession(this);
        run(() -> {
            if (closed) {
                conn.removeSession(this);
                attached.completeExceptionally(new MsrpSessionClosedException("session " + localUri + " is closed"));
                return;
            }
            onBound(conn);
            if (conn.isOpen()) {
                attached.complete(null);
            } else {
                attached.completeExceptionally(new MsrpConnectionException("connection is closed", null));
            }
        });
        return attached;
    }

    @Override
    public CompletableFuture<Void> attachActive(MsrpConnection connection) {
        return attach(connection).thenCompose(v -> {
            CompletableFuture<Void> greeted = new CompletableFuture<>();
            run(() -> {
                if (unfinished.isEmpty() && waitingForConnection.isEmpty()) {
                    sendEmpty().whenComplete((r, e) -> {
                        if (e == null) {
                            greeted.complete(null);
                        } else {
                            greeted.completeExceptionally(e);
                        }
                    });
                } else {
                    // A message is on its way: its first chunk is the request the peer authenticates.
                    greeted.complete(null);
                }
            });
            return greeted;
        });
    }

    @Override
    public CompletableFuture<Void> whenConnected() {
        return connected.copy();
    }

    /** What became of a request that asked to bind a session to the connection it came on. */
    enum InboundBinding {
        /** The connection carries the session now (or did already). */
        BOUND,
        /** The request did not authenticate as the session's peer: 481, as for an unknown session. */
        NOT_AUTHENTICATED,
        /** The request authenticated, but the session is bound to another connection: 506 (RFC 4975 §5.4). */
        BOUND_ELSEWHERE,
        /**
         * The session cannot tell yet: its remote path is not known. The retry given to {@link #bindInbound} runs
         * once it is, or once the session closes.
         */
        DEFERRED
    }

    /**
     * Called on the connection's event loop for a request naming this session (RFC 4975 §5.4). On a connection not
     * yet bound to the session, the request must authenticate as the peer negotiated in the SDP (see
     * {@link InboundAuthentication}) before the connection is bound. An offerer that waits for the answer does not
     * know its peer's path yet, while the answerer may already have connected (the SDP answer and the TCP
     * connection race, RFC 6135 §4.2): then, if {@code mayDefer}, the request is
     * {@link InboundBinding#DEFERRED deferred}, and the connection retries it when the answer has been applied or the
     * session has closed.
     */
    InboundBinding bindInbound(DefaultMsrpConnection conn, MsrpRequestHead request, boolean mayDefer) {
        if (boundTo.get() == conn) {
            return InboundBinding.BOUND;
        }
        if (!acceptsInbound) {
            log.warn("MSRP session {} refuses a request on {}: it opens its own connection", localUri, conn);
            return InboundBinding.NOT_AUTHENTICATED;
        }
        if (mayDefer && options.inboundAuthentication() == InboundAuthentication.PATHS && deferUntilRemotePath(conn)) {
            return InboundBinding.DEFERRED;
        }
        String refusal = closed ? "the session is closed" : authenticationFailure(request);
        Predicate<MsrpConnection> check = inboundCheck;
        if (refusal == null && check != null && !check.test(conn)) {
            refusal = "the connection failed the session's own check (such as its TLS certificate)";
        }
        if (refusal != null) {
            log.warn("MSRP session {} refuses a request on {}: {}", localUri, conn, refusal);
            return InboundBinding.NOT_AUTHENTICATED;
        }
        if (boundTo.compareAndSet(null, conn)) {
            if (options.inboundAuthentication() == InboundAuthentication.SESSION_ID) {
                adoptPeerPath(request);
            }
            run(() -> onBound(conn));
            return InboundBinding.BOUND;
        }
        return boundTo.get() == conn ? InboundBinding.BOUND : InboundBinding.BOUND_ELSEWHERE;
    }

    /**
     * With session-id matching the peer's own From-Path is where its requests come from: an ALG that rewrote the SDP
     * {@code a=path} would otherwise make every request of this side go to a path the peer does not know.
     */
    private void adoptPeerPath(MsrpRequestHead request) {
        try {
            List<MsrpUri> fromPath = request.headers().fromPath();
            if (!fromPath.isEmpty()) {
                if (!fromPath.equals(remotePath)) {
                    log.info("MSRP session {} takes its peer's From-Path {} as remote path instead of {}", localUri,
                            fromPath, remotePath);
                }
                setRemotePath(fromPath);
                remotePathFromPeer = true;
            }
        } catch (InvalidMsrpHeaderException e) {
            log.debug("MSRP session {} keeps its remote path: unreadable From-Path: {}", localUri, e.getMessage());
        }
    }

    /** Returns why the request is not from the negotiated peer, or null when it is. */
    private String authenticationFailure(MsrpRequestHead request) {
        if (options.inboundAuthentication() == InboundAuthentication.SESSION_ID) {
            return null;
        }
        List<MsrpUri> expected = remotePath;
        if (expected.isEmpty()) {
            return "its remote path is not known yet, so no peer can be authenticated";
        }
        List<MsrpUri> fromPath;
        try {
            fromPath = request.headers().fromPath();
        } catch (InvalidMsrpHeaderException e) {
            return "unreadable From-Path: " + e.getMessage();
        }
        if (!fromPath.equals(expected)) {
            return "From-Path " + UntrustedText.quote(String.valueOf(fromPath)) + " is not the negotiated remote path "
                    + expected;
        }
        return null;
    }

    private void onBound(DefaultMsrpConnection conn) {
        if (closed) {
            // Closed between the binding and now: the connection must not carry a dead session.
            conn.removeSession(this);
            return;
        }
        if (connection == conn) {
            return;
        }
        connection = conn;
        conn.addSession(this);
        connected.complete(null);
        while (!waitingForConnection.isEmpty() && connection != null) {
            enqueue(waitingForConnection.poll());
        }
    }

    void writable() {
        run(this::pump);
    }

    void connectionLost(DefaultMsrpConnection conn, MsrpException cause) {
        run(() -> {
            if (connection == conn) {
                terminate(cause, cause);
            }
        });
    }

    @Override
    public CompletableFuture<Void> closeAsync() {
        run(() -> terminate(new MsrpSessionClosedException("session " + localUri + " was closed"), null));
        return closeFuture;
    }

    @Override
    public CompletableFuture<Void> closeAsync(MsrpException reason) {
        Objects.requireNonNull(reason, "reason");
        run(() -> terminate(reason, reason));
        return closeFuture;
    }

    /** Ends the session: every pending send fails, every partial message is aborted (RFC 4975 §5.4). */
    private void terminate(MsrpException reason, Throwable listenerCause) {
        if (closed) {
            return;
        }
        closed = true;
        registry.remove(this);
        connected.completeExceptionally(reason);
        wakeDeferredConnections();
        for (OutgoingTransfer transfer : new ArrayList<>(unfinished.values())) {
            fail(transfer, reason);
        }
        for (OutgoingTransfer transfer; (transfer = waitingForConnection.poll()) != null; ) {
            transfer.fail(reason);
        }
        List<Transaction> pending = new ArrayList<>(transactions.values());
        transactions.clear();
        // Completed after the table is cleared: their callbacks may run code that looks at it.
        for (Transaction transaction : pending) {
            if (connection != null) {
                connection.forgetTransaction(transaction.transactionId);
            }
            if (transaction.emptySend != null) {
                transaction.emptySend.completeExceptionally(reason);
            }
            if (transaction.auth != null) {
                transaction.auth.completeExceptionally(reason);
            }
        }
        transactions.clear();
        deadlines.clear();
        if (deadlineTimer != null) {
            deadlineTimer.cancel(false);
            deadlineTimer = null;
        }
        relayRefreshes.values().forEach(refresh -> refresh.cancel(false));
        relayRefreshes.clear();
        inbound = null;
        for (IncomingTransfer message : new ArrayList<>(incoming.values())) {
            abortIncoming(message, reason);
        }
        DefaultMsrpConnection bound = boundTo.get();
        if (bound != null) {
            bound.removeSession(this);
        }
        notifyListener(() -> listener.onSessionClosed(listenerCause));
        closeFuture.complete(null);
    }

    // ---- sending ----------------------------------------------------------------------------------------------

    @Override
    public CompletableFuture<MsrpSendResult> send(OutgoingMessage message) {
        Objects.requireNonNull(message, "message");
        CompletableFuture<MsrpSendResult> result = new CompletableFuture<>();
        OutgoingTransfer transfer = new OutgoingTransfer(message, MsrpIdentifiers.newMessageId(), result);
        // Any end the engine did not cause (cancel, orTimeout, completion by the caller) stops the message.
        result.whenComplete((r, e) -> {
            if (e != null && !(e instanceof MsrpException)) {
                run(() -> cancel(transfer));
            }
        });
        run(() -> enqueue(transfer));
        return result;
    }

    @Override
    public CompletableFuture<Void> sendEmpty() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        run(() -> {
            if (closed) {
                done.completeExceptionally(new MsrpSessionClosedException("session " + localUri + " is closed"));
            } else if (remotePathHeader == null) {
                done.completeExceptionally(new MsrpException("session " + localUri + " has no remote path"));
            } else if (connection == null) {
                done.completeExceptionally(new MsrpConnectionException("session " + localUri
                        + " has no connection for an empty SEND", null));
            } else {
                writeEmptySend(done);
            }
        });
        return done;
    }

    @Override
    public CompletableFuture<RelayGrant> authenticate(MsrpUri relay, DigestCredentials credentials,
                                                      Duration expires) {
        Objects.requireNonNull(relay, "relay");
        Objects.requireNonNull(credentials, "credentials");
        if (expires.isNegative()) {
            throw new IllegalArgumentException("expires must not be negative: " + expires);
        }
        CompletableFuture<RelayGrant> granted = new CompletableFuture<>();
        boolean queued = tryRun(() -> {
            if (closed) {
                granted.completeExceptionally(new MsrpSessionClosedException("session " + localUri + " is closed"));
            } else if (connection == null) {
                granted.completeExceptionally(new MsrpConnectionException("session " + localUri
                        + " has no connection to the relay " + relay, null));
            } else {
                new AuthExchange(List.of(relay), credentials, granted).send(null, cappedSeconds(expires));
            }
        });
        if (!queued) {
            granted.completeExceptionally(new MsrpSessionClosedException("session " + localUri
                    + ": its event loop is shut down"));
        }
        return granted;
    }

    /** Seconds of an Expires, bounded so that the refresh arithmetic cannot overflow (about 31 years). */
    private static long cappedSeconds(Duration expires) {
        return Math.min(expires.getSeconds(), MAX_EXPIRES_SECONDS);
    }

    /**
     * One AUTH exchange with a relay (RFC 4976 §5.1): a challenge answered (again when the relay says the nonce was
     * stale), at most one Expires correction.
     */
    private final class AuthExchange {
        private static final int MAX_STALE_RETRIES = 2;
        private final List<MsrpUri> toPath;
        private final MsrpUri digestUri;
        private final DigestCredentials credentials;
        private final CompletableFuture<RelayGrant> granted;
        private DigestChallenge challenge;
        private int nonceCount;
        private int staleRetries;
        private boolean expiresCorrected;

        /** The AUTH goes along {@code toPath}; the Digest's request-URI is its rightmost URI (RFC 4976 §9.1). */
        AuthExchange(List<MsrpUri> toPath, DigestCredentials credentials, CompletableFuture<RelayGrant> granted) {
            this.toPath = List.copyOf(toPath);
            this.digestUri = toPath.get(toPath.size() - 1);
            this.credentials = credentials;
            this.granted = granted;
        }

        /** Sends an AUTH, with an Authorization once challenged and an Expires when {@code expires} is positive. */
        void send(String authorization, long expires) {
            MsrpHeaders headers = new MsrpHeaders();
            headers.add(MsrpHeaderNames.TO_PATH, toPath.stream().map(MsrpUri::toString)
                    .collect(Collectors.joining(" ")));
            headers.add(MsrpHeaderNames.FROM_PATH, localUriText);
            if (authorization != null) {
                headers.add(MsrpHeaderNames.AUTHORIZATION, authorization);
            }
            if (expires > 0) {
                headers.add(MsrpHeaderNames.EXPIRES, Long.toString(expires));
            }
            MsrpRequestHead head = new MsrpRequestHead(MsrpIdentifiers.newTransactionId(), MsrpMethod.AUTH, headers);
            Transaction transaction = new Transaction(head.transactionId(), null, 0, 0);
            transaction.auth = new CompletableFuture<>();
            transaction.auth.whenComplete((response, failure) -> {
                if (granted.isDone()) {
                    // The caller gave up on it (cancelled, timed out): nothing more is sent.
                    return;
                }
                if (failure != null) {
                    granted.completeExceptionally(failure);
                    return;
                }
                try {
                    onResponse(response, expires);
                } catch (RuntimeException e) {
                    // Whatever the relay sent, the caller hears of it instead of waiting for ever.
                    granted.completeExceptionally(new MsrpException("unusable AUTH response from relay " + digestUri
                            + ": " + e.getMessage(), e));
                }
            });
            writeTransaction(head, transaction, transaction.auth);
        }

        private void onResponse(MsrpResponseHead response, long expires) {
            MsrpStatus status = response.status();
            MsrpHeaders headers = response.headers();
            if (status.isSuccess()) {
                long seconds = Math.min(Math.max(headers.expires(), 0), MAX_EXPIRES_SECONDS);
                RelayGrant grant = new RelayGrant(headers.usePath(), Duration.ofSeconds(seconds),
                        java.time.Instant.now());
                scheduleRefresh(grant, credentials);
                granted.complete(grant);
            } else if (status.code() == MsrpStatus.UNAUTHORIZED.code()) {
                DigestChallenge offered = bestChallenge(headers);
                // RFC 2617 §3.2.1: stale means the credentials were right and only the nonce had expired.
                boolean stale = offered != null && offered.stale() && staleRetries++ < MAX_STALE_RETRIES;
                if (offered == null || (challenge != null && !stale)) {
                    // A second plain 401 means the credentials are wrong (RFC 4976 §5.1).
                    granted.completeExceptionally(new MsrpStatusException(status, false, "(AUTH to " + digestUri
                            + ")"));
                    return;
                }
                challenge = offered;
                nonceCount = 0;
                send(authorization(), expires);
            } else if (status.code() == MsrpStatus.INTERVAL_OUT_OF_BOUNDS.code() && !expiresCorrected) {
                // RFC 4976 §4.6: ask again within the relay's bounds.
                expiresCorrected = true;
                long min = headers.minExpires();
                long max = headers.maxExpires();
                long corrected;
                if (min >= 0 && (expires <= 0 || expires < min)) {
                    corrected = min;
                } else if (max >= 0 && (expires <= 0 || expires > max)) {
                    corrected = max;
                } else {
                    granted.completeExceptionally(new MsrpStatusException(status, false, "(AUTH to " + digestUri
                            + ": no usable Min-Expires or Max-Expires)"));
                    return;
                }
                send(challenge == null ? null : authorization(), corrected);
            } else {
                granted.completeExceptionally(new MsrpStatusException(status, false, "(AUTH to " + digestUri + ")"));
            }
        }

        /** The strongest Digest challenge this side can answer: SHA-256 before MD5 (RFC 7616 §3.7). */
        private DigestChallenge bestChallenge(MsrpHeaders headers) {
            DigestChallenge best = null;
            for (String value : headers.getAll(MsrpHeaderNames.WWW_AUTHENTICATE)) {
                DigestChallenge candidate;
                try {
                    candidate = DigestChallenge.parse(value);
                } catch (IllegalArgumentException e) {
                    continue;
                }
                if (!candidate.qop().contains("auth")) {
                    continue;
                }
                if (candidate.algorithm().equalsIgnoreCase("SHA-256")) {
                    return candidate;
                }
                if (best == null && candidate.algorithm().equalsIgnoreCase("MD5")) {
                    best = candidate;
                }
            }
            return best;
        }

        /** RFC 4976 §9.1: the request-URI of the Digest is the rightmost To-Path URI. */
        private String authorization() {
            return credentials.authorize(challenge, MsrpMethod.AUTH.toString(), digestUri.toString(), ++nonceCount);
        }
    }

    /**
     * Authenticates again before a grant runs out (RFC 4976 §5.1: its URI is valid for Expires seconds), at four
     * fifths of its time and at least a transaction timeout before the end, with the AUTH sent along the granted
     * Use-Path so that the relay can extend it; a refresh that fails ends the session, whose relay URI is about to
     * expire.
     */
    private void scheduleRefresh(RelayGrant grant, DigestCredentials credentials) {
        long millis = grant.expires().toMillis();
        if (millis <= 0 || closed) {
            return;
        }
        long delay = Math.max(1000, Math.min(millis / 5 * 4, millis - 2 * options.transactionTimeout().toMillis()));
        MsrpUri granted = grant.usePath().get(grant.usePath().size() - 1);
        ScheduledFuture<?> previous = relayRefreshes.remove(granted);
        if (previous != null) {
            previous.cancel(false);
        }
        relayRefreshes.put(granted, executor.schedule(() -> {
            relayRefreshes.remove(granted);
            CompletableFuture<RelayGrant> refreshed = new CompletableFuture<>();
            refreshed.whenComplete((g, failure) -> {
                if (failure != null && !closed) {
                    MsrpException reason = failure instanceof MsrpException ? (MsrpException) failure
                            : new MsrpException("refreshing the relay grant failed", failure);
                    log.warn("MSRP session {}: refreshing its grant at relay {} failed: {}", localUri, granted,
                            failure.toString());
                    terminate(reason, reason);
                }
            });
            new AuthExchange(grant.usePath(), credentials, refreshed).send(null, grant.expires().getSeconds());
        }, delay, TimeUnit.MILLISECONDS));
    }

    /** Writes a request whose outcome {@code done} carries, with the transaction timeout running from the write. */
    private void writeTransaction(MsrpRequestHead head, Transaction transaction, CompletableFuture<?> done) {
        transactions.put(transaction.transactionId, transaction);
        DefaultMsrpConnection conn = connection;
        conn.writeRequest(new FullMsrpFrame(head, ContinuationFlag.COMPLETE), this, true, true)
                .addListener(f -> run(() -> {
                    if (!transactions.containsKey(transaction.transactionId)) {
                        return;
                    }
                    if (f.isSuccess()) {
                        // RFC 4975 §7.1.1: the timeout runs from when the request was handed to the OS.
                        expireLater(() -> transactions.get(transaction.transactionId) == transaction,
                                () -> onTransactionTimeout(transaction));
                    } else {
                        transactions.remove(transaction.transactionId);
                        conn.forgetTransaction(transaction.transactionId);
                        done.completeExceptionally(new MsrpConnectionException(head.method() + " not written",
                                f.cause()));
                    }
                }));
    }

    private void writeEmptySend(CompletableFuture<Void> done) {
        MsrpHeaders headers = requestHeaders();
        headers.add(MsrpHeaderNames.MESSAGE_ID, MsrpIdentifiers.newMessageId());
        MsrpRequestHead head = new MsrpRequestHead(MsrpIdentifiers.newTransactionId(), MsrpMethod.SEND, headers);
        Transaction transaction = new Transaction(head.transactionId(), null, 0, 0);
        transaction.emptySend = done;
        writeTransaction(head, transaction, done);
    }

    private MsrpHeaders requestHeaders() {
        String path = remotePathHeader;
        if (path == null) {
            throw new IllegalStateException("session " + localUri + " has no remote path");
        }
        MsrpHeaders headers = new MsrpHeaders();
        headers.add(MsrpHeaderNames.TO_PATH, path);
        headers.add(MsrpHeaderNames.FROM_PATH, localUriText);
        return headers;
    }

    private void enqueue(OutgoingTransfer transfer) {
        if (closed) {
            transfer.fail(new MsrpSessionClosedException("session " + localUri + " is closed"));
        } else if (connection == null) {
            // Queued even without a remote path: an offerer learns it from the answer (RFC 3264 §5).
            if (waitingForConnection.size() >= options.maxQueuedMessages()) {
                transfer.fail(new MsrpSessionClosedException("session " + localUri + " has no connection and "
                        + options.maxQueuedMessages() + " messages already wait for one"));
            } else {
                waitingForConnection.add(transfer);
            }
        } else if (remotePath.isEmpty()) {
            transfer.fail(new MsrpException("session " + localUri + " has no remote path to send to"));
        } else {
            start(transfer);
        }
    }

    private void start(OutgoingTransfer transfer) {
        if (transfer.result.isDone()) {
            transfer.closeSource();
            return;
        }
        unfinished.put(transfer.messageId, transfer);
        sending.add(transfer);
        pump();
    }

    /**
     * Writes chunks while the connection takes them, one per message in turn. After {@link #CHUNKS_PER_TURN}
     * chunks it yields the event loop, so that sends, cancels and responses queued behind it run in time.
     */
    private void pump() {
        DefaultMsrpConnection conn = connection;
        int written = 0;
        while (conn != null && !closed && !sending.isEmpty() && conn.channel().isWritable()) {
            if (written == CHUNKS_PER_TURN) {
                executor.execute(this::pump);
                break;
            }
            OutgoingTransfer transfer = sending.poll();
            if (transfer.result.isDone()) {
                transfer.closeSource();
                continue;
            }
            if (writeChunk(conn, transfer) && !transfer.result.isDone()) {
                sending.add(transfer);
            }
            written++;
        }
        if (written > 0 && conn != null) {
            conn.channel().flush();
        }
    }

    /** Writes the next chunk of a transfer; returns whether more chunks follow. */
    private boolean writeChunk(DefaultMsrpConnection conn, OutgoingTransfer transfer) {
        ByteBufAllocator alloc = conn.channel().alloc();
        ByteBuf body;
        boolean last;
        MsrpRequestHead head;
        long start = transfer.offset;
        try {
            body = transfer.nextChunk(alloc, options.chunkSize());
        } catch (IOException | RuntimeException e) {
            fail(transfer, new MsrpException("cannot read the body of message " + transfer.messageId, e));
            return false;
        }
        long end = start + body.readableBytes();
        try {
            last = transfer.finishedReading();
            long total = last ? end : transfer.message.source().length();
            head = sendHead(transfer, ByteRange.of(start + 1, end, total < 0 ? ByteRange.UNKNOWN : total));
        } catch (RuntimeException e) {
            body.release();
            fail(transfer, new MsrpException("cannot build chunk of message " + transfer.messageId, e));
            return false;
        }
        transfer.offset = end;
        FailureReport failureReport = transfer.message.failureReport();
        Transaction transaction = new Transaction(head.transactionId(), transfer, start, end);
        boolean expectsResponse = failureReport != FailureReport.NO;
        if (expectsResponse) {
            transactions.put(transaction.transactionId, transaction);
            transfer.pendingTransactions.add(transaction.transactionId);
            transfer.awaitingResponses++;
        }
        transfer.chunks++;
        if (last) {
            transfer.allWritten = true;
        }
        conn.writeRequest(new FullMsrpFrame(head, body, last ? ContinuationFlag.COMPLETE : ContinuationFlag.CONTINUED),
                this, expectsResponse, false).addListener(f -> run(() -> onChunkWritten(transfer, transaction, f)));
        return !last;
    }

    private MsrpRequestHead sendHead(OutgoingTransfer transfer, ByteRange range) {
        MsrpHeaders headers = requestHeaders();
        headers.add(MsrpHeaderNames.MESSAGE_ID, transfer.messageId);
        headers.add(MsrpHeaderNames.BYTE_RANGE, range.toHeaderValue());
        OutgoingMessage message = transfer.message;
        if (message.successReport() != SuccessReport.DEFAULT) {
            headers.add(MsrpHeaderNames.SUCCESS_REPORT, message.successReport().headerValue());
        }
        if (message.failureReport() != FailureReport.DEFAULT) {
            headers.add(MsrpHeaderNames.FAILURE_REPORT, message.failureReport().headerValue());
        }
        if (message.contentDisposition() != null) {
            headers.add(MsrpHeaderNames.CONTENT_DISPOSITION, message.contentDisposition());
        }
        // RFC 4975 §7.1: Content-Type is the last header of a request with a body.
        headers.add(MsrpHeaderNames.CONTENT_TYPE, message.contentType().toHeaderValue());
        return new MsrpRequestHead(MsrpIdentifiers.newTransactionId(), MsrpMethod.SEND, headers);
    }

    private void onChunkWritten(OutgoingTransfer transfer, Transaction transaction, Future<?> f) {
        if (transfer.result.isDone()) {
            return;
        }
        if (!f.isSuccess()) {
            fail(transfer, new MsrpConnectionException("chunk " + transaction.transactionId + " of message "
                    + transfer.messageId + " could not be written", f.cause()));
            return;
        }
        if (transactions.containsKey(transaction.transactionId)) {
            // RFC 4975 §7.1.1: the timeout runs from when the chunk was handed to the OS, not from when it was
            // queued. With partial, only errors come back: the timer then just forgets the transaction (§7.2).
            expireLater(() -> transactions.get(transaction.transactionId) == transaction,
                    () -> onTransactionTimeout(transaction));
        }
        transfer.bytesSent += transaction.end - transaction.start;
        transfer.progress();
        if (transfer.allWritten && transfer.bytesSent == transfer.offset) {
            transfer.writeComplete = true;
            if (transfer.message.successReport() == SuccessReport.YES) {
                expireLater(() -> !transfer.result.isDone(), () -> fail(transfer,
                        new MsrpTransactionTimeoutException("no success REPORT for message " + transfer.messageId
                                + " within " + options.transactionTimeout())));
            }
            maybeComplete(transfer);
        }
    }

    /**
     * Runs {@code expire} one transaction timeout from now if {@code pending} still holds then. Every deadline is
     * the same time after its start, so they expire in the order they were set: one queue and one scheduled task
     * serve them all, instead of a task per chunk in the event loop's timer heap.
     */
    private void expireLater(BooleanSupplier pending, Runnable expire) {
        dropSettledDeadlines();
        deadlines.add(new Deadline(System.nanoTime() + options.transactionTimeout().toNanos(), pending, expire));
        if (deadlineTimer == null) {
            scheduleDeadlineCheck();
        }
    }

    /** Answered transactions at the front go now, which keeps the queue short while responses flow. */
    private void dropSettledDeadlines() {
        while (!deadlines.isEmpty() && !deadlines.peek().pending().getAsBoolean()) {
            deadlines.poll();
        }
    }

    private void scheduleDeadlineCheck() {
        Deadline first = deadlines.peek();
        deadlineTimer = first == null || closed ? null : executor.schedule(this::expireDue,
                Math.max(0, first.at() - System.nanoTime()), TimeUnit.NANOSECONDS);
    }

    private void expireDue() {
        long now = System.nanoTime();
        while (!closed && !deadlines.isEmpty() && deadlines.peek().at() - now <= 0) {
            Deadline due = deadlines.poll();
            if (due.pending().getAsBoolean()) {
                due.expire().run();
            }
        }
        scheduleDeadlineCheck();
    }

    /** A point in time after which {@code expire} runs if {@code pending} still holds. */
    private record Deadline(long at, BooleanSupplier pending, Runnable expire) {
    }

    private void onTransactionTimeout(Transaction transaction) {
        if (transactions.remove(transaction.transactionId) == null) {
            return;
        }
        if (transaction.transfer != null) {
            transaction.transfer.pendingTransactions.remove(transaction.transactionId);
        }
        if (connection != null) {
            connection.forgetTransaction(transaction.transactionId);
        }
        String what = "no response to MSRP transaction " + transaction.transactionId + " within "
                + options.transactionTimeout() + " (408)";
        if (transaction.auth != null) {
            transaction.auth.completeExceptionally(new MsrpTransactionTimeoutException(what));
        } else if (transaction.emptySend != null) {
            transaction.emptySend.completeExceptionally(new MsrpTransactionTimeoutException(what));
        } else if (transaction.transfer.message.failureReport() == FailureReport.YES) {
            fail(transaction.transfer, new MsrpTransactionTimeoutException(what));
        } else {
            transaction.transfer.awaitingResponses--;
            maybeComplete(transaction.transfer);
        }
    }

    /** RFC 4975 §10.8 and §10.10: the peer has no session for us on this connection; it is over. */
    private static boolean endsSession(MsrpStatus status) {
        return status.code() == MsrpStatus.NO_SUCH_SESSION.code()
                || status.code() == MsrpStatus.SESSION_ALREADY_BOUND.code();
    }

    private void onResponse(MsrpResponseHead response) {
        Transaction transaction = transactions.remove(response.transactionId());
        if (transaction != null && transaction.transfer != null) {
            transaction.transfer.pendingTransactions.remove(transaction.transactionId);
        }
        if (transaction == null) {
            log.debug("Session {}: response to unknown transaction {}", localUri, response.transactionId());
            return;
        }
        MsrpStatus status = response.status();
        if (transaction.auth != null) {
            transaction.auth.complete(response);
            return;
        }
        if (transaction.emptySend != null) {
            if (status.isSuccess()) {
                transaction.emptySend.complete(null);
                return;
            }
            MsrpStatusException refusal = new MsrpStatusException(status, false, "(empty SEND)");
            transaction.emptySend.completeExceptionally(refusal);
            if (endsSession(status)) {
                terminate(refusal, refusal);
            }
            return;
        }
        dropSettledDeadlines();
        OutgoingTransfer transfer = transaction.transfer;
        transfer.awaitingResponses--;
        if (status.code() == MsrpStatus.REQUEST_TIMEOUT.code()) {
            // A 408 from the next hop is a timeout further on (RFC 4975 §10.4): reported like a local one.
            fail(transfer, new MsrpTransactionTimeoutException("transaction " + response.transactionId()
                    + " of message " + transfer.messageId + " timed out downstream (408)"));
            return;
        }
        if (!status.isSuccess()) {
            MsrpStatusException refusal = new MsrpStatusException(status, false, transfer.messageId);
            fail(transfer, refusal);
            if (endsSession(status)) {
                terminate(refusal, refusal);
            }
            return;
        }
        if (transfer.message.failureReport() == FailureReport.YES) {
            transfer.acknowledged.add(transaction.start, transaction.end);
            transfer.progress();
        }
        maybeComplete(transfer);
    }

    private void onReport(MsrpRequestHead report) {
        String messageId;
        MsrpStatus status;
        ByteRange range;
        try {
            messageId = report.headers().messageId();
            status = report.headers().status();
            range = report.headers().byteRange();
        } catch (InvalidMsrpHeaderException e) {
            log.warn("Session {}: ignoring malformed REPORT {}: {}", localUri, report.transactionId(),
                    e.getMessage());
            return;
        }
        OutgoingTransfer transfer = messageId == null ? null : unfinished.get(messageId);
        if (transfer == null || status == null) {
            log.debug("Session {}: REPORT {} for no pending message ({})", localUri, report.transactionId(),
                    messageId);
            return;
        }
        if (!status.isSuccess()) {
            fail(transfer, new MsrpStatusException(status, true, messageId));
            return;
        }
        long start = range == null ? 0 : range.start() - 1;
        long end = range == null || !range.isEndKnown() ? transfer.offset : range.end();
        transfer.reported.add(start, end);
        if (transfer.message.failureReport() != FailureReport.YES) {
            transfer.progress();
        }
        maybeComplete(transfer);
    }

    /** Completes a transfer once its report policy is satisfied (see OutgoingMessage). */
    private void maybeComplete(OutgoingTransfer transfer) {
        if (transfer.result.isDone() || !transfer.writeComplete) {
            return;
        }
        OutgoingMessage message = transfer.message;
        if (message.failureReport() == FailureReport.YES && transfer.awaitingResponses > 0) {
            return;
        }
        boolean successReport = message.successReport() == SuccessReport.YES;
        if (successReport && !transfer.reported.covers(transfer.offset)) {
            return;
        }
        finish(transfer);
        dropSettledDeadlines();
        transfer.result.complete(new MsrpSendResult(transfer.messageId, transfer.offset, transfer.chunks,
                successReport));
    }

    private void fail(OutgoingTransfer transfer, MsrpException cause) {
        boolean pending = unfinished.containsKey(transfer.messageId);
        finish(transfer);
        if (transfer.result.isDone()) {
            return;
        }
        // RFC 4975 §7.1: a message given up part way ends with '#', so the receiver need not wait for the rest;
        // not after a status that asks for no more traffic of it (413) or of the session (481, 506).
        boolean stopRequested = cause instanceof MsrpStatusException
                && STOPPING_STATUSES.contains(((MsrpStatusException) cause).status().code());
        if (pending && !stopRequested && !(cause instanceof MsrpConnectionException)) {
            sendAbortChunk(transfer);
        }
        transfer.fail(cause);
    }

    /** Ends a message that is part way out with an empty chunk flagged {@code #} (RFC 4975 §7.1). */
    private void sendAbortChunk(OutgoingTransfer transfer) {
        if (transfer.offset == 0 || transfer.allWritten || connection == null || closed) {
            return;
        }
        long total = transfer.message.source().length();
        MsrpRequestHead head = sendHead(transfer, ByteRange.of(transfer.offset + 1, transfer.offset,
                total < 0 ? ByteRange.UNKNOWN : total));
        connection.writeRequest(new FullMsrpFrame(head, ContinuationFlag.ABORTED), this, false, true);
    }

    /** Forgets a transfer: nothing more of it is sent, its late responses and reports are ignored. */
    private void finish(OutgoingTransfer transfer) {
        // Not taken out of `sending` here (a linear search); pump() drops finished transfers as it meets them.
        unfinished.remove(transfer.messageId);
        for (String transactionId : transfer.pendingTransactions) {
            Transaction transaction = transactions.remove(transactionId);
            if (transaction != null) {
                    if (connection != null) {
                    connection.forgetTransaction(transactionId);
                }
            }
        }
        transfer.pendingTransactions.clear();
        transfer.closeSource();
    }

    /** RFC 4975 §7.1: an interrupted message ends with a chunk flagged {@code #}. */
    private void cancel(OutgoingTransfer transfer) {
        boolean pending = unfinished.containsKey(transfer.messageId);
        waitingForConnection.remove(transfer);
        finish(transfer);
        if (pending) {
            sendAbortChunk(transfer);
        }
    }

    // ---- receiving --------------------------------------------------------------------------------------------

    /** Hands a head over from the connection's event loop. */
    void deliverHead(DefaultMsrpConnection conn, MsrpFrameHead head) {
        run(() -> onHead(conn, head));
    }

    /** Hands a body piece over from the connection's event loop; this session releases it. */
    void deliverPiece(DefaultMsrpConnection conn, MsrpContent piece, int bytes) {
        boolean accepted = tryRun(() -> {
            try {
                onPiece(piece);
            } finally {
                ReferenceCountUtil.release(piece);
                conn.processed(bytes);
            }
        });
        if (!accepted) {
            ReferenceCountUtil.release(piece);
            conn.processed(bytes);
        }
    }

    private void onHead(DefaultMsrpConnection conn, MsrpFrameHead head) {
        if (closed) {
            if (head instanceof MsrpRequestHead) {
                conn.respond((MsrpRequestHead) head, MsrpStatus.NO_SUCH_SESSION);
            }
            return;
        }
        if (head instanceof MsrpResponseHead) {
            inbound = null;
            onResponse((MsrpResponseHead) head);
            return;
        }
        MsrpRequestHead request = (MsrpRequestHead) head;
        inbound = new InboundFrame(conn, request);
        if (MsrpMethod.SEND.equals(request.method())) {
            onSendHead(inbound);
        } else if (MsrpMethod.REPORT.equals(request.method())) {
            onReport(request);
        } else {
            inbound.status = MsrpStatus.NOT_IMPLEMENTED;
        }
    }

    private void onSendHead(InboundFrame frame) {
        MsrpHeaders headers = frame.request.headers();
        if (!frame.request.hasBody()) {
            return;
        }
        String messageId;
        ByteRange range;
        MsrpContentType contentType;
        SuccessReport successReport;
        FailureReport failureReport;
        try {
            messageId = headers.messageId();
            range = headers.byteRange();
            contentType = headers.contentType();
            successReport = headers.successReport();
            failureReport = headers.failureReport();
        } catch (InvalidMsrpHeaderException e) {
            frame.status = MsrpStatus.BAD_REQUEST.withComment(e.headerName());
            return;
        }
        if (messageId == null) {
            // RFC 4975 §7.1.1: every SEND with a body carries a Message-ID.
            frame.status = MsrpStatus.BAD_REQUEST.withComment("Message-ID");
            return;
        }
        MsrpStatus earlier = refused.get(messageId);
        if (earlier != null) {
            frame.status = earlier;
            return;
        }
        if (completed.containsKey(messageId)) {
            // A duplicate or late chunk of a message already delivered (RFC 4975 §5.4): acknowledged, not redelivered.
            return;
        }
        if (range == null) {
            range = ByteRange.of(1, ByteRange.UNKNOWN, ByteRange.UNKNOWN);
        }
        frame.start = range.start() - 1;
        frame.position = frame.start;
        if (!isAccepted(contentType)) {
            frame.status = refuse(messageId, MsrpStatus.UNSUPPORTED_MEDIA_TYPE, new MsrpException("message "
                    + messageId + " has content type " + contentType.mediaType() + ", which is not accepted"));
            return;
        }
        if ((range.isTotalKnown() && range.total() > options.maxMessageSize())
                || (range.isEndKnown() && range.end() > options.maxMessageSize())) {
            frame.status = refuse(messageId, MsrpStatus.STOP_SENDING_MESSAGE, tooLarge(messageId));
            return;
        }
        IncomingTransfer message = incoming.get(messageId);
        if (message == null) {
            message = new IncomingTransfer(this, messageId, contentType,
                    headers.get(MsrpHeaderNames.CONTENT_DISPOSITION), range.isTotalKnown() ? range.total() : -1,
                    successReport, failureReport, headers.get(MsrpHeaderNames.FROM_PATH));
            MessageSink sink = chooseSink(message);
            MsrpStatus refusal = refusalOf(sink, messageId);
            if (refusal != null) {
                refused.put(messageId, refusal);
                frame.status = refusal;
                return;
            }
            message.sink = sink;
            if (CpimMessage.isCpim(contentType) && !acceptsEveryType()) {
                message.wrappedHead = new ByteArrayOutputStream();
            }
            incoming.put(messageId, message);
        }
        if (range.isTotalKnown()) {
            message.total = range.total();
        }
        frame.target = message;
    }

    private static Map<String, MsrpStatus> boundedMap() {
        return new LinkedHashMap<>() {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, MsrpStatus> eldest) {
                return size() > MAX_MESSAGE_IDS_REMEMBERED;
            }
        };
    }

    private boolean acceptsEveryType() {
        return options.acceptTypes().contains("*") || options.acceptWrappedTypes().contains("*");
    }

    /**
     * Collects the start of a {@code message/cpim} body until its headers are complete, then checks the wrapped type
     * against accept-types and accept-wrapped-types (RFC 4975 §8.6).
     *
     * @return null while undecided or accepted; 415 for a wrapped type not accepted
     */
    private MsrpStatus checkWrappedType(IncomingTransfer message, long offset, ByteBuf content) {
        ByteArrayOutputStream head = message.wrappedHead;
        if (offset != head.size()) {
            return null;
        }
        int take = Math.min(content.readableBytes(), MAX_WRAPPED_HEAD - head.size());
        byte[] bytes = new byte[take];
        content.getBytes(content.readerIndex(), bytes);
        head.write(bytes, 0, take);
        byte[] collected = head.toByteArray();
        for (int end = lastBlankLine(collected); end > 0; end = lastBlankLine(Arrays.copyOf(collected, end - 1))) {
            CpimMessage cpim;
            try {
                cpim = CpimMessage.parseLenient(Arrays.copyOf(collected, end));
            } catch (CpimParseException e) {
                continue;
            }
            message.wrappedHead = null;
            return CpimMessage.acceptsWrapped(cpim, options.acceptTypes(), options.acceptWrappedTypes())
                    ? null : MsrpStatus.UNSUPPORTED_MEDIA_TYPE;
        }
        return null;
    }

    /** Returns the index just past the last CRLF CRLF in {@code bytes}, or -1. */
    private static int lastBlankLine(byte[] bytes) {
        for (int i = bytes.length - 4; i >= 0; i--) {
            if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                return i + 4;
            }
        }
        return -1;
    }

    private boolean isAccepted(MsrpContentType contentType) {
        for (String pattern : options.acceptTypes()) {
            if (contentType.matches(pattern)) {
                return true;
            }
        }
        return false;
    }

    private MessageSink chooseSink(IncomingTransfer message) {
        try {
            MessageSink sink = listener.onMessageStart(message);
            if (sink != null) {
                return sink;
            }
            log.debug("Session {}: listener chose no sink for message {}", localUri, message.messageId());
        } catch (RuntimeException e) {
            log.warn("Session {}: onMessageStart threw for message {}; refusing it", localUri,
                    message.messageId(), e);
        }
        return MessageSink.refuse(MsrpStatus.STOP_SENDING_MESSAGE);
    }

    private MsrpStatus refusalOf(MessageSink sink, String messageId) {
        try {
            return sink.refusal();
        } catch (RuntimeException e) {
            log.warn("Session {}: refusal() of the sink for message {} threw; refusing it", localUri, messageId, e);
            return MsrpStatus.STOP_SENDING_MESSAGE;
        }
    }

    private void onPiece(MsrpContent piece) {
        InboundFrame frame = inbound;
        if (frame == null) {
            return;
        }
        if (piece.decoderResult().isFailure()) {
            // The frame is cut off or broken; the connection closes, and the message cannot complete.
            inbound = null;
            if (frame.target != null) {
                abortIncoming(frame.target, new MsrpConnectionException("chunk of message "
                        + frame.target.messageId() + " broke off: " + piece.decoderResult().cause().getMessage(),
                        piece.decoderResult().cause()));
            }
            return;
        }
        ByteBuf content = piece.content();
        // Counted before the sink sees the bytes: a sink may read them and move the reader index.
        int length = content.readableBytes();
        IncomingTransfer message = frame.target;
        if (message == null && frame.status == null && length > 0 && !frame.request.hasBody()) {
            // RFC 4975 §7.1: body bytes need a Content-Type; they cannot be delivered without one.
            frame.status = MsrpStatus.BAD_REQUEST.withComment("Content-Type");
        }
        if (message != null && frame.status == null && length > 0) {
            long end = frame.position + length;
            if (end > options.maxMessageSize()) {
                frame.status = refuse(message.messageId(), MsrpStatus.STOP_SENDING_MESSAGE,
                        tooLarge(message.messageId()));
            } else {
                try {
                    message.sink.write(frame.position, content);
                } catch (IOException | RuntimeException e) {
                    frame.status = refuse(message.messageId(), MsrpStatus.STOP_SENDING_MESSAGE,
                            new MsrpException("sink of message " + message.messageId() + " failed", e));
                }
                if (frame.status == null && message.wrappedHead != null) {
                    MsrpStatus wrapped = checkWrappedType(message, frame.position, content.duplicate()
                            .readerIndex(content.writerIndex() - length));
                    if (wrapped != null) {
                        frame.status = refuse(message.messageId(), wrapped, new MsrpException("message "
                                + message.messageId() + " wraps a content type this session does not accept"));
                    }
                }
            }
        }
        frame.position += length;
        if (piece instanceof LastMsrpContent) {
            inbound = null;
            onFrameEnd(frame, ((LastMsrpContent) piece).flag());
        }
    }

    private void onFrameEnd(InboundFrame frame, ContinuationFlag flag) {
        if (MsrpMethod.REPORT.equals(frame.request.method())) {
            return;
        }
        IncomingTransfer wrapping = frame.target;
        if (frame.status == null && wrapping != null && wrapping.wrappedHead != null
                && (flag != ContinuationFlag.CONTINUED || wrapping.wrappedHead.size() >= MAX_WRAPPED_HEAD)) {
            frame.status = refuse(wrapping.messageId(), MsrpStatus.BAD_REQUEST.withComment("CPIM headers"),
                    new MsrpException("message " + wrapping.messageId() + " has no readable CPIM headers"));
        }
        MsrpStatus status = frame.status == null ? MsrpStatus.OK : frame.status;
        frame.connection.respond(frame.request, status);
        IncomingTransfer message = frame.target;
        if (message == null || frame.status != null) {
            return;
        }
        message.received.add(frame.start, frame.position);
        if (flag == ContinuationFlag.ABORTED) {
            abortIncoming(message, new MsrpException("the sender aborted message " + message.messageId()));
            return;
        }
        if (flag == ContinuationFlag.COMPLETE) {
            // The '$' chunk ends the message (RFC 4975 §7.1): its end is the total when none was known.
            message.lastChunkEnd = frame.position;
        }
        // The '$' chunk's end is where the message ends (RFC 4975 §7.3.1), whatever an earlier total said.
        long total = message.lastChunkEnd >= 0 ? message.lastChunkEnd : message.total;
        if (total >= 0 && message.received.covers(total)) {
            completeIncoming(message, total);
        }
    }

    /**
     * Stops a message with an error status (RFC 4975 §10.5 for 413): its chunks so far are dropped, the listener is
     * told it was aborted, and its later chunks get the same status.
     */
    private MsrpStatus refuse(String messageId, MsrpStatus status, MsrpException reason) {
        refused.put(messageId, status);
        IncomingTransfer message = incoming.get(messageId);
        if (message != null) {
            abortIncoming(message, reason);
        }
        return status;
    }

    private MsrpException tooLarge(String messageId) {
        return new MsrpException("message " + messageId + " is larger than " + options.maxMessageSize() + " bytes");
    }

    private void completeIncoming(IncomingTransfer message, long total) {
        incoming.remove(message.messageId());
        completed.put(message.messageId(), MsrpStatus.OK);
        try {
            message.sink.complete(total);
        } catch (IOException | RuntimeException e) {
            abortIncoming(message, new MsrpException("sink of message " + message.messageId() + " failed", e));
            sendReport(message, MsrpStatus.STOP_SENDING_MESSAGE, total, true);
            return;
        }
        message.size = total;
        notifyListener(() -> listener.onMessageReceived(message));
        if (message.successReport() == SuccessReport.YES) {
            sendReport(message, MsrpStatus.OK, total, false);
        }
    }

    /** RFC 4975 §7.1.2 to §7.1.4: a REPORT goes back along the full From-Path of the message's SEND. */
    private void sendReport(IncomingTransfer message, MsrpStatus status, long total, boolean failure) {
        if (failure && message.failureReport() != FailureReport.YES) {
            return;
        }
        DefaultMsrpConnection conn = connection;
        if (conn == null || message.fromPath == null) {
            return;
        }
        MsrpHeaders headers = new MsrpHeaders();
        headers.add(MsrpHeaderNames.TO_PATH, message.fromPath);
        headers.add(MsrpHeaderNames.FROM_PATH, localUriText);
        headers.add(MsrpHeaderNames.MESSAGE_ID, message.messageId());
        headers.add(MsrpHeaderNames.BYTE_RANGE, ByteRange.of(1, total, total).toHeaderValue());
        headers.add(MsrpHeaderNames.STATUS, status.toHeaderValue());
        conn.write(new FullMsrpFrame(new MsrpRequestHead(MsrpIdentifiers.newTransactionId(), MsrpMethod.REPORT,
                headers), ContinuationFlag.COMPLETE));
    }

    private void abortIncoming(IncomingTransfer message, MsrpException reason) {
        if (message.aborted) {
            return;
        }
        incoming.remove(message.messageId());
        message.aborted = true;
        try {
            message.sink.abort(reason);
        } catch (RuntimeException e) {
            log.warn("Session {}: sink of message {} failed to abort", localUri, message.messageId(), e);
        }
        notifyListener(() -> listener.onMessageAborted(message, reason));
    }

    private void notifyListener(Runnable callback) {
        try {
            callback.run();
        } catch (RuntimeException e) {
            log.warn("Session {}: listener threw", localUri, e);
        }
    }

    @Override
    public String toString() {
        return "MsrpSession[" + localUri + "]";
    }

    // ---- state ------------------------------------------------------------------------------------------------

    /** One SEND waiting for its response. */
    private static final class Transaction {
        final String transactionId;
        final OutgoingTransfer transfer;
        final long start;
        final long end;
        CompletableFuture<Void> emptySend;
        /** For an AUTH: the response, whatever its status; the AUTH exchange decides what follows. */
        CompletableFuture<MsrpResponseHead> auth;

        Transaction(String transactionId, OutgoingTransfer transfer, long start, long end) {
            this.transactionId = transactionId;
            this.transfer = transfer;
            this.start = start;
            this.end = end;
        }

    }

    /** The request whose pieces are arriving, and where they go. */
    private static final class InboundFrame {
        final DefaultMsrpConnection connection;
        final MsrpRequestHead request;
        IncomingTransfer target;
        MsrpStatus status;
        long start;
        long position;

        InboundFrame(DefaultMsrpConnection connection, MsrpRequestHead request) {
            this.connection = connection;
            this.request = request;
        }
    }
}
