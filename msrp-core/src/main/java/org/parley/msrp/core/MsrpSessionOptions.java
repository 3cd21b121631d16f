package org.parley.msrp.core;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Options of a {@link MsrpSession}. Immutable; build with {@link #builder()}, derive with {@link #toBuilder()}.
 */
public final class MsrpSessionOptions {

    /** Default {@link #transactionTimeout()}: 30 seconds (RFC 4975 §7.1). */
    public static final Duration DEFAULT_TRANSACTION_TIMEOUT = Duration.ofSeconds(30);
    /** Default {@link #chunkSize()}: 64 KiB. */
    public static final int DEFAULT_CHUNK_SIZE = 65536;
    /** Default {@link #maxQueuedMessages()}. */
    public static final int DEFAULT_MAX_QUEUED_MESSAGES = 64;
    /** Default {@link #localPort()}: 9, the port RFC 6135 §4.2.2 has an endpoint advertise when it only connects. */
    public static final int DEFAULT_LOCAL_PORT = 9;

    private final Duration transactionTimeout;
    private final int chunkSize;
    private final List<String> acceptTypes;
    private final List<String> acceptWrappedTypes;
    private final long maxMessageSize;
    private final int maxQueuedMessages;
    private final String localHost;
    private final int localPort;
    private final boolean secure;
    private final InboundAuthentication inboundAuthentication;

    private MsrpSessionOptions(Builder builder) {
        this.transactionTimeout = builder.transactionTimeout;
        this.chunkSize = builder.chunkSize;
        this.acceptTypes = builder.acceptTypes;
        this.acceptWrappedTypes = builder.acceptWrappedTypes;
        this.maxMessageSize = builder.maxMessageSize;
        this.maxQueuedMessages = builder.maxQueuedMessages;
        this.localHost = builder.localHost;
        this.localPort = builder.localPort;
        this.secure = builder.secure;
        this.inboundAuthentication = builder.inboundAuthentication;
    }

    /**
     * Returns the defaults.
     *
     * @return options with every default
     */
    public static MsrpSessionOptions defaults() {
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
        Builder b = new Builder();
        b.transactionTimeout = transactionTimeout;
        b.chunkSize = chunkSize;
        b.acceptTypes = acceptTypes;
        b.acceptWrappedTypes = acceptWrappedTypes;
        b.maxMessageSize = maxMessageSize;
        b.maxQueuedMessages = maxQueuedMessages;
        b.localHost = localHost;
        b.localPort = localPort;
        b.secure = secure;
        b.inboundAuthentication = inboundAuthentication;
        return b;
    }

    /**
     * Returns how long a SEND may wait for its response, and a message with Success-Report yes for its success
     * REPORTs after its last byte was written. A transaction that times out counts as 408 (RFC 4975 §7.1, §10.4).
     *
     * @return the timeout
     */
    public Duration transactionTimeout() {
        return transactionTimeout;
    }

    /**
     * Returns the largest chunk sent: a message larger than this goes out in several SEND requests, interleaved
     * with the chunks of other messages of the session (RFC 4975 §5.1).
     *
     * @return bytes per chunk
     */
    public int chunkSize() {
        return chunkSize;
    }

    /**
     * Returns the media types this session accepts (RFC 4975 §8.6 {@code accept-types}); a SEND of another type is
     * answered with 415. {@code *} accepts all, {@code type/*} a whole type.
     *
     * @return the patterns
     */
    public List<String> acceptTypes() {
        return acceptTypes;
    }

    /**
     * Returns the media types this session accepts only inside a container listed in {@link #acceptTypes()} (RFC
     * 4975 §8.6 {@code accept-wrapped-types}). A {@code message/cpim} body whose content has a type in neither list
     * is answered with 415; one whose CPIM headers cannot be read within 16 KiB, with 400.
     *
     * @return the patterns; empty by default
     */
    public List<String> acceptWrappedTypes() {
        return acceptWrappedTypes;
    }

    /**
     * Returns the largest message accepted (RFC 4975 §8.6 {@code max-size}); the rest of a larger one is refused
     * with 413.
     *
     * @return bytes, or {@link Long#MAX_VALUE} for no limit
     */
    public long maxMessageSize() {
        return maxMessageSize;
    }

    /**
     * Returns how many messages may wait for the session's connection; sending more fails at once.
     *
     * @return the queue bound
     */
    public int maxQueuedMessages() {
        return maxQueuedMessages;
    }

    /**
     * Returns the host of the session's own URI.
     *
     * @return a host name or IP address literal
     */
    public String localHost() {
        return localHost;
    }

    /**
     * Returns the port of the session's own URI.
     *
     * @return the port, or -1 to take the port the stack listens on
     */
    public int localPort() {
        return localPort;
    }

    /**
     * Tells whether the session's URI uses {@code msrps} (TLS, RFC 4975 §6).
     *
     * @return whether the scheme is msrps
     */
    public boolean secure() {
        return secure;
    }

    /**
     * Returns how a connection this session did not open is authenticated before it is bound (RFC 4975 §5.4).
     *
     * @return the check made on the first request naming the session
     */
    public InboundAuthentication inboundAuthentication() {
        return inboundAuthentication;
    }

    /** Builds {@link MsrpSessionOptions}. */
    public static final class Builder {
        private Duration transactionTimeout = DEFAULT_TRANSACTION_TIMEOUT;
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private List<String> acceptTypes = List.of("*");
        private List<String> acceptWrappedTypes = List.of();
        private long maxMessageSize = Long.MAX_VALUE;
        private int maxQueuedMessages = DEFAULT_MAX_QUEUED_MESSAGES;
        private String localHost = "127.0.0.1";
        private int localPort = -1;
        private boolean secure;
        private InboundAuthentication inboundAuthentication = InboundAuthentication.PATHS;

        private Builder() {
        }

        /**
         * Sets the transaction timeout. Default: {@link #DEFAULT_TRANSACTION_TIMEOUT}.
         *
         * @param timeout a positive duration
         * @return this
         */
        public Builder transactionTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("transactionTimeout must be positive: " + timeout);
            }
            this.transactionTimeout = timeout;
            return this;
        }

        /**
         * Sets the chunk size. Default: {@link #DEFAULT_CHUNK_SIZE}.
         *
         * @param bytes at least 1
         * @return this
         */
        public Builder chunkSize(int bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("chunkSize must be at least 1: " + bytes);
            }
            this.chunkSize = bytes;
            return this;
        }

        /**
         * Sets the accepted media types. Default: {@code *}.
         *
         * @param patterns {@code *}, {@code type/*} or {@code type/subtype}; at least one
         * @return this
         */
        public Builder acceptTypes(List<String> patterns) {
            if (patterns.isEmpty()) {
                throw new IllegalArgumentException("acceptTypes needs at least one pattern");
            }
            this.acceptTypes = List.copyOf(patterns);
            return this;
        }

        /**
         * Sets the media types accepted only when wrapped, as negotiated in SDP. Default: none.
         *
         * @param patterns {@code *}, {@code type/*} or {@code type/subtype}
         * @return this
         */
        public Builder acceptWrappedTypes(List<String> patterns) {
            this.acceptWrappedTypes = List.copyOf(patterns);
            return this;
        }

        /**
         * Sets the largest message accepted. Default: no limit.
         *
         * @param bytes at least 0
         * @return this
         */
        public Builder maxMessageSize(long bytes) {
            if (bytes < 0) {
                throw new IllegalArgumentException("maxMessageSize must be at least 0: " + bytes);
            }
            this.maxMessageSize = bytes;
            return this;
        }

        /**
         * Sets how many messages may wait for a connection. Default: {@link #DEFAULT_MAX_QUEUED_MESSAGES}.
         *
         * @param count at least 0
         * @return this
         */
        public Builder maxQueuedMessages(int count) {
            if (count < 0) {
                throw new IllegalArgumentException("maxQueuedMessages must be at least 0: " + count);
            }
            this.maxQueuedMessages = count;
            return this;
        }

        /**
         * Sets the host of the session's URI. Default: {@code 127.0.0.1}.
         *
         * @param host a host name, IPv4 literal or IPv6 literal (with or without brackets)
         * @return this
         */
        public Builder localHost(String host) {
            this.localHost = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * Sets the port of the session's URI. Default: -1, the port the stack listens on, or
         * {@link #DEFAULT_LOCAL_PORT} when it does not listen.
         *
         * @param port 0 to 65535, or -1
         * @return this
         */
        public Builder localPort(int port) {
            if (port < -1 || port > 65535) {
                throw new IllegalArgumentException("localPort out of range: " + port);
            }
            this.localPort = port;
            return this;
        }

        /**
         * Sets whether the session's URI is {@code msrps}. Default: false.
         *
         * @param secure whether TLS is used
         * @return this
         */
        public Builder secure(boolean secure) {
            this.secure = secure;
            return this;
        }

        /**
         * Sets how a connection this session did not open is authenticated. Default:
         * {@link InboundAuthentication#PATHS}; read what {@link InboundAuthentication#SESSION_ID} gives up before
         * choosing it.
         *
         * @param authentication the check
         * @return this
         */
        public Builder inboundAuthentication(InboundAuthentication authentication) {
            this.inboundAuthentication = Objects.requireNonNull(authentication, "authentication");
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         */
        public MsrpSessionOptions build() {
            return new MsrpSessionOptions(this);
        }
    }
}
