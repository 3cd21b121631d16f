package org.parley.msrp.sdp;

import org.parley.msrp.core.internal.UntrustedText;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import javax.sdp.Connection;
import javax.sdp.MediaDescription;
import javax.sdp.SessionDescription;
import org.parley.msrp.core.codec.MsrpUri;
import org.parley.msrp.sdp.internal.AttributeValues;
import org.parley.msrp.sdp.internal.MediaSpec;
import org.parley.msrp.sdp.internal.RawMedia;
import org.parley.msrp.sdp.internal.RawSession;
import org.parley.msrp.sdp.internal.SdpAdapter;

/**
 * A typed, immutable view of one MSRP media description: an {@code m=message} line with its c= address and
 * attributes (RFC 4975 §8).
 *
 * <p>What it holds, and the rules checked when it is read:
 * <ul>
 *   <li>{@link #transport()}: {@code TCP/MSRP} or {@code TCP/TLS/MSRP}; any other protocol is an error (§8.1). The
 *       format list must be {@code *} (§8.1).</li>
 *   <li>{@link #port()}: 0 to 65535. Port 0 marks a rejected or disabled stream (RFC 3264 §6, §8.2); port 9 from an
 *       {@code a=setup:active} endpoint means it will not listen (RFC 4145 §4.1, RFC 6135 §4.2.2).</li>
 *   <li>{@link #connectionAddress()}: the media-level c= address, else the session-level one; one must exist
 *       (RFC 8866 §5.7).</li>
 *   <li>{@link #path()}: {@code a=path}, one or more MSRP URIs with explicit ports; the last is the endpoint's own,
 *       the first is where a peer connects (§8.2, §8.3). Its scheme must agree with the transport: {@code msrps}
 *       with {@code TCP/TLS/MSRP}, {@code msrp} with {@code TCP/MSRP} (§6, §8.1).</li>
 *   <li>{@link #acceptTypes()} and {@link #acceptWrappedTypes()}: entries {@code *}, {@code type/*} or
 *       {@code type/subtype} with optional parameters (§8.6); {@link #maxSize()} in octets.</li>
 *   <li>{@link #setup()} (RFC 4145 §4), {@link #connection()} (RFC 4145 §5), {@link #fingerprints()} (RFC 8122
 *       §5, several allowed), {@link #direction()} (RFC 8866 §6.7, RFC 4975 §8.9) and {@link #cema()} (RFC 6714
 *       §5).</li>
 *   <li>{@link #otherAttributes()}: every other media-level attribute, in order, for example RFC 5547's
 *       {@code a=file-selector}.</li>
 * </ul>
 * {@code a=path} and {@code a=accept-types} are required (§8.2, §8.6), except on a port-0 line, which RFC 3264 §8.2
 * lets omit every attribute. {@code a=setup}, direction and {@code a=fingerprint} may also stand at session level
 * (RFC 4145 §4, RFC 8866 §6.7, RFC 8122 §5); a media-level value wins. Each single-valued attribute may appear once,
 * except {@code a=connection}, which MSRP must ignore (RFC 6135 §4.4): neither an unknown value nor a repeat of it is
 * an error.
 *
 * <p><b>Partial SDP.</b> {@link #parse(String)} wants a whole session description: CRLF line ends and the v=, o=, s=
 * and t= lines (RFC 8866 §5). {@link #parseLenient(String)} also reads bodies printed without those lines, such as
 * RFC 4975 Figures 1 and 19, by supplying {@code v=0}, {@code o=- 0 0 IN IP4 0.0.0.0}, {@code s=-} and
 * {@code t=0 0}, and accepts lone LF line ends, as RFC 8866 §5 lets parsers do.
 *
 * <p>{@link #equals(Object)} compares every value above; {@link #toString()} is the media section as SDP text.
 */
public final class MsrpMediaDescription {

    private static final String MEDIA = "message";
    private static final List<String> FORMATS = List.of("*");

    private final MsrpTransport transport;
    private final int port;
    private final String connectionAddress;
    private final List<MsrpUri> path;
    private final List<String> acceptTypes;
    private final List<String> acceptWrappedTypes;
    private final long maxSize;
    private final SetupRole setup;
    private final ConnectionAttribute connection;
    private final List<Fingerprint> fingerprints;
    private final Direction direction;
    private final boolean cema;
    private final List<SdpAttribute> otherAttributes;

    /**
     * Creates a description from checked values; {@code maxSize} is -1 for none, {@code setup} and
     * {@code connection} may be null for absent.
     */
    MsrpMediaDescription(MsrpTransport transport, int port, String connectionAddress, List<MsrpUri> path,
            List<String> acceptTypes, List<String> acceptWrappedTypes, long maxSize, SetupRole setup,
            ConnectionAttribute connection, List<Fingerprint> fingerprints, Direction direction, boolean cema,
            List<SdpAttribute> otherAttributes) {
        this.transport = transport;
        this.port = port;
        this.connectionAddress = connectionAddress;
        this.path = List.copyOf(path);
        this.acceptTypes = List.copyOf(acceptTypes);
        this.acceptWrappedTypes = List.copyOf(acceptWrappedTypes);
        this.maxSize = maxSize;
        this.setup = setup;
        this.connection = connection;
        this.fingerprints = List.copyOf(fingerprints);
        this.direction = direction;
        this.cema = cema;
        this.otherAttributes = List.copyOf(otherAttributes);
    }

    /**
     * Parses a whole session description and returns its first {@code m=message} media description.
     *
     * @param sdp the SDP body with CRLF line ends, starting with v=, o= and s= lines and with a t= line
     * @return the MSRP media description
     * @throws SdpNegotiationException naming the offending line (if any) and the rule, if the body is missing,
     *                                 empty, truncated (its last line has no CRLF), has a line ending in LF only or
     *                                 an empty line, lacks v=, o=, s= or t=, has a line javax.sdp cannot parse (such
     *                                 as an m= port that is not a number), has no {@code m=message} line, or its MSRP
     *                                 media description breaks a rule listed in the class description
     */
    public static MsrpMediaDescription parse(String sdp) {
        return from(SdpAdapter.parse(sdp, false));
    }

    /**
     * Parses a session description that may lack its v=, o=, s= and t= lines, as the SDP in RFC 4975 Figures 1 and
     * 19 is printed, and returns its first {@code m=message} media description. Missing lines are supplied as
     * {@code v=0}, {@code o=- 0 0 IN IP4 0.0.0.0}, {@code s=-} and {@code t=0 0}; lines ending in a lone LF and
     * empty lines are accepted (RFC 8866 §5: parsers SHOULD tolerate a lone LF). Everything else is checked as by
     * {@link #parse(String)}.
     *
     * @param sdp the SDP body or fragment; every line, the last included, must end with CRLF or LF
     * @return the MSRP media description
     * @throws SdpNegotiationException as {@link #parse(String)} does, except for the leniencies above
     */
    public static MsrpMediaDescription parseLenient(String sdp) {
        return from(SdpAdapter.parse(sdp, true));
    }

    /**
     * Returns the first {@code m=message} media description of a javax.sdp session description, with the session's
     * c= address and its session-level {@code a=setup}, direction and {@code a=fingerprint} attributes as defaults.
     *
     * @param session the session description, e.g. from {@link SdpParser#parse(String)}
     * @return the MSRP media description
     * @throws NullPointerException    if {@code session} is {@code null}
     * @throws SdpNegotiationException if the session has no {@code m=message} line, or the MSRP media description
     *                                 breaks a rule listed in the class description
     */
    public static MsrpMediaDescription from(SessionDescription session) {
        Objects.requireNonNull(session, "session");
        RawSession raw = SdpAdapter.read(session);
        for (RawMedia media : raw.media()) {
            if (MEDIA.equals(media.media())) {
                return of(media, raw.attributes());
            }
        }
        throw new SdpNegotiationException("the session description has no m=message media description", null,
                "RFC 4975 §8.1");
    }

    /**
     * Returns the typed view of one javax.sdp media description. Session-level attributes are not visible this way;
     * use {@link #from(SessionDescription)} when the session may carry {@code a=setup}, a direction or
     * {@code a=fingerprint} at session level.
     *
     * @param media             an {@code m=message} media description
     * @param sessionConnection the session-level c= line, used when {@code media} has none; may be {@code null}
     * @return the MSRP media description
     * @throws NullPointerException    if {@code media} is {@code null}
     * @throws SdpNegotiationException if {@code media} is not {@code m=message} or breaks a rule listed in the class
     *                                 description
     */
    public static MsrpMediaDescription from(MediaDescription media, Connection sessionConnection) {
        Objects.requireNonNull(media, "media");
        return of(SdpAdapter.read(media, SdpAdapter.address(sessionConnection)), List.of());
    }

    /** Applies the MSRP rules to a media description read by javax.sdp. */
    static MsrpMediaDescription of(RawMedia media, List<SdpAttribute> sessionAttributes) {
        String mLine = media.line();
        if (!MEDIA.equals(media.media())) {
            throw new SdpNegotiationException("the media is not \"message\"", mLine, "RFC 4975 §8.1");
        }
        MsrpTransport transport = MsrpTransport.fromProtocol(media.protocol()).orElseThrow(
                () -> new SdpNegotiationException("the transport " + UntrustedText.quote(media.protocol())
                        + " is neither TCP/MSRP nor TCP/TLS/MSRP", mLine, "RFC 4975 §8.1"));
        if (media.port() < 0 || media.port() > 65535) {
            throw new SdpNegotiationException("the port " + media.port() + " is not in 0..65535", mLine,
                    "RFC 8866 §5.14");
        }
        boolean rejected = media.port() == 0;
        if (!rejected && !media.formats().equals(FORMATS)) {
            throw new SdpNegotiationException("the format list must be *", mLine, "RFC 4975 §8.1");
        }
        if (media.connectionAddress() == null) {
            throw new SdpNegotiationException("there is no c= line at session or media level", mLine,
                    "RFC 8866 §5.7");
        }
        Reader reader = new Reader();
        for (SdpAttribute attribute : media.attributes()) {
            reader.read(attribute);
        }
        Reader session = new Reader();
        for (SdpAttribute attribute : sessionAttributes) {
            session.readSessionLevel(attribute);
        }
        if (!rejected && reader.path == null) {
            throw new SdpNegotiationException("a=path is missing", mLine, "RFC 4975 §8.2: an MSRP media line MUST "
                    + "have a path attribute");
        }
        if (!rejected && reader.acceptTypes == null) {
            throw new SdpNegotiationException("a=accept-types is missing", mLine, "RFC 4975 §8.6: an MSRP media "
                    + "line MUST have an accept-types attribute");
        }
        List<MsrpUri> path = reader.path == null ? List.of() : reader.path;
        if (!path.isEmpty() && path.get(path.size() - 1).isSecure() != transport.isTls()) {
            throw new SdpNegotiationException("the endpoint's URI is " + path.get(path.size() - 1).scheme()
                    + " but the transport is " + transport, reader.pathLine, "RFC 4975 §6 and §8.1: msrps URIs go "
                    + "with TCP/TLS/MSRP, msrp URIs with TCP/MSRP");
        }
        return new MsrpMediaDescription(transport, media.port(), media.connectionAddress(), path,
                reader.acceptTypes == null ? List.of() : reader.acceptTypes,
                reader.acceptWrappedTypes == null ? List.of() : reader.acceptWrappedTypes,
                reader.maxSize, reader.setup != null ? reader.setup : session.setup, reader.connection,
                reader.fingerprints.isEmpty() ? session.fingerprints : reader.fingerprints,
                reader.direction != null ? reader.direction
                        : session.direction != null ? session.direction : Direction.SENDRECV,
                reader.cema, reader.others);
    }

    /**
     * Returns the transport.
     *
     * @return {@link MsrpTransport#TCP_MSRP} or {@link MsrpTransport#TCP_TLS_MSRP}
     */
    public MsrpTransport transport() {
        return transport;
    }

    /**
     * Tells whether the transport is TLS.
     *
     * @return {@code true} for {@code TCP/TLS/MSRP}
     */
    public boolean isTls() {
        return transport.isTls();
    }

    /**
     * Returns the m= port.
     *
     * @return 0 to 65535; 0 for a rejected or disabled stream, 9 typically from an {@code active} endpoint
     */
    public int port() {
        return port;
    }

    /**
     * Tells whether the m= port is 0, which rejects a stream in an answer and disables it in an offer (RFC 3264 §6,
     * §8.2).
     *
     * @return {@code true} for port 0
     */
    public boolean isRejected() {
        return port == 0;
    }

    /**
     * Returns the c= address that applies to this media description.
     *
     * @return the media-level c= address, else the session-level one: an IPv4 or IPv6 address (without brackets)
     *         or a host name
     */
    public String connectionAddress() {
        return connectionAddress;
    }

    /**
     * Returns the {@code a=path} URIs (RFC 4975 §8.2). The last one identifies the endpoint and is the target of
     * requests; the first one is the adjacent hop, to which a peer connects (§8.3).
     *
     * @return an unmodifiable, non-empty list; empty only on a port-0 line without {@code a=path}
     */
    public List<MsrpUri> path() {
        return path;
    }

    /**
     * Returns the {@code a=accept-types} entries (RFC 4975 §8.6).
     *
     * @return an unmodifiable list of entries as written ({@code *}, {@code type/*}, {@code type/subtype}, possibly
     *         with parameters); empty only on a port-0 line without the attribute
     */
    public List<String> acceptTypes() {
        return acceptTypes;
    }

    /**
     * Returns the {@code a=accept-wrapped-types} entries (RFC 4975 §8.6): types accepted only inside a container type
     * listed in {@link #acceptTypes()}.
     *
     * @return an unmodifiable list; empty if the attribute is absent
     */
    public List<String> acceptWrappedTypes() {
        return acceptWrappedTypes;
    }

    /**
     * Returns the {@code a=max-size} value (RFC 4975 §8.6): the largest message, in octets, the endpoint wishes to
     * receive; a hint.
     *
     * @return the size, or empty if the attribute is absent
     */
    public OptionalLong maxSize() {
        return maxSize < 0 ? OptionalLong.empty() : OptionalLong.of(maxSize);
    }

    /**
     * Returns the {@code a=setup} value as written (RFC 4145 §4), media-level or else session-level. Negotiation
     * treats {@link SetupRole#HOLDCONN} as absent (RFC 6135 §4.2.1).
     *
     * @return the value, or empty if there is none
     */
    public Optional<SetupRole> setup() {
        return Optional.ofNullable(setup);
    }

    /**
     * Returns the {@code a=connection} value (RFC 4145 §5). MSRP ignores it (RFC 6135 §4.4); it is shown so that an
     * application can see what a peer sent.
     *
     * @return the first {@code new} or {@code existing} value of the media-level {@code a=connection} lines, or empty
     *         if there is none
     */
    public Optional<ConnectionAttribute> connection() {
        return Optional.ofNullable(connection);
    }

    /**
     * Returns the {@code a=fingerprint} values (RFC 8122 §5), media-level or else session-level.
     *
     * @return an unmodifiable list in the order written; empty if there are none
     */
    public List<Fingerprint> fingerprints() {
        return fingerprints;
    }

    /**
     * Returns the direction (RFC 8866 §6.7, RFC 4975 §8.9), from the point of view of the endpoint that wrote this
     * description.
     *
     * @return the media-level direction, else the session-level one, else {@link Direction#SENDRECV}
     */
    public Direction direction() {
        return direction;
    }

    /**
     * Tells whether the media description carries {@code a=msrp-cema} (RFC 6714 §5).
     *
     * @return {@code true} if the writer supports CEMA
     */
    public boolean cema() {
        return cema;
    }

    /**
     * Returns the media-level attributes this class does not interpret, such as {@code a=file-selector} (RFC 5547).
     *
     * @return an unmodifiable list in the order written; empty if there are none
     */
    public List<SdpAttribute> otherAttributes() {
        return otherAttributes;
    }

    /**
     * Returns the first uninterpreted attribute with a name.
     *
     * @param name the attribute name, compared exactly, e.g. {@code file-selector}
     * @return the attribute, or empty if {@link #otherAttributes()} has none of that name
     * @throws NullPointerException if {@code name} is {@code null}
     */
    public Optional<SdpAttribute> otherAttribute(String name) {
        Objects.requireNonNull(name, "name");
        return otherAttributes.stream().filter(attribute -> attribute.name().equals(name)).findFirst();
    }

    /**
     * Returns this description as a new javax.sdp media description with a media-level c= line and an explicit
     * direction attribute, {@code a=sendrecv} included, ready to be added to an application's own session
     * description: a session-level c= line or direction there does not change it (RFC 8866 §5.7, §6.7).
     *
     * @return a new, mutable javax.sdp object; changing it does not change this description
     */
    public MediaDescription toMediaDescription() {
        return SdpAdapter.build(toMediaSpec(true));
    }

    /**
     * Compares every value: transport, port, c= address, path (by RFC 4975 §6.1 URI equality), accept types,
     * accept-wrapped types, max-size, setup, connection, fingerprints, direction, CEMA and other attributes.
     *
     * @param o the other object
     * @return {@code true} if {@code o} describes the same MSRP media
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof MsrpMediaDescription other && transport == other.transport && port == other.port
                && connectionAddress.equals(other.connectionAddress) && path.equals(other.path)
                && acceptTypes.equals(other.acceptTypes) && acceptWrappedTypes.equals(other.acceptWrappedTypes)
                && maxSize == other.maxSize && setup == other.setup && connection == other.connection
                && fingerprints.equals(other.fingerprints) && direction == other.direction && cema == other.cema
                && otherAttributes.equals(other.otherAttributes);
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(transport, port, connectionAddress, path, acceptTypes, acceptWrappedTypes, maxSize, setup,
                connection, fingerprints, direction, cema, otherAttributes);
    }

    /**
     * Returns the media section as SDP text: the m= line, a media-level c= line and the attributes, each ending with
     * CRLF.
     *
     * @return the text
     */
    @Override
    public String toString() {
        return toMediaDescription().toString();
    }

    /** The m= line as written, for error messages. */
    String mediaLine() {
        return "m=" + MEDIA + " " + port + " " + transport + " *";
    }

    /**
     * Describes this media for writing. Attributes come in a fixed order: accept-types, accept-wrapped-types,
     * max-size, path, connection, setup, fingerprints, msrp-cema, the direction, the others. A standalone description,
     * made to go into another session, has a media-level c= line and always a direction; otherwise the session-level
     * c= line applies and sendrecv, the default, is left out (RFC 8866 §6.7).
     */
    MediaSpec toMediaSpec(boolean standalone) {
        List<SdpAttribute> attributes = new ArrayList<>();
        if (!acceptTypes.isEmpty()) {
            attributes.add(SdpAttribute.of("accept-types", String.join(" ", acceptTypes)));
        }
        if (!acceptWrappedTypes.isEmpty()) {
            attributes.add(SdpAttribute.of("accept-wrapped-types", String.join(" ", acceptWrappedTypes)));
        }
        if (maxSize >= 0) {
            attributes.add(SdpAttribute.of("max-size", Long.toString(maxSize)));
        }
        if (!path.isEmpty()) {
            attributes.add(SdpAttribute.of("path", AttributeValues.formatPath(path)));
        }
        if (connection != null) {
            attributes.add(SdpAttribute.of("connection", connection.toString()));
        }
        if (setup != null) {
            attributes.add(SdpAttribute.of("setup", setup.toString()));
        }
        for (Fingerprint fingerprint : fingerprints) {
            attributes.add(SdpAttribute.of("fingerprint", fingerprint.toAttributeValue()));
        }
        if (cema) {
            attributes.add(SdpAttribute.property("msrp-cema"));
        }
        if (standalone || direction != Direction.SENDRECV) {
            attributes.add(SdpAttribute.property(direction.toString()));
        }
        attributes.addAll(otherAttributes);
        return new MediaSpec(MEDIA, port, transport.protocol(), FORMATS, standalone ? connectionAddress : null,
                attributes);
    }

    /** Collects the attributes of one level, refusing repeats of single-valued ones. */
    private static final class Reader {
        private List<MsrpUri> path;
        private String pathLine;
        private List<String> acceptTypes;
        private List<String> acceptWrappedTypes;
        private long maxSize = -1;
        private SetupRole setup;
        private ConnectionAttribute connection;
        private final List<Fingerprint> fingerprints = new ArrayList<>();
        private Direction direction;
        private boolean cema;
        private final List<SdpAttribute> others = new ArrayList<>();

        void read(SdpAttribute attribute) {
            String name = attribute.name();
            String value = attribute.value().orElse(null);
            String line = "a=" + attribute;
            switch (name) {
                case "path" -> {
                    once(path, line, "RFC 4975 §8.2");
                    path = AttributeValues.parsePath(value, line);
                    pathLine = line;
                }
                case "accept-types" -> {
                    once(acceptTypes, line, "RFC 4975 §8.6");
                    acceptTypes = AttributeValues.parseFormatList(name, value, line);
                }
                case "accept-wrapped-types" -> {
                    once(acceptWrappedTypes, line, "RFC 4975 §8.6");
                    acceptWrappedTypes = AttributeValues.parseFormatList(name, value, line);
                }
                case "max-size" -> {
                    once(maxSize < 0 ? null : maxSize, line, "RFC 4975 §8.6");
                    maxSize = AttributeValues.parseMaxSize(value, line);
                }
                case "connection" -> {
                    // RFC 6135 §4.4: a received a=connection MUST be ignored, so a bad or repeated one is no error.
                    if (connection == null) {
                        connection = ConnectionAttribute.find(value).orElse(null);
                    }
                }
                case "msrp-cema" -> cema = true;
                default -> {
                    if (!readSessionLevel(attribute)) {
                        others.add(attribute);
                    }
                }
            }
        }

        /** Reads the attributes that may also stand at session level; tells whether the attribute was one. */
        boolean readSessionLevel(SdpAttribute attribute) {
            String line = "a=" + attribute;
            Optional<Direction> named = Direction.fromAttributeName(attribute.name());
            if (named.isPresent()) {
                once(direction, line, "RFC 8866 §6.7");
                direction = named.get();
                return true;
            }
            switch (attribute.name()) {
                case "setup" -> {
                    once(setup, line, "RFC 4145 §4");
                    setup = SetupRole.parse(attribute.value().orElse(null));
                    return true;
                }
                case "fingerprint" -> {
                    fingerprints.add(Fingerprint.parse(attribute.value().orElse(null)));
                    return true;
                }
                default -> {
                    return false;
                }
            }
        }

        private static void once(Object seen, String line, String rule) {
            if (seen != null) {
                throw new SdpNegotiationException("the attribute appears more than once", line, rule);
            }
        }
    }
}
