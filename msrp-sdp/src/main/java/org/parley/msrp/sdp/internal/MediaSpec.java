package org.parley.msrp.sdp.internal;

import java.util.List;
import org.parley.msrp.sdp.SdpAttribute;

/**
 * A media description to write.
 *
 * @param media          the media field, e.g. {@code message}
 * @param port           the port field
 * @param protocol       the protocol field
 * @param formats        the format list
 * @param connectionHost the address for a media-level c= line, or null for none
 * @param attributes     the attributes, in order
 */
public record MediaSpec(String media, int port, String protocol, List<String> formats, String connectionHost,
        List<SdpAttribute> attributes) {
}
