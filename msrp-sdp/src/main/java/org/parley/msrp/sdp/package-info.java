/**
 * SDP offer/answer for MSRP media (RFC 4975 §8, RFC 3264), with COMEDIA connection setup (RFC 6135, RFC 4145),
 * CEMA (RFC 6714) and certificate fingerprints (RFC 8122 §5), on javax.sdp and its NIST implementation.
 *
 * <ul>
 *   <li>{@link org.parley.msrp.sdp.MsrpMediaDescription}: the typed view of an {@code m=message} media description,
 *       read from SDP text ({@code parse}, or {@code parseLenient} for partial bodies) or from javax.sdp objects.</li>
 *   <li>{@link org.parley.msrp.sdp.MsrpOfferBuilder}: writes offers, and re-offers within a dialog.</li>
 *   <li>{@link org.parley.msrp.sdp.MsrpAnswerer}: answers offers from local capabilities, or rejects the MSRP stream
 *       with port 0 and a reason ({@link org.parley.msrp.sdp.SdpAnswer}).</li>
 *   <li>{@link org.parley.msrp.sdp.SdpNegotiation}: settles an exchange on either side into a
 *       {@link org.parley.msrp.sdp.NegotiationOutcome}: connect or accept, the address to dial, the remote path that
 *       authenticates the connection, what the peer accepts, its fingerprints.</li>
 *   <li>{@link org.parley.msrp.sdp.SdpParser}: SDP text to javax.sdp session descriptions, strict or lenient.</li>
 * </ul>
 *
 * <p>Every problem with received SDP is reported as an {@link org.parley.msrp.sdp.SdpNegotiationException} that names
 * the offending line and the rule; wrong arguments given through the API raise {@link IllegalArgumentException},
 * {@link IllegalStateException} or {@link NullPointerException} with a message. See {@code docs/sdp.md}.
 */
package org.parley.msrp.sdp;
