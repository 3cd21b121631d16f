package org.parley.msrp.tls;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;

import javax.net.ssl.SSLException;
import javax.net.ssl.TrustManager;

/**
 * Netty {@link SslContext}s for MSRP over TLS: TLS 1.3 and 1.2 only, this endpoint's certificate on both sides, and
 * the server asking for the client's certificate, since both sides verify each other (RFC 4975 §14.4). The side that
 * opened the TCP connection is the TLS client (RFC 6135 §4.3).
 */
public final class MsrpTlsContexts {

    /** The protocol versions offered and accepted. */
    public static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

    private MsrpTlsContexts() {
    }

    /**
     * Makes the context of the side that accepted the TCP connection.
     *
     * @param local this endpoint's identity
     * @param peerTrust how the client's certificate is checked, such as a {@link FingerprintTrustManager}
     * @param provider the TLS implementation: {@link SslProvider#JDK}, or {@link SslProvider#OPENSSL} when
     *     netty-tcnative is present
     * @return the context
     * @throws SSLException if the key, certificates or provider are unusable
     */
    public static SslContext server(LocalCertificate local, TrustManager peerTrust, SslProvider provider)
            throws SSLException {
        return SslContextBuilder.forServer(local.privateKey(), local.chain())
                .sslProvider(provider)
                .protocols(PROTOCOLS)
                .trustManager(peerTrust)
                .clientAuth(ClientAuth.REQUIRE)
                .build();
    }

    /**
     * Makes the context of the side that opened the TCP connection.
     *
     * @param local this endpoint's identity
     * @param peerTrust how the server's certificate is checked, such as a {@link FingerprintTrustManager}
     * @param provider the TLS implementation
     * @return the context
     * @throws SSLException if the key, certificates or provider are unusable
     */
    public static SslContext client(LocalCertificate local, TrustManager peerTrust, SslProvider provider)
            throws SSLException {
        return SslContextBuilder.forClient()
                .sslProvider(provider)
                .protocols(PROTOCOLS)
                .keyManager(local.privateKey(), local.chain())
                .trustManager(peerTrust)
                .build();
    }
}
