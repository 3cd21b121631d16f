package org.parley.msrp.sdp.internal;

import java.util.List;
import org.parley.msrp.sdp.SdpAttribute;

/**
 * A session description as javax.sdp read it, before MSRP rules apply.
 *
 * @param origin            the o= line's fields
 * @param timeStart         the start time of the first t= line (NTP seconds; 0 for unbounded)
 * @param timeStop          the stop time of the first t= line
 * @param attributes        the session-level attributes, in order
 * @param media             the media descriptions, in order
 */
public record RawSession(Origin origin, long timeStart, long timeStop, List<SdpAttribute> attributes,
        List<RawMedia> media) {

    /**
     * The fields of an o= line that offer/answer uses (RFC 3264 §5, §8).
     *
     * @param username       the username, e.g. {@code -}
     * @param sessionId      the session id
     * @param sessionVersion the session version
     */
    public record Origin(String username, long sessionId, long sessionVersion) {
    }
}
