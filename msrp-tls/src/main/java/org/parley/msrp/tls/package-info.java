/**
 * MSRP over TLS ({@code msrps}, RFC 4975 §14, RFC 6135 §4.3) with certificate fingerprints from SDP (RFC 8122 §5).
 *
 * <ul>
 *   <li>{@link org.parley.msrp.tls.TlsConnectionSecurity}: the {@link org.parley.msrp.core.ConnectionSecurity} to
 *       pass to {@link org.parley.msrp.core.MsrpStack}'s {@code connect} and {@code listen}; it verifies the peer
 *       against its SDP fingerprints, or by PKIX when there are none.</li>
 *   <li>{@link org.parley.msrp.tls.LocalCertificate}: this endpoint's key and certificate chain, loaded from PKCS#12
 *       or PEM, or generated self-signed.</li>
 *   <li>{@link org.parley.msrp.tls.CertificateFingerprints}: computes a certificate's fingerprints for the SDP and
 *       matches a certificate against the peer's.</li>
 *   <li>{@link org.parley.msrp.tls.MsrpTlsContexts} and {@link org.parley.msrp.tls.FingerprintTrustManager}: the
 *       Netty SSL contexts and the trust manager beneath, for hosts that build their own.</li>
 * </ul>
 *
 * <p>A peer that fails verification is disconnected before any MSRP byte is read, with
 * {@link org.parley.msrp.core.MsrpTlsVerificationException}. See {@code docs/tls.md}.
 */
package org.parley.msrp.tls;
