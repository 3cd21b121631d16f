package org.parley.msrp.sdp;

import javax.sdp.SessionDescription;
import org.parley.msrp.sdp.internal.SdpAdapter;

/**
 * Parses SDP text into javax.sdp session descriptions with the NIST parser, adding the checks it lacks and turning
 * its failures into {@link SdpNegotiationException}s that name the line and the RFC 8866 section. Use it for session
 * descriptions that are not only MSRP, for example an offer that also has audio; for the MSRP media alone,
 * {@link MsrpMediaDescription#parse(String)} is shorter.
 *
 * <p>Known quirk of the NIST parser: for some malformed lines (an m= port that is not a number, a bad o= line) it
 * prints a stack trace to {@code System.err} before failing. Parley still reports the failure as described.
 */
public final class SdpParser {

    private SdpParser() {
    }

    /**
     * Parses a whole session description, strictly: every line ends with CRLF, including the last; there are no
     * empty lines; it starts with v=0, o= and s= and has a t= line before the first m= line (RFC 8866 §5); every line
     * parses.
     *
     * @param sdp the SDP body
     * @return a new, mutable session description (NIST's implementation)
     * @throws SdpNegotiationException naming the line (if any) and the rule, if the body is {@code null}, empty,
     *                                 truncated, breaks one of the rules above, or has a line that cannot be parsed
     */
    public static SessionDescription parse(String sdp) {
        return SdpAdapter.parse(sdp, false);
    }

    /**
     * Parses a session description that may be partial, as SDP is printed in RFCs: missing v=, o=, s= and t= lines
     * are supplied ({@code v=0}, {@code o=- 0 0 IN IP4 0.0.0.0}, {@code s=-}, {@code t=0 0}; the o= line is a
     * placeholder that MSRP negotiation does not use), lines may end with a lone LF (RFC 8866 §5 lets parsers accept
     * it) and empty lines are skipped. Every line must still end with a line end, so a cut-off body is detected.
     *
     * @param sdp the SDP body or fragment, e.g. the {@code m=image ... a=setup:passive} fragments of RFC 4145 §7
     * @return a new, mutable session description (NIST's implementation)
     * @throws SdpNegotiationException naming the line (if any) and the rule, if the body is {@code null}, empty,
     *                                 truncated, or has a line that cannot be parsed
     */
    public static SessionDescription parseLenient(String sdp) {
        return SdpAdapter.parse(sdp, true);
    }
}
