/**
 * Parley's session API (RFC 4975 §5 to §7, §10): sending and receiving MSRP messages on sessions.
 *
 * <ul>
 *   <li>{@link org.parley.msrp.core.MsrpStack}: owns or borrows the Netty event loops, makes sessions, listens for
 *       and opens connections ({@link org.parley.msrp.core.MsrpServer}, {@link org.parley.msrp.core.MsrpConnection}).
 *       </li>
 *   <li>{@link org.parley.msrp.core.MsrpSession}: one session, with its local URI, the peer's path and at most one
 *       connection; it sends {@link org.parley.msrp.core.OutgoingMessage}s, whose bodies come from a
 *       {@link org.parley.msrp.core.MessageSource}.</li>
 *   <li>{@link org.parley.msrp.core.MsrpSessionListener}: told of incoming messages, whose bodies go to the
 *       {@link org.parley.msrp.core.MessageSink} it chooses.</li>
 *   <li>{@link org.parley.msrp.core.ConnectionSecurity}: the hook through which {@code msrp-tls} adds TLS.</li>
 * </ul>
 *
 * <p>Futures complete, and listeners and sinks are called, on Netty event loop threads (a session's
 * {@link org.parley.msrp.core.MsrpSession#executor()}): they must not block. Failures are reported as subclasses of
 * {@link org.parley.msrp.core.MsrpException}, usually as the cause of a failed future. Connection setup by SDP
 * offer/answer is in {@code msrp-sdp} and {@code msrp-comedia}. See {@code docs/sessions.md}.
 */
package org.parley.msrp.core;
