package org.parley.msrp.core;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import org.parley.msrp.core.codec.MsrpIdentifiers;
import org.parley.msrp.core.codec.MsrpUri;
import org.parley.msrp.core.internal.DefaultMsrpConnection;
import org.parley.msrp.core.internal.DefaultMsrpSession;
import org.parley.msrp.core.internal.MsrpChannelInitializer;
import org.parley.msrp.core.internal.SessionRegistry;
import org.parley.msrp.core.internal.UnboundConnections;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The root of Parley's session API: owns (or borrows) the Netty event loops, makes sessions, listens for and opens
 * connections. One stack serves any number of sessions; close it with {@link #closeAsync()}.
 *
 * <pre>{@code
 * MsrpStack stack = MsrpStack.create();
 * MsrpSession session = stack.newSession(MsrpSessionOptions.defaults(), listener);
 * session.remotePath(List.of(MsrpUri.parse(peerPathFromSdp)));
 * stack.connect(session.remotePath().get(0).toUnresolvedSocketAddress())
 *      .thenCompose(session::attach)
 *      .thenCompose(v -> session.send(OutgoingMessage.text("Hello")));
 * }</pre>
 *
 * <p>Thread-safe. Futures returned here complete on Netty event loop threads: do not block in their callbacks.
 */
public final class MsrpStack {

    /**
     * Sessions stop reading their sources when this much waits to be written on a connection: several chunks, so
     * that the socket never runs dry between two writability events, and still a bounded amount per connection.
     */
    private static final WriteBufferWaterMark WATER_MARK = new WriteBufferWaterMark(512 * 1024, 1024 * 1024);

    private final MsrpStackOptions options;
    private final EventLoopGroup group;
    private final boolean ownsGroup;
    private final SessionRegistry registry = new SessionRegistry();
    private final UnboundConnections unbound;
    private final Set<Channel> servers = ConcurrentHashMap.newKeySet();
    private final Set<DefaultMsrpConnection> connections = ConcurrentHashMap.newKeySet();
    private final Map<InetSocketAddress, CompletableFuture<MsrpConnection>> reusable = new ConcurrentHashMap<>();
    private volatile int listeningPort = -1;
    private volatile boolean closed;

    private MsrpStack(MsrpStackOptions options) {
        this.options = Objects.requireNonNull(options, "options");
        this.unbound = new UnboundConnections(options.maxUnboundConnections(), options.unboundConnectionTimeout());
        if (options.eventLoopGroup() != null) {
            this.group = options.eventLoopGroup();
            this.ownsGroup = false;
        } else {
            this.group = new MultiThreadIoEventLoopGroup(options.ioThreads(), NioIoHandler.newFactory());
            this.ownsGroup = true;
        }
    }

    /**
     * Creates a stack with default options and its own event loops.
     *
     * @return the stack
     */
    public static MsrpStack create() {
        return create(MsrpStackOptions.defaults());
    }

    /**
     * Creates a stack.
     *
     * @param options the options
     * @return the stack
     */
    public static MsrpStack create(MsrpStackOptions options) {
        return new MsrpStack(options);
    }

    /**
     * Returns the options.
     *
     * @return the stack's options
     */
    public MsrpStackOptions options() {
        return options;
    }

    /**
     * Returns the event loops sessions and connections run on.
     *
     * @return the owned or borrowed group
     */
    public EventLoopGroup eventLoopGroup() {
        return group;
    }

    /**
     * Makes a session with a fresh session id (at least 80 random bits, RFC 4975 §14.1) in its URI
     * {@code msrp://host:port/id;tcp}, where host and port come from the options (the port defaults to the one
     * this stack listens on).
     *
     * @param options the session's options
     * @param listener told of incoming messages; runs on the session's event loop
     * @return the session, ready to be offered in SDP
     * @throws IllegalStateException if the stack is closed
     */
    public MsrpSession newSession(MsrpSessionOptions options, MsrpSessionListener listener) {
        if (closed) {
            throw new IllegalStateException("the MSRP stack is closed");
        }
        int port = options.localPort() >= 0 ? options.localPort()
                : listeningPort >= 0 ? listeningPort : MsrpSessionOptions.DEFAULT_LOCAL_PORT;
        MsrpUri uri = MsrpUri.of(options.secure(), options.localHost(), port, MsrpIdentifiers.newSessionId(), "tcp");
        EventExecutor executor = group.next();
        return new DefaultMsrpSession(registry, options, listener, executor, uri);
    }

    /**
     * Listens for connections. Requests on accepted connections go to this stack's sessions by To-Path.
     *
     * @param address where to listen; port 0 picks a free port
     * @return the server once it listens, or a failure with {@link MsrpConnectionException}
     */
    public CompletableFuture<MsrpServer> listen(InetSocketAddress address) {
        return listen(address, null);
    }

    /**
     * Listens for connections secured by {@code security}, for example {@code msrps} with TLS: the security handlers
     * come first in each accepted connection's pipeline, and no MSRP byte is read before they have verified the peer.
     *
     * @param address where to listen; port 0 picks a free port
     * @param security what secures each accepted connection, or null for plain TCP
     * @return the server once it listens, or a failure with {@link MsrpConnectionException}
     */
    public CompletableFuture<MsrpServer> listen(InetSocketAddress address, ConnectionSecurity security) {
        CompletableFuture<MsrpServer> result = new CompletableFuture<>();
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(group)
                .channel(NioServerSocketChannel.class)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .childHandler(new MsrpChannelInitializer(options.decoderConfig(), registry, this::track, unbound,
                        security, options.frameObserver()));
        bootstrap.bind(address).addListener((ChannelFuture f) -> {
            if (!f.isSuccess()) {
                result.completeExceptionally(new MsrpConnectionException("cannot listen on " + address, f.cause()));
                return;
            }
            Channel channel = f.channel();
            servers.add(channel);
            InetSocketAddress bound = (InetSocketAddress) channel.localAddress();
            if (listeningPort < 0) {
                listeningPort = bound.getPort();
            }
            result.complete(new MsrpServer() {
                @Override
                public InetSocketAddress localAddress() {
                    return bound;
                }

                @Override
                public CompletableFuture<Void> closeAsync() {
                    servers.remove(channel);
                    return toCompletable(channel.close());
                }
            });
        });
        return result;
    }

    /**
     * Opens a connection, or returns an open one to the same address when {@link MsrpStackOptions#reuseConnections()}
     * is on. Hand it to {@link MsrpSession#attach(MsrpConnection)}.
     *
     * @param remote the address of the first URI of the remote path
     * @return the connection, or a failure with {@link MsrpConnectionException} (refused, unreachable, timed out)
     */
    public CompletableFuture<MsrpConnection> connect(InetSocketAddress remote) {
        if (!options.reuseConnections()) {
            return open(remote);
        }
        CompletableFuture<MsrpConnection> existing = reusable.get(remote);
        if (existing != null && (!existing.isDone() || (!existing.isCompletedExceptionally()
                && existing.join().isOpen()))) {
            return existing;
        }
        CompletableFuture<MsrpConnection> opened = open(remote);
        reusable.put(remote, opened);
        return opened;
    }

    /**
     * Opens a connection secured by {@code security}, for example TLS for an {@code msrps} URI, whose future completes
     * only once the security handlers have verified the peer. Such connections are never reused.
     *
     * @param remote the address of the first URI of the remote path
     * @param security what secures the connection
     * @return the connection, or a failure: {@link MsrpConnectionException} when it cannot be opened, or the
     *     {@link MsrpException} the security reported (for example a TLS verification failure)
     */
    public CompletableFuture<MsrpConnection> connect(InetSocketAddress remote, ConnectionSecurity security) {
        return open(remote, Objects.requireNonNull(security, "security"));
    }

    private CompletableFuture<MsrpConnection> open(InetSocketAddress remote) {
        return open(remote, null);
    }

    private CompletableFuture<MsrpConnection> open(InetSocketAddress remote, ConnectionSecurity security) {
        CompletableFuture<MsrpConnection> result = new CompletableFuture<>();
        if (closed) {
            result.completeExceptionally(new MsrpConnectionException("the MSRP stack is closed", null));
            return result;
        }
        Bootstrap bootstrap = new Bootstrap()
                .group(group)
                .channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, WATER_MARK)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) options.connectTimeout().toMillis())
                .handler(new MsrpChannelInitializer(options.decoderConfig(), registry, this::track, null, security,
                        options.frameObserver()));
        bootstrap.connect(remote).addListener((ChannelFuture f) -> {
            if (f.isSuccess()) {
                DefaultMsrpConnection connection = MsrpChannelInitializer.connectionOf(f.channel());
                connection.secured().whenComplete((v, e) -> {
                    if (e == null) {
                        result.complete(connection);
                    } else {
                        Throwable cause = e instanceof java.util.concurrent.CompletionException && e.getCause() != null
                                ? e.getCause() : e;
                        result.completeExceptionally(cause instanceof MsrpException ? cause
                                : new MsrpConnectionException("cannot secure the connection to " + remote, cause));
                    }
                });
            } else {
                result.completeExceptionally(new MsrpConnectionException("cannot connect to " + remote, f.cause()));
            }
        });
        return result;
    }

    private void track(DefaultMsrpConnection connection) {
        connections.add(connection);
        connection.closeFuture().thenRun(() -> connections.remove(connection));
    }

    /**
     * Returns how many accepted connections have not yet named a session: a gauge for monitoring floods of silent or
     * unauthenticated connections (see {@link MsrpStackOptions#maxUnboundConnections()}).
     *
     * @return the count now
     */
    public int unboundConnectionCount() {
        return unbound.size();
    }

    /**
     * Closes every session (their pending sends fail with {@link MsrpSessionClosedException}), every server and
     * connection, then shuts down the event loops if the stack made them. A borrowed group is left running.
     *
     * @return a future that completes when all is closed
     */
    public CompletableFuture<Void> closeAsync() {
        closed = true;
        List<CompletableFuture<?>> steps = new ArrayList<>();
        for (DefaultMsrpSession session : registry.all()) {
            steps.add(session.closeAsync());
        }
        for (Channel server : servers) {
            steps.add(toCompletable(server.close()));
        }
        servers.clear();
        CompletableFuture<Void> sessionsClosed = CompletableFuture.allOf(steps.toArray(new CompletableFuture<?>[0]));
        return sessionsClosed.thenCompose(v -> {
            List<CompletableFuture<?>> closing = new ArrayList<>();
            for (DefaultMsrpConnection connection : connections) {
                closing.add(connection.closeAsync());
            }
            return CompletableFuture.allOf(closing.toArray(new CompletableFuture<?>[0]));
        }).thenCompose(v -> ownsGroup ? toCompletable(group.shutdownGracefully(0, 2,
                java.util.concurrent.TimeUnit.SECONDS)) : CompletableFuture.completedFuture(null));
    }

    private static CompletableFuture<Void> toCompletable(io.netty.util.concurrent.Future<?> future) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        future.addListener(f -> {
            if (f.isSuccess()) {
                result.complete(null);
            } else {
                result.completeExceptionally(f.cause());
            }
        });
        return result;
    }
}
