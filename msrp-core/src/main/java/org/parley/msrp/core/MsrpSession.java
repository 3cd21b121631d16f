package org.parley.msrp.core;

import io.netty.util.concurrent.EventExecutor;
import org.parley.msrp.core.codec.MsrpUri;
import org.parley.msrp.core.relay.DigestCredentials;
import org.parley.msrp.core.relay.RelayGrant;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;

/**
 * One MSRP session (RFC 4975 §5): a local URI with a fresh session id, the peer's path, and at most one connection
 * at a time. Made by {@link MsrpStack#newSession}.
 *
 * <p>A session can be used before it has a connection: messages sent early wait in a bounded queue (see
 * {@link MsrpSessionOptions#maxQueuedMessages()}) and go out once it is connected, or fail with
 * {@link MsrpSessionClosedException} when the session is closed without ever having been connected (a failed
 * {@link MsrpStack#connect} does not close the session: the application may try another address, or close it). It gets a
 * connection in one of two ways: {@link #attach(MsrpConnection)} (the side that connected, RFC 4975 §5.4), or by
 * the first request for its URI arriving on a connection a {@link MsrpServer} accepted (the side that listens). The
 * session ends with its connection: losing it fails every pending send and aborts every partly received message.
 *
 * <p>All methods may be called from any thread. Futures complete, and listeners run, on {@link #executor()}.
 */
public interface MsrpSession {

    /**
     * Returns the session's own URI, the one for the SDP {@code a=path} (RFC 4975 §8.2).
     *
     * @return the URI with this session's id
     */
    MsrpUri localUri();

    /**
     * Returns the peer's path.
     *
     * @return the URIs of the peer's {@code a=path}, first hop first; empty until set
     */
    List<MsrpUri> remotePath();

    /**
     * Sets the peer's path from its SDP {@code a=path}. Requests go to these URIs (To-Path); requests from the peer
     * are expected to come from them.
     *
     * @param path one or more URIs, first hop first
     */
    void remotePath(List<MsrpUri> path);

    /**
     * Says whether a connection this session did not open may bind it (RFC 4975 §5.4). Default: true. The side that
     * will connect turns it off once the SDP says so (RFC 6135 §4.2: the active side accepts no connection for the
     * session), so that nobody who learnt both paths can take its place before its own connection is up.
     *
     * @param accept whether the first request of an accepted connection may bind this session
     */
    void acceptInbound(boolean accept);

    /**
     * Sets a further check of a connection this session did not open, made before the first request binds it, after
     * the To-Path and From-Path checks: for example that the TLS peer's certificate matches this session's SDP
     * fingerprints (RFC 8122 §5, {@link MsrpConnection#peerCertificates()}). A connection that fails it gets 481.
     *
     * @param check the check, run on the connection's event loop; null for none (the default)
     */
    void inboundCheck(Predicate<MsrpConnection> check);

    /**
     * Returns the options.
     *
     * @return the session's options
     */
    MsrpSessionOptions options();

    /**
     * Returns the event loop that runs this session: its futures complete and its listeners run there.
     *
     * @return the executor
     */
    EventExecutor executor();

    /**
     * Binds this session to a connection the local side opened (see {@link MsrpStack#connect}) and starts sending
     * what is queued. The side that connects must send a request at once (RFC 4975 §5.4): when nothing is queued,
     * call {@link #sendEmpty()}.
     *
     * @param connection an open connection to the first URI of the remote path
     * @return a future that completes when the session is bound, or fails with {@link MsrpConnectionException} when
     *     the connection is closed, or with {@link MsrpException} when the session is bound already or closed
     */
    CompletableFuture<Void> attach(MsrpConnection connection);

    /**
     * Binds this session as the active endpoint (RFC 4975 §5.4, RFC 6135 §4.2): like {@link #attach}, then makes sure
     * the peer sees a request at once, so that it can authenticate the connection. Queued messages go first; when
     * none is queued, an empty SEND goes instead.
     *
     * @param connection an open connection to the first URI of the remote path
     * @return a future that completes once the session is bound and, when an empty SEND was sent, once it got its
     *     200; it fails as {@link #attach} and {@link #sendEmpty()} fail (a 481 from a peer that did not
     *     authenticate this side fails it with {@link MsrpStatusException} and ends the session)
     */
    CompletableFuture<Void> attachActive(MsrpConnection connection);

    /**
     * Authenticates this session at a relay over its connection to it (RFC 4976 §5.1, §9.1): sends AUTH, answers a
     * 401 Digest challenge with {@code credentials} (SHA-256 when the relay offers it, else MD5; again when the relay
     * says the nonce was stale), and, on a 423, asks again with an {@code Expires} within the relay's
     * {@code Min-Expires} and {@code Max-Expires}. While the session lives, each grant is refreshed at four fifths of
     * its {@code Expires} (at least a transaction timeout before it ends), by an AUTH sent along the granted
     * {@code Use-Path} so that the relay can extend it; a refresh that fails ends the session with its reason.
     * Cancelling the returned future stops the exchange.
     *
     * @param relay the relay's URI, the To-Path of the AUTH
     * @param credentials the user name and password for the relay's realm
     * @param expires the validity to ask for, or {@link Duration#ZERO} to leave it to the relay
     * @return the grant from the relay's 200; fails with {@link MsrpStatusException} (401 when the credentials are
     *     refused, or any other error status), {@link MsrpTransactionTimeoutException}, {@link MsrpConnectionException}
     *     when the session has no connection, or {@link MsrpSessionClosedException} when it is closed
     * @throws IllegalArgumentException if {@code expires} is negative
     */
    CompletableFuture<RelayGrant> authenticate(MsrpUri relay, DigestCredentials credentials,
                                               Duration expires);

    /**
     * Returns a future for the session's first connection: by {@link #attach}, or by the first request of the peer
     * on a connection a {@link MsrpServer} accepted.
     *
     * @return a new future that completes when the session first has a connection, or fails with the reason the
     *     session closed before it had one
     */
    CompletableFuture<Void> whenConnected();

    /**
     * Tells whether the session has a connection.
     *
     * @return whether it is bound to an open connection
     */
    boolean isConnected();

    /**
     * Sends a message. Large messages go out in chunks of {@link MsrpSessionOptions#chunkSize()} bytes, interleaved
     * with other messages of the session, so that a short message is not stuck behind a large file.
     *
     * <p>The future completes as {@link OutgoingMessage} describes for its report policy. It fails with
     * {@link MsrpStatusException} on an error response or failure REPORT (413 included: the peer wants no more of
     * the message, and no more is sent), {@link MsrpTransactionTimeoutException} when a response or REPORT is late,
     * {@link MsrpConnectionException} when the connection is lost, and {@link MsrpSessionClosedException} when the
     * session closes first or the queue of a session without connection is full. Cancelling the future stops the
     * message; if part of it went out, a last chunk flagged {@code #} tells the peer it is aborted (RFC 4975
     * §7.1).
     *
     * @param message the message
     * @return the outcome
     */
    CompletableFuture<MsrpSendResult> send(OutgoingMessage message);

    /**
     * Sends a SEND without body (RFC 4975 §7.1): what the side that connected sends when it has nothing else to say
     * (§5.4), or a keep-alive.
     *
     * @return a future that completes on its 200 response, failing like {@link #send}
     */
    CompletableFuture<Void> sendEmpty();

    /**
     * Closes the session: pending sends fail with {@link MsrpSessionClosedException}, partly received messages are
     * aborted, the session stops receiving. Its connection is closed unless other sessions share it.
     *
     * @return a future that completes when the session is closed
     */
    CompletableFuture<Void> closeAsync();

    /**
     * Closes the session for a reason of the caller's: pending sends fail with {@code reason}, and
     * {@link MsrpSessionListener#onSessionClosed} gets it. For code that sets sessions up, such as COMEDIA's
     * connection handling, when the session cannot go on (its connection could not be opened, its peer never
     * connected).
     *
     * @param reason why the session ends
     * @return a future that completes when the session is closed
     */
    CompletableFuture<Void> closeAsync(MsrpException reason);
}
