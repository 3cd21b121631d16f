/**
 * Internal to Parley's SDP module, not API: it may change in any release without notice.
 *
 * <p>It holds the adapter around javax.sdp and its NIST implementation ({@code gov.nist.javax.sdp}), which turns
 * their {@code SdpException}, {@code SdpParseException}, {@code ParseException} and stray runtime exceptions into
 * {@link org.parley.msrp.sdp.SdpNegotiationException} at the boundary, and the parsers and formatters of the
 * attribute values that javax.sdp leaves as strings ({@code path}, {@code accept-types}, {@code max-size}, ...).
 */
package org.parley.msrp.sdp.internal;
