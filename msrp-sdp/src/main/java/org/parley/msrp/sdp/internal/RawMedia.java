package org.parley.msrp.sdp.internal;

import java.util.List;
import org.parley.msrp.sdp.SdpAttribute;

/**
 * One media description as javax.sdp read it, before MSRP rules apply.
 *
 * @param media             the media field, e.g. {@code message}
 * @param port              the port field, as parsed (not range-checked)
 * @param protocol          the protocol field, e.g. {@code TCP/MSRP}
 * @param formats           the format list
 * @param connectionAddress the media-level c= address, else the session-level one, else null
 * @param attributes        the media-level attributes, in order
 * @param line              the m= line, for errors
 */
public record RawMedia(String media, int port, String protocol, List<String> formats, String connectionAddress,
        List<SdpAttribute> attributes, String line) {
}
