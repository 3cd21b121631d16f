package org.parley.msrp.comedia;

import io.netty.handler.ssl.SslProvider;
import org.parley.msrp.sdp.SdpNegotiation;
import org.parley.msrp.tls.LocalCertificate;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Objects;

/**
 * Options of a {@link ComediaEndpoint}. Immutable; build with {@link #builder()}, derive with {@link #toBuilder()}.
 */
public final class ComediaOptions {

    /** Default {@link #acceptTimeout()}: 30 seconds. */
    public static final Duration DEFAULT_ACCEPT_TIMEOUT = Duration.ofSeconds(30);

    private final InetSocketAddress listenAddress;
    private final String advertisedHost;
    private final boolean reachable;
    private final boolean cema;
    private final Duration acceptTimeout;
    private final Duration keepAliveInterval;
    private final SdpNegotiation negotiation;
    private final LocalCertificate tls;
    private final SslProvider sslProvider;
    private final KeyStore trustStore;

    private ComediaOptions(Builder builder, String advertisedHost) {
        this.listenAddress = builder.listenAddress;
        this.advertisedHost = advertisedHost;
        this.reachable = builder.reachable;
        this.cema = builder.cema;
        this.acceptTimeout = builder.acceptTimeout;
        this.keepAliveInterval = builder.keepAliveInterval;
        this.negotiation = builder.negotiation;
        this.tls = builder.tls;
        this.sslProvider = builder.sslProvider;
        this.trustStore = builder.trustStore;
    }

    /**
     * Returns the defaults.
     *
     * @return options with every default
     */
    public static ComediaOptions defaults() {
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
        builder.listenAddress = listenAddress;
        builder.advertisedHost = advertisedHost;
        builder.reachable = reachable;
        builder.cema = cema;
        builder.acceptTimeout = acceptTimeout;
        builder.keepAliveInterval = keepAliveInterval;
        builder.negotiation = negotiation;
        builder.tls = tls;
        builder.sslProvider = sslProvider;
        builder.trustStore = trustStore;
        return builder;
    }

    /**
     * Returns where the endpoint's one listening socket is bound; all passive sessions share it.
     *
     * @return the address; port 0 picks a free port
     */
    public InetSocketAddress listenAddress() {
        return listenAddress;
    }

    /**
     * Returns the host written into the sessions' own URIs, and so into {@code a=path} and the SDP c= line.
     *
     * @return the host peers connect to
     */
    public String advertisedHost() {
        return advertisedHost;
    }

    /**
     * Tells whether peers can connect to the advertised host and the listening port (RFC 6135 §4.2.2: a public
     * address, or a NAT with endpoint-independent mapping). Reachable endpoints offer {@code a=setup:actpass} and
     * answer {@code actpass} with {@code passive}; unreachable ones offer and answer {@code active} and always
     * connect.
     *
     * @return whether the endpoint accepts connections
     */
    public boolean reachable() {
        return reachable;
    }

    /**
     * Tells whether offers and answers signal CEMA (RFC 6714), so that an active side dials the c=/m= address that
     * a CEMA-aware middlebox put in the SDP.
     *
     * @return whether CEMA is on
     */
    public boolean cema() {
        return cema;
    }

    /**
     * Returns how long a passive session waits for its peer to connect and send a request that authenticates it;
     * after that the session is closed and its pending sends fail with
     * {@link org.parley.msrp.core.MsrpConnectionException}.
     *
     * @return the accept timeout
     */
    public Duration acceptTimeout() {
        return acceptTimeout;
    }

    /**
     * Returns the interval of keep-alives: an empty SEND on a connected session (the COMEDIA draft, "NAT keep
     * alives": MSRP has no CRLF keep-alive). A keep-alive that gets no response within the transaction timeout ends
     * the session. They cost battery on cellular networks, and TCP bindings in NATs last long, hence off by default.
     *
     * @return the interval, or {@link Duration#ZERO} for none
     */
    public Duration keepAliveInterval() {
        return keepAliveInterval;
    }

    /**
     * Returns the rules that settle an offer/answer exchange (which address the active side dials).
     *
     * @return the negotiation rules
     */
    public SdpNegotiation negotiation() {
        return negotiation;
    }

    /**
     * Returns this endpoint's TLS identity. With one, every session is {@code msrps} over {@code TCP/TLS/MSRP}
     * (RFC 4975 §14): offers carry the certificate's SHA-256 {@code a=fingerprint}, the listening socket speaks TLS
     * only, offers of plain {@code TCP/MSRP} are rejected with port 0, and each side verifies the other's certificate
     * against the fingerprints of its SDP (RFC 8122 §5). The side that opens the TCP connection is the TLS client
     * (RFC 6135 §4.3).
     *
     * @return the identity, or null for plain TCP
     */
    public LocalCertificate tls() {
        return tls;
    }

    /**
     * Returns the TLS implementation; it is never chosen automatically.
     *
     * @return {@link SslProvider#JDK} (the default), or {@link SslProvider#OPENSSL}, which needs netty-tcnative on the
     *     class path
     */
    public SslProvider sslProvider() {
        return sslProvider;
    }

    /**
     * Returns the trust store for TLS peers whose SDP gives no fingerprint: their certificate must lead to one of its
     * authorities and name the host of the peer's {@code a=path} URI (RFC 4975 §14.2).
     *
     * @return the trusted authorities, or null to require fingerprints
     */
    public KeyStore trustStore() {
        return trustStore;
    }

    /** Builds {@link ComediaOptions}. */
    public static final class Builder {
        private InetSocketAddress listenAddress = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        private String advertisedHost;
        private boolean reachable = true;
        private boolean cema;
        private Duration acceptTimeout = DEFAULT_ACCEPT_TIMEOUT;
        private Duration keepAliveInterval = Duration.ZERO;
        private SdpNegotiation negotiation = SdpNegotiation.defaults();
        private LocalCertificate tls;
        private SslProvider sslProvider = SslProvider.JDK;
        private KeyStore trustStore;

        private Builder() {
        }

        /**
         * Sets the listening address. Default: the loopback address, port 0. A wildcard address needs
         * {@link #advertisedHost(String)}.
         *
         * @param address the address to bind
         * @return this
         */
        public Builder listenAddress(InetSocketAddress address) {
            this.listenAddress = Objects.requireNonNull(address, "address");
            return this;
        }

        /**
         * Sets the host of the sessions' own URIs. Default: the listening address's IP address.
         *
         * @param host a host name or IP address literal
         * @return this
         */
        public Builder advertisedHost(String host) {
            this.advertisedHost = Objects.requireNonNull(host, "host");
            return this;
        }

        /**
         * Sets whether peers can connect to this endpoint. Default: true.
         *
         * @param reachable whether the endpoint accepts connections
         * @return this
         */
        public Builder reachable(boolean reachable) {
            this.reachable = reachable;
            return this;
        }

        /**
         * Sets whether CEMA is signalled. Default: false.
         *
         * @param cema whether CEMA is on
         * @return this
         */
        public Builder cema(boolean cema) {
            this.cema = cema;
            return this;
        }

        /**
         * Sets how long a passive session waits for its peer. Default: {@link #DEFAULT_ACCEPT_TIMEOUT}.
         *
         * @param timeout a positive duration
         * @return this
         */
        public Builder acceptTimeout(Duration timeout) {
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("acceptTimeout must be positive: " + timeout);
            }
            this.acceptTimeout = timeout;
            return this;
        }

        /**
         * Sets the keep-alive interval. Default: {@link Duration#ZERO}, no keep-alives.
         *
         * @param interval a positive duration, or zero for none
         * @return this
         */
        public Builder keepAliveInterval(Duration interval) {
            if (interval.isNegative()) {
                throw new IllegalArgumentException("keepAliveInterval must not be negative: " + interval);
            }
            this.keepAliveInterval = interval;
            return this;
        }

        /**
         * Sets the negotiation rules. Default: {@link SdpNegotiation#defaults()}.
         *
         * @param negotiation the rules
         * @return this
         */
        public Builder negotiation(SdpNegotiation negotiation) {
            this.negotiation = Objects.requireNonNull(negotiation, "negotiation");
            return this;
        }

        /**
         * Turns TLS on with this identity. Default: none, plain TCP.
         *
         * @param identity the certificate and key, or null for plain TCP
         * @return this
         */
        public Builder tls(LocalCertificate identity) {
            this.tls = identity;
            return this;
        }

        /**
         * Sets the TLS implementation. Default: {@link SslProvider#JDK}.
         *
         * @param provider the provider
         * @return this
         */
        public Builder sslProvider(SslProvider provider) {
            this.sslProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Sets the trust store for TLS peers without fingerprints. Default: none; such peers are refused.
         *
         * @param store the trusted authorities, or null
         * @return this
         */
        public Builder trustStore(KeyStore store) {
            this.trustStore = store;
            return this;
        }

        /**
         * Builds the options.
         *
         * @return the options
         * @throws IllegalStateException if the listening address is a wildcard and no advertised host is set
         */
        public ComediaOptions build() {
            if (advertisedHost != null) {
                return new ComediaOptions(this, advertisedHost);
            }
            if (listenAddress.isUnresolved() || listenAddress.getAddress().isAnyLocalAddress()) {
                throw new IllegalStateException("listening on " + listenAddress + " needs an advertisedHost for the SDP");
            }
            return new ComediaOptions(this, listenAddress.getAddress().getHostAddress());
        }
    }
}
