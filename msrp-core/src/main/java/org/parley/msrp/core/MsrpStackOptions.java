package org.parley.msrp.core;

import io.netty.channel.EventLoopGroup;
import org.parley.msrp.core.codec.MsrpDecoderConfig;

import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link MsrpStack}. Immutable; build with {@link #builder()}, derive with {@link #toBuilder()}.
 */
public final class MsrpStackOptions {

    /** Default {@link #connectTimeout()}: 10 seconds. */
    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(10);
    /** Default {@link #unboundConnectionTimeout()}: 10 seconds. */
    public static final Duration DEFAULT_UNBOUND_CONNECTION_TIMEOUT = Duration.ofSeconds(10);
    /** Default {@link #maxUnboundConnections()}: 256. */
    public static final int DEFAULT_MAX_UNBOUND_CONNECTIONS = 256;

    private final EventLoopGroup eventLoopGroup;
    private final int ioThreads;
    private final MsrpDecoderConfig decoderConfig;
    private final Duration connectTimeout;
    private final boolean reuseConnections;
    private final Duration unboundConnectionTimeout;
    private final int maxUnboundConnections;
    private final MsrpFrameObserver frameObserver;

    private MsrpStackOptions(Builder builder) {
        this.eventLoopGroup = builder.eventLoopGroup;
        this.ioThreads = builder.ioThreads;
        this.decoderConfig = builder.decoderConfig;
        this.connectTimeout = builder.connectTimeout;
        this.reuseConnections = builder.reuseConnections;
        this.unboundConnectionTimeout = builder.unboundConnectionTimeout;
        this.maxUnboundConnections = builder.maxUnboundConnections;
        this.frameObserver = builder.frameObserver;
    }

    /**
     * Returns the defaults.
     *
     * @return options with every default
     */
    public static MsrpStackOptions defaults() {
        return builder().build();
    }

    /**
     * Starts building options.
     *
     * @return a builder with every default
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Starts building options from these.
     *
     * @return a builder holding these options
     */
    public Builder toBuilder() {
        Builder builder = new Builder();
        builder.eventLoopGroup = eventLoopGroup;
        builder.ioThreads = ioThreads;
        builder.decoderConfig = decoderConfig;
        builder.connectTimeout = connectTimeout;
        builder.reuseConnections = reuseConnections;
        builder.unboundConnectionTimeout = unboundConnectionTimeout;
        builder.maxUnboundConnections = maxUnboundConnections;
        builder.frameObserver = frameObserver;
        return builder;
    }

    /**
     * Returns the event loop group to borrow.
     *
     * @return the caller's group, never shut down by the stack, or null when the stack makes and owns its own
     */
    public EventLoopGroup eventLoopGroup() {
        return eventLoopGroup;
    }

    /**
     * Returns the number of threads of a group the stack makes.
     *
     * @return the count, or 0 for Netty's default (twice the cores)
     */
    public int ioThreads() {
        return ioThreads;
    }

    /**
     * Returns the frame decoder's limits for every connection.
     *
     * @return the decoder configuration
     */
    public MsrpDecoderConfig decoderConfig() {
        return decoderConfig;
    }

    /**
     * Returns how long an outgoing connection may take to open.
     *
     * @return the connect timeout
     */
    public Duration connectTimeout() {
        return connectTimeout;
    }

    /**
     * Tells whether {@link MsrpStack#connect} reuses an open connection to the same host, port and scheme (RFC 4975
     * §5.4 says a sender SHOULD; many peers cannot share a connection between sessions, hence off by default).
     *
     * @return whether connections are reused
     */
    public boolean reuseConnections() {
        return reuseConnections;
    }

    /**
     * Returns how long an accepted connection may stay unbound: a connection whose requests have not bound a session
     * within this time is closed. The side that connects must send a request at once (RFC 4975 §5.4, RFC 6135 §4.2), so
     * a connection that stays silent is not a legitimate peer.
     *
     * @return the time allowed to an accepted connection to bind a session
     */
    public Duration unboundConnectionTimeout() {
        return unboundConnectionTimeout;
    }

    /**
     * Returns how many accepted connections may be unbound at once, over all listening sockets of the stack. When one
     * more arrives, the oldest unbound connection is closed: a flood of silent or unauthenticated connections then
     * cannot keep out the legitimate one, whose first request comes at once (the COMEDIA draft's "the passive peer
     * might need to process multiple incoming TCP sessions").
     *
     * @return the bound on unbound accepted connections
     */
    public int maxUnboundConnections() {
        return maxUnboundConnections;
    }

    /**
     * Returns what sees every frame piece of every connection.
     *
     * @return the observer, or null for none (the default)
     */
    public MsrpFrameObserver frameObserver() {
        return frameObserver;
    }

    /** Builds {@link MsrpStackOptions}. */
    public static final class Builder {
        private EventLoopGroup eventLoopGroup;
        private int ioThreads;
        private MsrpDecoderConfig decoderConfig = MsrpDecoderConfig.DEFAULT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private boolean reuseConnections;
        private Duration unboundConnectionTimeout = DEFAULT_UNBOUND_CONNECTION_TIMEOUT;
        private int maxUnboundConnections = DEFAULT_MAX_UNBOUND_CONNECTIONS;
        private MsrpFrameObserver frameObserver;

        private Builder() {
        }

        /**
         * Borrows an event loop group; the stack never shuts it down. Default: none, the stack makes its own NIO
         * group and shuts it down in {@link MsrpStack#closeAsync()}.
         *
         * @param group the group, or null
         * @return this
         */
        public Builder eventLoopGroup(EventLoopGroup group) {
            this.eventLoopGroup = group;
            return this;
        }

        /**
         * Sets the thread count of a group the stack makes. Default: 0, Netty's default.
         *
         * @param threads 0 or more
         * @return this
         */
        public Builder ioThreads(int threads) {
            if (threads < 0) {
                throw new IllegalArgumentException("ioThreads must be at least 0: " + threads);
            }
            this.ioThreads = threads;
            return this;
        }

        /**
         * Sets the decoder's limits. Default: {@link MsrpDecoderConfig#DEFAULT}.
         *
         * @param config the limits
         * @return this
         */
        public Builder decoderConfig(MsrpDecoderConfig config) {
            this.decoderConfig = Objects.requireNonNull(config, "config");
            return this;
        }

        /**
         * Sets the connect timeout. Default: {@link #DEFAULT_CONNECT_TIMEOUT}.
         *
         * @param timeout a positive duration
         * @return this
         */
        public Builder connectTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("connectTimeout must be positive: " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * Sets whether connections are reused. Default: false.
         *
         * @param reuse whether {@link MsrpStack#connect} returns an open connection to the same host, port and scheme
         * @return this
         */
        public Builder reuseConnections(boolean reuse) {
            this.reuseConnections = reuse;
            return this;
        }

        /**
         * Sets how long an accepted connection may stay unbound. Default: {@link #DEFAULT_UNBOUND_CONNECTION_TIMEOUT}.
         *
         * @param timeout a positive duration
         * @return this
         */
        public Builder unboundConnectionTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("unboundConnectionTimeout must be positive: " + timeout);
            }
            this.unboundConnectionTimeout = timeout;
            return this;
        }

        /**
         * Sets how many accepted connections may be unbound at once. Default: {@link #DEFAULT_MAX_UNBOUND_CONNECTIONS}.
         *
         * @param max at least 1
         * @return this
         */
        public Builder maxUnboundConnections(int max) {
            if (max < 1) {
                throw new IllegalArgumentException("maxUnboundConnections must be at least 1: " + max);
            }
            this.maxUnboundConnections = max;
            return this;
        }

        /**
         * Shows every frame piece that the stack's connections read and write to an observer, for wire traces.
         * Default: none.
         *
         * @param observer the observer, or null for none
         * @return this
         */
        public Builder frameObserver(MsrpFrameObserver observer) {
            this.frameObserver = observer;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public MsrpStackOptions build() {
            return new MsrpStackOptions(this);
        }
    }
}
