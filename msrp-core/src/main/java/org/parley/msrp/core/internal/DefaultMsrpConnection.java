package org.parley.msrp.core.internal;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.ReferenceCountUtil;
import org.parley.msrp.core.MsrpConnection;
import org.parley.msrp.core.MsrpConnectionException;
import org.parley.msrp.core.MsrpException;
import org.parley.msrp.core.MsrpTlsVerificationException;
import org.parley.msrp.core.codec.ContinuationFlag;
import org.parley.msrp.core.codec.FailureReport;
import org.parley.msrp.core.codec.FullMsrpFrame;
import org.parley.msrp.core.codec.InvalidMsrpHeaderException;
import org.parley.msrp.core.codec.LastMsrpContent;
import org.parley.msrp.core.codec.MsrpContent;
import org.parley.msrp.core.codec.MsrpFrameHead;
import org.parley.msrp.core.codec.MsrpHeaderNames;
import org.parley.msrp.core.codec.MsrpMethod;
import org.parley.msrp.core.codec.MsrpRequestHead;
import org.parley.msrp.core.codec.MsrpResponseHead;
import org.parley.msrp.core.codec.MsrpStatus;
import org.parley.msrp.core.codec.MsrpUri;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLPeerUnverifiedException;
import java.net.InetSocketAddress;
import java.security.cert.Certificate;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

/**
 * One MSRP connection: the last handler of its pipeline, after the frame codec. It hands each request to the
 * session its To-Path names (RFC 4975 §7.3), each response to the session that sent the request, and answers what
 * no session can take: 481 for an unknown session, 506 for a session bound to another connection (§5.4), 400 for a
 * frame that failed to decode, after which it closes the connection.
 *
 * <p>Frame pieces are handed over to the session's event loop in order; when the sessions fall behind by more than
 * {@link #MAX_BACKLOG_BYTES}, reading pauses until they catch up, so a slow sink never lets a fast sender fill the
 * heap.
 */
public final class DefaultMsrpConnection extends ChannelInboundHandlerAdapter implements MsrpConnection {

    private static final Logger log = LoggerFactory.getLogger(DefaultMsrpConnection.class);
    /** Body bytes handed to sessions but not yet processed, above which reading pauses. */
    static final long MAX_BACKLOG_BYTES = 4L * 1024 * 1024;

    private final Channel channel;
    private final SessionRegistry registry;
    private final Set<DefaultMsrpSession> sessions = ConcurrentHashMap.newKeySet();
    private final Map<String, DefaultMsrpSession> pendingTransactions = new ConcurrentHashMap<>();
    private final AtomicLong backlog = new AtomicLong();
    /** Whether a task to resume reading is queued already: sessions report progress often, one task is enough. */
    private final AtomicBoolean resumeScheduled = new AtomicBoolean();
    private final CompletableFuture<Void> closeFuture = new CompletableFuture<>();
    /** The TLS failure that ended the connection, if one did; channel loop only. */
    private SSLException tlsFailure;
    /** Completes when the connection is secured and its peer verified (at once without security). */
    private final CompletableFuture<Void> secured;
    /**
     * Completes when a request first names a session that takes it (bound, or waiting for the session's remote path),
     * or when the connection closes: from then on the connection is no longer an anonymous unbound one.
     */
    private final CompletableFuture<Void> claimed = new CompletableFuture<>();
    /** The session receiving the current frame's pieces; null while they are skipped. Channel loop only. */
    private DefaultMsrpSession target;
    /**
     * What was read since a request was deferred (its session did not know its peer yet), in order, head first;
     * null when nothing is deferred. Reading pauses meanwhile, so this holds about one socket read. Channel loop only.
     */
    private ArrayDeque<Object> held;
    private long heldBytes;

    DefaultMsrpConnection(Channel channel, SessionRegistry registry, CompletableFuture<Void> secured) {
        this.channel = channel;
        this.registry = registry;
        this.secured = secured;
        channel.closeFuture().addListener(f -> {
            closeFuture.complete(null);
            claimed.complete(null);
        });
    }

    Channel channel() {
        return channel;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return (InetSocketAddress) channel.remoteAddress();
    }

    @Override
    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    @Override
    public List<Certificate> peerCertificates() {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null || !ssl.handshakeFuture().isSuccess()) {
            return List.of();
        }
        try {
            return List.of(ssl.engine().getSession().getPeerCertificates());
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    @Override
    public CompletableFuture<Void> closeAsync() {
        channel.close();
        return closeFuture;
    }

    /**
     * Returns a future that completes when the connection is secured (TLS handshake done, peer verified), at once
     * for plain TCP, or fails with the reason it could not be.
     *
     * @return the future
     */
    public CompletableFuture<Void> secured() {
        return secured;
    }

    /**
     * Returns a future that completes when the connection has closed.
     *
     * @return the close future
     */
    public CompletableFuture<Void> closeFuture() {
        return closeFuture;
    }

    /** Runs {@code action} once a request has claimed this connection for a session, or once it has closed. */
    void onClaimed(Runnable action) {
        claimed.thenRun(action);
    }

    /** Closes the connection, saying why, unless a session has been bound to it meanwhile. Any thread. */
    void closeUnbound(String reason) {
        closeOnLoopIf(sessions::isEmpty, reason);
    }

    /** Closes the connection, saying why, unless a request has claimed it for a session meanwhile. Any thread. */
    void closeIfUnclaimed(String reason) {
        closeOnLoopIf(() -> !claimed.isDone(), reason);
    }

    /** Closes a connection no session uses, such as one whose session could not be attached. Any thread. */
    void closeIfUnused() {
        closeOnLoopIf(sessions::isEmpty, null);
    }

    /**
     * Closes the connection on its event loop if {@code condition} still holds there, where binding and claiming
     * happen, so that neither can slip in between the check and the close.
     */
    private void closeOnLoopIf(BooleanSupplier condition, String reason) {
        channel.eventLoop().execute(() -> {
            if (channel.isOpen() && condition.getAsBoolean()) {
                if (reason != null) {
                    log.info("Closing unauthenticated MSRP connection {}: {}", channel, reason);
                }
                channel.close();
            }
        });
    }

    /** The session of the deferred request has learnt its peer, or has closed: the request is tried again. */
    void retryDeferred() {
        channel.eventLoop().execute(this::replayHeld);
    }

    void addSession(DefaultMsrpSession session) {
        sessions.add(session);
        if (!channel.isActive()) {
            session.connectionLost(this, new MsrpConnectionException("connection to " + channel.remoteAddress()
                    + " is closed", null));
        }
    }

    /** A session closed: the connection closes once no session uses it. */
    void removeSession(DefaultMsrpSession session) {
        if (sessions.remove(session) && sessions.isEmpty()) {
            channel.close();
        }
    }

    /** Writes a request whose response goes back to {@code session}; without flush, the caller flushes later. */
    ChannelFuture writeRequest(FullMsrpFrame request, DefaultMsrpSession session, boolean expectsResponse,
                               boolean flush) {
        if (expectsResponse) {
            pendingTransactions.put(request.head().transactionId(), session);
        }
        return flush ? channel.writeAndFlush(request) : channel.write(request);
    }

    void forgetTransaction(String transactionId) {
        pendingTransactions.remove(transactionId);
    }

    ChannelFuture write(FullMsrpFrame frame) {
        return channel.writeAndFlush(frame);
    }

    /** Called by a session once it has processed body bytes handed to it. */
    void processed(int bytes) {
        long left = backlog.addAndGet(-bytes);
        if (left < MAX_BACKLOG_BYTES / 2 && !channel.config().isAutoRead()
                && resumeScheduled.compareAndSet(false, true)) {
            channel.eventLoop().execute(() -> {
                resumeScheduled.set(false);
                // A deferred request keeps reading paused until it is replayed.
                if (backlog.get() < MAX_BACKLOG_BYTES / 2 && held == null) {
                    channel.config().setAutoRead(true);
                }
            });
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (held != null) {
            hold(msg);
        } else if (msg instanceof MsrpFrameHead) {
            onHead((MsrpFrameHead) msg);
        } else if (msg instanceof MsrpContent) {
            MsrpContent piece = (MsrpContent) msg;
            DefaultMsrpSession session = target;
            if (piece instanceof LastMsrpContent) {
                target = null;
            }
            Throwable broken = piece.decoderResult().cause();
            if (session == null) {
                ReferenceCountUtil.release(msg);
            } else {
                int bytes = piece.content().readableBytes();
                if (backlog.addAndGet(bytes) > MAX_BACKLOG_BYTES) {
                    channel.config().setAutoRead(false);
                }
                session.deliverPiece(this, piece, bytes);
            }
            if (broken != null) {
                // The decoder discards everything after a broken frame: nothing more can be read on this connection.
                log.warn("Closing MSRP connection {}: broken frame body: {}", channel, broken.getMessage());
                channel.close();
            }
        } else {
            log.warn("Unexpected message on MSRP connection {}: {}", channel, msg);
            ReferenceCountUtil.release(msg);
        }
    }

    private void onHead(MsrpFrameHead head) {
        target = null;
        if (head.decoderResult().isFailure()) {
            onBadFrame(head);
        } else if (head instanceof MsrpResponseHead) {
            DefaultMsrpSession session = pendingTransactions.remove(head.transactionId());
            if (session == null) {
                log.debug("Response to unknown or expired transaction {} on {}", head.transactionId(), channel);
                return;
            }
            target = session;
            session.deliverHead(this, head);
        } else {
            onRequest((MsrpRequestHead) head);
        }
    }

    private void onRequest(MsrpRequestHead request) {
        List<MsrpUri> toPath;
        try {
            toPath = request.headers().toPath();
        } catch (InvalidMsrpHeaderException e) {
            refuse(request, MsrpStatus.BAD_REQUEST.withComment("Bad To-Path"));
            return;
        }
        if (toPath.isEmpty()) {
            refuse(request, MsrpStatus.BAD_REQUEST.withComment("No To-Path"));
            return;
        }
        // The last URI of To-Path is this endpoint's own (RFC 4975 §7.3; earlier ones are relays already passed).
        MsrpUri local = toPath.get(toPath.size() - 1);
        DefaultMsrpSession session = registry.find(local);
        DefaultMsrpSession.InboundBinding binding = session == null
                ? DefaultMsrpSession.InboundBinding.NOT_AUTHENTICATED
                : session.bindInbound(this, request, sessions.isEmpty());
        switch (binding) {
            case BOUND:
                sessions.add(session);
                claimed.complete(null);
                target = session;
                session.deliverHead(this, request);
                break;
            case DEFERRED:
                // Only an unbound connection defers, so no other session's frames wait behind this request.
                channel.config().setAutoRead(false);
                held = new ArrayDeque<>();
                heldBytes = 0;
                held.add(request);
                claimed.complete(null);
                break;
            case BOUND_ELSEWHERE:
                refuse(request, MsrpStatus.SESSION_ALREADY_BOUND.withComment("Session is bound to another connection"));
                break;
            default:
                refuse(request, MsrpStatus.NO_SUCH_SESSION);
                break;
        }
    }

    private void hold(Object msg) {
        held.add(msg);
        if (msg instanceof MsrpContent) {
            heldBytes += ((MsrpContent) msg).content().readableBytes();
            if (heldBytes > MAX_BACKLOG_BYTES) {
                log.warn("Closing MSRP connection {}: more than {} bytes arrived while its first request waited for"
                        + " its session's remote path", channel, MAX_BACKLOG_BYTES);
                channel.close();
            }
        }
    }

    /** The deferred request's session now knows its peer (or has closed): what was held is read again, in order. */
    private void replayHeld() {
        ArrayDeque<Object> replay = held;
        if (replay == null) {
            return;
        }
        held = null;
        if (!channel.isActive()) {
            replay.forEach(ReferenceCountUtil::release);
            return;
        }
        channel.config().setAutoRead(true);
        for (Object msg; (msg = replay.poll()) != null; ) {
            channelRead(null, msg);
        }
    }

    /**
     * Answers a request no session takes. A connection that carries no session is closed after the answer: its
     * first request did not bind it, so nothing shows it comes from a negotiated peer (RFC 4975 §5.4).
     */
    private void refuse(MsrpRequestHead request, MsrpStatus status) {
        ChannelFuture answered = respond(request, status);
        if (sessions.isEmpty()) {
            String reason = "its request " + UntrustedText.quote(request.transactionId()) + " for "
                    + UntrustedText.quote(request.headers().get(MsrpHeaderNames.TO_PATH)) + " from "
                    + UntrustedText.quote(request.headers().get(MsrpHeaderNames.FROM_PATH)) + " got " + status;
            if (answered == null) {
                closeUnbound(reason);
            } else {
                answered.addListener(f -> closeUnbound(reason));
            }
        }
    }

    private void onBadFrame(MsrpFrameHead head) {
        Throwable cause = head.decoderResult().cause();
        log.warn("Closing MSRP connection {}: undecodable frame {}: {}", channel, head.transactionId(),
                cause.getMessage());
        if (head instanceof MsrpRequestHead && head.transactionId() != null) {
            try {
                // RFC 4975 §10.2: 400 when the request was unintelligible; its paths may still be readable.
                FullMsrpFrame response = new FullMsrpFrame(MsrpResponseHead.forRequest((MsrpRequestHead) head,
                        MsrpStatus.BAD_REQUEST), ContinuationFlag.COMPLETE);
                channel.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
                return;
            } catch (IllegalArgumentException e) {
                log.debug("No 400 for transaction {}: {}", head.transactionId(), e.getMessage());
            }
        }
        channel.close();
    }

    /**
     * Answers a request no session takes, unless it asked for no such response (RFC 4975 §7.2).
     *
     * @return the write, or null when no response was written
     */
    ChannelFuture respond(MsrpRequestHead request, MsrpStatus status) {
        if (!wantsResponse(request, status)) {
            return null;
        }
        try {
            return channel.writeAndFlush(new FullMsrpFrame(MsrpResponseHead.forRequest(request, status),
                    ContinuationFlag.COMPLETE)).addListener(ChannelFutureListener.FIRE_EXCEPTION_ON_FAILURE);
        } catch (IllegalArgumentException e) {
            log.warn("Cannot answer MSRP transaction {} with {}: {}", request.transactionId(), status,
                    e.getMessage());
            return null;
        }
    }

    /** RFC 4975 §7.2: yes (or absent) wants every response; partial only errors; no none; REPORT never. */
    static boolean wantsResponse(MsrpRequestHead request, MsrpStatus status) {
        if (MsrpMethod.REPORT.equals(request.method())) {
            return false;
        }
        FailureReport policy;
        try {
            policy = request.headers().failureReport();
        } catch (InvalidMsrpHeaderException e) {
            policy = FailureReport.YES;
        }
        return policy == FailureReport.YES || (policy == FailureReport.PARTIAL && !status.isSuccess());
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        if (channel.isWritable()) {
            for (DefaultMsrpSession session : sessions) {
                session.writable();
            }
        }
        ctx.fireChannelWritabilityChanged();
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (held != null) {
            held.forEach(ReferenceCountUtil::release);
            held = null;
        }
        MsrpException lost = tlsFailure != null
                ? new MsrpTlsVerificationException("TLS with " + channel.remoteAddress() + " failed: "
                        + tlsFailure.getMessage(), tlsFailure)
                : new MsrpConnectionException("MSRP connection to " + channel.remoteAddress() + " closed", null);
        for (DefaultMsrpSession session : sessions) {
            session.connectionLost(this, lost);
        }
        sessions.clear();
        pendingTransactions.clear();
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        SSLException tls = sslCause(cause);
        if (tls != null) {
            // Under TLS 1.3 the client's handshake is done before the server refuses its certificate: the refusal
            // comes as an alert, and the sessions must learn it was TLS that failed (RFC 4975 §14).
            tlsFailure = tls;
        }
        log.warn("Closing MSRP connection {} after an error: {}", channel, cause.toString());
        channel.close();
    }

    private static SSLException sslCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof SSLException) {
                return (SSLException) cause;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "MsrpConnection[" + channel + "]";
    }
}
