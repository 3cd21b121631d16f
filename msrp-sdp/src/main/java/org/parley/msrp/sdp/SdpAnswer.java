package org.parley.msrp.sdp;

import java.util.Optional;
import javax.sdp.SessionDescription;

/**
 * The answer {@link MsrpAnswerer} made to an offer: SDP text with one m= line for each offered one (RFC 3264 §6),
 * in which the MSRP stream is either accepted or rejected with port 0, and, when accepted, the
 * {@link NegotiationOutcome}. Instances are immutable.
 *
 * <p>A rejected answer is still valid SDP to send (for example in a 200 OK when other streams are accepted). When the
 * MSRP stream was the only stream, RFC 4975 §8.6 suggests declining the whole SIP request instead, with 488 Not
 * Acceptable Here; {@link #rejectionReason()} says why.
 */
public final class SdpAnswer {

    private final String sdp;
    private final String rejectionReason;
    private final NegotiationOutcome outcome;

    private SdpAnswer(String sdp, String rejectionReason, NegotiationOutcome outcome) {
        this.sdp = sdp;
        this.rejectionReason = rejectionReason;
        this.outcome = outcome;
    }

    static SdpAnswer accepted(String sdp, NegotiationOutcome outcome) {
        return new SdpAnswer(sdp, null, outcome);
    }

    static SdpAnswer rejected(String sdp, String reason) {
        return new SdpAnswer(sdp, reason, null);
    }

    /**
     * Returns the answer as SDP text.
     *
     * @return the whole session description, CRLF line ends
     */
    public String sdp() {
        return sdp;
    }

    /**
     * Returns the answer as a javax.sdp session description, for example to merge with answers to other streams.
     *
     * @return a new, mutable session description parsed from {@link #sdp()}
     */
    public SessionDescription toSessionDescription() {
        return SdpParser.parse(sdp);
    }

    /**
     * Tells whether the MSRP stream was rejected with port 0.
     *
     * @return {@code true} if rejected
     */
    public boolean isRejected() {
        return rejectionReason != null;
    }

    /**
     * Returns why the MSRP stream was rejected.
     *
     * @return the reason, naming the rule, e.g.
     *         {@code no accept type in common ... (RFC 4975 §8.6, RFC 3264 §6)}; empty when the stream was accepted
     */
    public Optional<String> rejectionReason() {
        return Optional.ofNullable(rejectionReason);
    }

    /**
     * Returns what the exchange settled for the local endpoint, the answerer.
     *
     * @return the outcome
     * @throws IllegalStateException if the stream was rejected; the message gives the reason
     */
    public NegotiationOutcome outcome() {
        if (outcome == null) {
            throw new IllegalStateException("The MSRP stream was rejected: " + rejectionReason);
        }
        return outcome;
    }
}
