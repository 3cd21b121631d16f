/**
 * MSRP sessions set up by SDP offer/answer with COMEDIA (RFC 6135, RFC 4145), the negotiation deciding which side
 * opens the TCP connection, and their binding to SIP dialogs of a JAIN-SIP application.
 *
 * <ul>
 *   <li>{@link org.parley.msrp.comedia.ComediaEndpoint}: a listening socket on a
 *       {@link org.parley.msrp.core.MsrpStack}; creates offers and answers them, configured by
 *       {@link org.parley.msrp.comedia.ComediaOptions}.</li>
 *   <li>{@link org.parley.msrp.comedia.ComediaSession}: one negotiated session, the SDP this side sent, the outcome,
 *       and the connection, set up actively or passively as the negotiation says.</li>
 *   <li>{@link org.parley.msrp.comedia.MsrpDialogBinder}: offers into INVITEs and answers out of their responses,
 *       called from the host's own {@code SipListener}.</li>
 *   <li>{@link org.parley.msrp.comedia.Slf4jStackLogger}: routes the NIST SIP stack's logging to SLF4J.</li>
 * </ul>
 *
 * <p>Methods may be called from any thread, the SIP stack's included; futures complete on Netty event loop threads.
 * See {@code docs/comedia.md}.
 */
package org.parley.msrp.comedia;
