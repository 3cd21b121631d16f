package org.parley.msrp.sdp.internal;

import gov.nist.javax.sdp.SessionDescriptionImpl;
import gov.nist.javax.sdp.TimeDescriptionImpl;
import gov.nist.javax.sdp.fields.AttributeField;
import gov.nist.javax.sdp.fields.ConnectionField;
import gov.nist.javax.sdp.fields.SDPField;
import gov.nist.javax.sdp.fields.TimeField;
import gov.nist.javax.sdp.parser.ParserFactory;
import gov.nist.javax.sdp.parser.SDPParser;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Vector;
import javax.sdp.Attribute;
import javax.sdp.Connection;
import javax.sdp.Media;
import javax.sdp.MediaDescription;
import javax.sdp.Origin;
import javax.sdp.SdpException;
import javax.sdp.SdpFactory;
import javax.sdp.SessionDescription;
import javax.sdp.TimeDescription;
import org.parley.msrp.sdp.SdpAttribute;
import org.parley.msrp.sdp.SdpNegotiationException;

/**
 * The boundary to javax.sdp and its NIST implementation: every exception they throw (checked {@code SdpException},
 * {@code SdpParseException}, {@code ParseException}, and runtime exceptions some of their parsers leak on malformed
 * lines) becomes an {@link SdpNegotiationException} here.
 */
public final class SdpAdapter {

    /** The section of RFC 8866 for each line type. */
    private static final Map<Character, String> SECTIONS = Map.ofEntries(Map.entry('v', "§5.1"),
            Map.entry('o', "§5.2"), Map.entry('s', "§5.3"), Map.entry('i', "§5.4"), Map.entry('u', "§5.5"),
            Map.entry('e', "§5.6"), Map.entry('p', "§5.6"), Map.entry('c', "§5.7"), Map.entry('b', "§5.8"),
            Map.entry('t', "§5.9"), Map.entry('r', "§5.10"), Map.entry('z', "§5.11"), Map.entry('k', "§5.12"),
            Map.entry('a', "§5.13"), Map.entry('m', "§5.14"));

    private SdpAdapter() {
    }

    /**
     * Parses an SDP body into a javax.sdp session description, line by line so that an error names its line.
     *
     * @param text    the body
     * @param lenient see {@link SdpLines#split(String, boolean)}
     * @return the session description (NIST's implementation)
     * @throws SdpNegotiationException if the body breaks a rule of RFC 8866 §5 or a line cannot be parsed
     */
    public static SessionDescription parse(String text, boolean lenient) {
        SessionDescriptionImpl session = new SessionDescriptionImpl();
        for (String line : SdpLines.split(text, lenient)) {
            Character type = line.length() >= 2 && line.charAt(1) == '=' ? line.charAt(0) : null;
            if (type == null) {
                throw new SdpNegotiationException("the line is not <type>=<value>", line, "RFC 8866 §5");
            }
            String section = SECTIONS.get(type);
            if (section == null) {
                throw new SdpNegotiationException("the line type '" + type + "' is unknown", line,
                        "RFC 8866 §5: a description with an unknown type letter is rejected");
            }
            try {
                SDPParser parser = ParserFactory.createParser(line);
                SDPField field = parser.parse();
                if (field instanceof ConnectionField connection && isBlank(connection.getAddress())) {
                    // NIST reads "c=IN IP4" as an empty address, then fails to encode it.
                    throw new SdpNegotiationException("the c= line has no address", line, "RFC 8866 §5.7");
                }
                session.addField(field);
            } catch (SdpNegotiationException e) {
                throw e;
            } catch (ParseException | SdpException | RuntimeException e) {
                throw new SdpNegotiationException("the " + type + "= line cannot be parsed", line,
                        "RFC 8866 " + section, e);
            }
        }
        try {
            if (session.getVersion().getVersion() != 0) {
                throw new SdpNegotiationException("the protocol version must be 0", "v="
                        + session.getVersion().getVersion(), "RFC 8866 §5.1");
            }
        } catch (SdpException e) {
            throw new SdpNegotiationException("the v= line cannot be read", null, "RFC 8866 §5.1", e);
        }
        // Reading checks what the NIST parser lets through, such as a c= line without address.
        read(session);
        return session;
    }

    /**
     * Reads a session description into plain values.
     *
     * @param session the session description
     * @return its values
     * @throws SdpNegotiationException if javax.sdp fails to give a value, or a required line is absent
     */
    public static RawSession read(SessionDescription session) {
        try {
            Origin origin = session.getOrigin();
            if (origin == null) {
                throw new SdpNegotiationException("the o= line is missing", null, "RFC 8866 §5.2");
            }
            long start = 0;
            long stop = 0;
            Vector<?> times = session.getTimeDescriptions(false);
            if (times != null && !times.isEmpty()
                    && ((TimeDescription) times.get(0)).getTime() instanceof TimeField time) {
                start = time.getStartTime();
                stop = time.getStopTime();
            }
            String sessionAddress = address(session.getConnection());
            List<RawMedia> media = new ArrayList<>();
            Vector<?> descriptions = session.getMediaDescriptions(false);
            if (descriptions != null) {
                for (Object description : descriptions) {
                    media.add(read((MediaDescription) description, sessionAddress));
                }
            }
            return new RawSession(new RawSession.Origin(origin.getUsername(), origin.getSessionId(),
                    origin.getSessionVersion()), start, stop, attributes(session.getAttributes(false)),
                    List.copyOf(media));
        } catch (SdpException | RuntimeException e) {
            if (e instanceof SdpNegotiationException negotiation) {
                throw negotiation;
            }
            throw new SdpNegotiationException("javax.sdp cannot read the session description: " + e, null,
                    "RFC 8866 §5", e);
        }
    }

    /**
     * Reads one media description into plain values.
     *
     * @param description       the media description
     * @param sessionAddress    the session-level c= address, or null
     * @return its values; the connection address is the media-level one, else {@code sessionAddress}
     * @throws SdpNegotiationException if javax.sdp fails to give a value or the m= line is absent
     */
    public static RawMedia read(MediaDescription description, String sessionAddress) {
        try {
            Media media = description.getMedia();
            if (media == null) {
                throw new SdpNegotiationException("the media description has no m= line", null, "RFC 8866 §5.14");
            }
            List<String> formats = new ArrayList<>();
            Vector<?> mediaFormats = media.getMediaFormats(false);
            if (mediaFormats != null) {
                for (Object format : mediaFormats) {
                    formats.add(String.valueOf(format));
                }
            }
            String mediaAddress = address(description.getConnection());
            String address = mediaAddress == null ? sessionAddress : mediaAddress;
            return new RawMedia(media.getMediaType(), media.getMediaPort(), media.getProtocol(), List.copyOf(formats),
                    address, attributes(description.getAttributes(false)), media.toString().strip());
        } catch (SdpException | RuntimeException e) {
            if (e instanceof SdpNegotiationException negotiation) {
                throw negotiation;
            }
            throw new SdpNegotiationException("javax.sdp cannot read the media description: " + e, null,
                    "RFC 8866 §5.14", e);
        }
    }

    /**
     * Builds a session description: v=0, o=, s=-, a session-level c=, one t= line, then the media.
     *
     * @param origin    the o= fields
     * @param host      the address for o= and the session-level c=
     * @param timeStart the t= start time
     * @param timeStop  the t= stop time
     * @param media     the media descriptions
     * @return the session description (NIST's implementation)
     */
    public static SessionDescription build(RawSession.Origin origin, String host, long timeStart, long timeStop,
            List<MediaSpec> media) {
        SdpFactory factory = SdpFactory.getInstance();
        try {
            SessionDescriptionImpl session = new SessionDescriptionImpl();
            session.setVersion(factory.createVersion(0));
            session.setOrigin(factory.createOrigin(origin.username(), origin.sessionId(), origin.sessionVersion(),
                    "IN", Addresses.addressType(host), host));
            session.setSessionName(factory.createSessionName("-"));
            session.setConnection(factory.createConnection("IN", Addresses.addressType(host), host));
            TimeField time = new TimeField();
            time.setStartTime(timeStart);
            time.setStopTime(timeStop);
            Vector<TimeDescription> times = new Vector<>();
            times.add(new TimeDescriptionImpl(time));
            session.setTimeDescriptions(times);
            Vector<MediaDescription> descriptions = new Vector<>();
            for (MediaSpec spec : media) {
                descriptions.add(build(spec));
            }
            session.setMediaDescriptions(descriptions);
            return session;
        } catch (SdpException e) {
            throw new IllegalStateException("javax.sdp refused a value Parley checked: " + e.getMessage(), e);
        }
    }

    /**
     * Builds one media description.
     *
     * @param spec what to write
     * @return the media description (NIST's implementation)
     */
    public static MediaDescription build(MediaSpec spec) {
        SdpFactory factory = SdpFactory.getInstance();
        try {
            MediaDescription description = factory.createMediaDescription(spec.media(),
                    spec.port(), 0, spec.protocol(), spec.formats().toArray(new String[0]));
            if (spec.connectionHost() != null) {
                description.setConnection(factory.createConnection("IN", Addresses.addressType(spec.connectionHost()),
                        spec.connectionHost()));
            }
            for (SdpAttribute attribute : spec.attributes()) {
                description.addAttribute((AttributeField) factory.createAttribute(attribute.name(),
                        attribute.value().orElse(null)));
            }
            return description;
        } catch (SdpException e) {
            throw new IllegalStateException("javax.sdp refused a value Parley checked: " + e.getMessage(), e);
        }
    }

    /**
     * Returns the address of a c= line.
     *
     * @param connection the c= line, or null
     * @return its address, or null for a null line
     * @throws SdpNegotiationException if javax.sdp fails to give the address or it is empty
     */
    public static String address(Connection connection) {
        if (connection == null) {
            return null;
        }
        String address;
        try {
            address = connection.getAddress();
        } catch (SdpException | RuntimeException e) {
            throw new SdpNegotiationException("javax.sdp cannot read the c= line", null, "RFC 8866 §5.7", e);
        }
        if (isBlank(address)) {
            throw new SdpNegotiationException("the c= line has no address", null, "RFC 8866 §5.7");
        }
        return address;
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }

    private static List<SdpAttribute> attributes(Vector<?> attributes) throws SdpException {
        List<SdpAttribute> out = new ArrayList<>();
        if (attributes != null) {
            for (Object element : attributes) {
                Attribute attribute = (Attribute) element;
                String name = attribute.getName();
                String value = attribute.hasValue() ? attribute.getValue() : null;
                String line = "a=" + name + (value == null ? "" : ":" + value);
                if (!AttributeValues.isToken(name)) {
                    throw new SdpNegotiationException("the attribute name is not a token", line, "RFC 8866 §5.13");
                }
                out.add(value == null ? SdpAttribute.property(name) : SdpAttribute.of(name, value));
            }
        }
        return List.copyOf(out);
    }
}
