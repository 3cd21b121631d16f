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

    private final EventLoopGroup eventLoopGroup;
    private final int ioThreads;
    private final MsrpDecoderConfig decoderConfig;
    private final Duration connectTimeout;
    private final boolean reuseConnections;

    private MsrpStackOptions(Builder builder) {
        this.eventLoopGroup = builder.eventLoopGroup;
        this.ioThreads = builder.ioThreads;
        this.decoderConfig = builder.decoderConfig;
        this.connectTimeout = builder.connectTimeout;
        this.reuseConnections = builder.reuseConnections;
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

    /** Builds {@link MsrpStackOptions}. */
    public static final class Builder {
        private EventLoopGroup eventLoopGroup;
        private int ioThreads;
        private MsrpDecoderConfig decoderConfig = MsrpDecoderConfig.DEFAULT;
        private Duration connectTimeout = DEFAULT_CONNECT_TIMEOUT;
        private boolean reuseConnections;

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
         * Builds the options.
         *
         * @return the options
         */
        public MsrpStackOptions build() {
            return new MsrpStackOptions(this);
        }
    }
}
