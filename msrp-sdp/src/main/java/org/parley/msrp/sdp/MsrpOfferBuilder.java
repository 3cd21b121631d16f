package org.parley.msrp.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sdp.SessionDescription;
import org.parley.msrp.core.codec.MsrpUri;
import org.parley.msrp.sdp.internal.Addresses;
import org.parley.msrp.sdp.internal.RawSession;
import org.parley.msrp.sdp.internal.SdpAdapter;

/**
 * Builds an SDP offer for one MSRP stream (RFC 4975 §8, RFC 3264 §5) with COMEDIA (RFC 6135) and, if asked, CEMA
 * (RFC 6714).
 *
 * <pre>{@code
 * String offer = MsrpOfferBuilder.offer()
 *         .localPath(List.of(MsrpUri.parse("msrp://alice.example.com:7394/2s93i9ek2a;tcp")))
 *         .acceptTypes(List.of("text/plain", "message/cpim"))
 *         .build();
 * }</pre>
 * gives
 * <pre>
 * v=0
 * o=- 3725180322915840031 1 IN IP4 alice.example.com
 * s=-
 * c=IN IP4 alice.example.com
 * t=0 0
 * m=message 7394 TCP/MSRP *
 * a=accept-types:text/plain message/cpim
 * a=path:msrp://alice.example.com:7394/2s93i9ek2a;tcp
 * a=setup:actpass
 * </pre>
 *
 * <p>What the offer says, by the rules it follows:
 * <ul>
 *   <li>{@code a=setup} is always present (RFC 6135 §4.2.1): {@code actpass} when the endpoint is
 *       {@link #reachable(boolean) reachable}, {@code active} when not (§4.2.2); never {@code passive} or
 *       {@code holdconn}. A path with more than one URI goes through a relay, which counts as reachable (§4.2.2).</li>
 *   <li>An {@code active} offer puts port 9 in m= and in its own (last) {@code a=path} URI, because it will not
 *       listen (RFC 6135 §4.2.2, RFC 4145 §4.1). Otherwise c= and m= carry the host and port of the own URI
 *       (RFC 4975 §8.1), or of the first relay when CEMA is on and the path has relays (RFC 6714 §4.2).</li>
 *   <li>{@code a=connection} is never written (RFC 6135 §4.4); {@code a=msrp-cema} is written when
 *       {@link #cema(boolean)} is on (RFC 6714 §4.2); a direction attribute only when it is not
 *       {@code sendrecv}.</li>
 *   <li>The o= line has username {@code -}, a random session id below 2<sup>62</sup> and version 1 unless
 *       {@link #origin} says otherwise; s= is {@code -} and t= is {@code 0 0} (RFC 3264 §5).</li>
 * </ul>
 *
 * <p>For a re-offer in the same dialog (RFC 4975 §8.4, RFC 3264 §8) start from the last SDP this endpoint sent with
 * {@link #updating(String)}: the o= line is kept, and its version goes up by one unless the new SDP is identical.
 *
 * <p>A builder is mutable and not thread-safe; each build method may be called any number of times.
 */
public final class MsrpOfferBuilder {

    private List<MsrpUri> localPath;
    private List<String> acceptTypes;
    private List<String> acceptWrappedTypes = List.of();
    private long maxSize = -1;
    private boolean reachable = true;
    private boolean tls;
    private List<Fingerprint> fingerprints = List.of();
    private boolean cema;
    private Direction direction = Direction.SENDRECV;
    private List<SdpAttribute> extraAttributes = List.of();
    private RawSession.Origin origin = LocalChecks.newOrigin("-");
    private String previousSdp;

    private MsrpOfferBuilder() {
    }

    /**
     * Starts an initial offer, with the defaults in the class description.
     *
     * @return a new builder
     */
    public static MsrpOfferBuilder offer() {
        return new MsrpOfferBuilder();
    }

    /**
     * Starts a re-offer from the last SDP this endpoint sent in the dialog, offer or answer (RFC 4975 §8.4). Every
     * value is taken from it: the path as sent (an {@code active} one with port 9, so set the real listening path
     * with {@link #localPath} when switching to {@link #reachable(boolean) reachable}), accept types, max-size,
     * reachable ({@code false} only if it said {@code a=setup:active}), TLS, fingerprints, CEMA, direction, the other
     * attributes and the o= line. Change what should change; {@link #build()} then increments the o= version, or
     * keeps the previous text exactly when nothing changed (RFC 3264 §8). A previous port-0 description without
     * {@code a=path} or {@code a=accept-types} leaves those unset, to be given again.
     *
     * @param previousLocalSdp the whole SDP body this endpoint last sent
     * @return a builder holding those values
     * @throws SdpNegotiationException if {@code previousLocalSdp} does not parse strictly
     *                                 ({@link MsrpMediaDescription#parse(String)})
     */
    public static MsrpOfferBuilder updating(String previousLocalSdp) {
        SessionDescription session = SdpParser.parse(previousLocalSdp);
        MsrpMediaDescription previous = MsrpMediaDescription.from(session);
        MsrpOfferBuilder builder = new MsrpOfferBuilder();
        // A port-0 description may lack both; build() then asks for them instead of guessing.
        builder.localPath = previous.path().isEmpty() ? null : previous.path();
        builder.acceptTypes = previous.acceptTypes().isEmpty() ? null : previous.acceptTypes();
        builder.acceptWrappedTypes = previous.acceptWrappedTypes();
        builder.maxSize = previous.maxSize().orElse(-1);
        builder.reachable = previous.setup().orElse(SetupRole.ACTPASS) != SetupRole.ACTIVE;
        builder.tls = previous.isTls();
        builder.fingerprints = previous.fingerprints();
        builder.cema = previous.cema();
        builder.direction = previous.direction();
        builder.extraAttributes = previous.otherAttributes();
        builder.origin = SdpAdapter.read(session).origin();
        builder.previousSdp = previousLocalSdp;
        return builder;
    }

    /**
     * Sets the local path (RFC 4975 §8.2): relays in order, then the endpoint's own URI for this session, which
     * must be unique to the session and hard to guess (§8.2, §14.1). Required.
     *
     * @param path one or more MSRP URIs, each with an explicit port above 0; the last one {@code msrps} exactly when
     *             {@link #tls(boolean)} is on
     * @return this builder
     * @throws NullPointerException     if {@code path} or an element is {@code null}
     * @throws IllegalArgumentException if {@code path} is empty or a URI has no port or port 0
     */
    public MsrpOfferBuilder localPath(List<MsrpUri> path) {
        this.localPath = LocalChecks.path(path, "localPath");
        return this;
    }

    /**
     * Sets the types this endpoint accepts (RFC 4975 §8.6). Required.
     *
     * @param types one or more entries: {@code *}, {@code type/*} or {@code type/subtype}, optionally with
     *              parameters
     * @return this builder
     * @throws NullPointerException     if {@code types} is {@code null}
     * @throws IllegalArgumentException if {@code types} is empty or an entry is malformed
     */
    public MsrpOfferBuilder acceptTypes(List<String> types) {
        this.acceptTypes = LocalChecks.formatList(types, "acceptTypes", true);
        return this;
    }

    /**
     * Sets the types this endpoint accepts only inside a container type (RFC 4975 §8.6). Default: none, and no
     * {@code a=accept-wrapped-types}.
     *
     * @param types entries as for {@link #acceptTypes(List)}; empty for none
     * @return this builder
     * @throws NullPointerException     if {@code types} is {@code null}
     * @throws IllegalArgumentException if an entry is malformed
     */
    public MsrpOfferBuilder acceptWrappedTypes(List<String> types) {
        this.acceptWrappedTypes = LocalChecks.formatList(types, "acceptWrappedTypes", false);
        return this;
    }

    /**
     * Sets {@code a=max-size}, the largest message this endpoint wishes to receive (RFC 4975 §8.6). Default: none.
     *
     * @param octets the size in octets
     * @return this builder
     * @throws IllegalArgumentException if {@code octets} is negative
     */
    public MsrpOfferBuilder maxSize(long octets) {
        this.maxSize = LocalChecks.maxSize(octets);
        return this;
    }

    /**
     * Says whether peers can connect to this endpoint at the host and port of its own {@code a=path} URI, that is,
     * whether it has a globally reachable address (RFC 6135 §4.2.2: not behind a NAT, or a NAT with known
     * endpoint-independent mapping). Reachable endpoints offer {@code actpass} and must then listen there;
     * unreachable ones offer {@code active} and connect. Default: {@code true}.
     *
     * @param reachable whether the endpoint accepts connections
     * @return this builder
     */
    public MsrpOfferBuilder reachable(boolean reachable) {
        this.reachable = reachable;
        return this;
    }

    /**
     * Chooses {@code TCP/TLS/MSRP} (with an {@code msrps} own URI) over {@code TCP/MSRP} (RFC 4975 §8.1). Default:
     * {@code false}.
     *
     * @param tls whether to use TLS
     * @return this builder
     */
    public MsrpOfferBuilder tls(boolean tls) {
        this.tls = tls;
        return this;
    }

    /**
     * Sets the fingerprints of this endpoint's certificates, written as {@code a=fingerprint} lines (RFC 8122 §5,
     * RFC 4975 §14.4: required with self-signed certificates; RFC 8122 §5.1 wants at least a {@code sha-256} one).
     * Only with {@link #tls(boolean) TLS}. Default: none.
     *
     * @param fingerprints the fingerprints, in the order to write them
     * @return this builder
     * @throws NullPointerException     if {@code fingerprints} or an element is {@code null}
     * @throws IllegalArgumentException if a fingerprint uses {@code md5} or {@code md2}, which RFC 8122 §5 forbids
     */
    public MsrpOfferBuilder fingerprints(List<Fingerprint> fingerprints) {
        this.fingerprints = LocalChecks.fingerprints(fingerprints);
        return this;
    }

    /**
     * Turns CEMA on: the offer carries {@code a=msrp-cema}, and when the endpoint becomes active it dials the c=/m=
     * address of the answer (RFC 6714 §4.2). Default: {@code false}.
     *
     * @param cema whether to signal CEMA
     * @return this builder
     */
    public MsrpOfferBuilder cema(boolean cema) {
        this.cema = cema;
        return this;
    }

    /**
     * Sets the direction of message content (RFC 4975 §8.9, RFC 3264 §5.1). Default: {@link Direction#SENDRECV},
     * which writes no attribute.
     *
     * @param direction the direction from this endpoint's point of view
     * @return this builder
     * @throws NullPointerException if {@code direction} is {@code null}
     */
    public MsrpOfferBuilder direction(Direction direction) {
        this.direction = Objects.requireNonNull(direction, "direction");
        return this;
    }

    /**
     * Sets further media-level attributes, written after the MSRP ones in order, for example RFC 5547's
     * {@code a=file-selector} and {@code a=file-transfer-id}. Default: none.
     *
     * @param attributes the attributes
     * @return this builder
     * @throws NullPointerException     if {@code attributes} or an element is {@code null}
     * @throws IllegalArgumentException if an attribute is one this builder writes itself ({@code path},
     *                                  {@code accept-types}, {@code setup}, a direction, ...) or {@code connection},
     *                                  which MSRP never sends (RFC 6135 §4.4)
     */
    public MsrpOfferBuilder attributes(List<SdpAttribute> attributes) {
        this.extraAttributes = LocalChecks.extraAttributes(attributes);
        return this;
    }

    /**
     * Sets the o= line's username, session id and version (RFC 8866 §5.2, RFC 3264 §5). Default: {@code -}, a
     * random id below 2<sup>62</sup>, version 1.
     *
     * @param username       the username, without spaces, e.g. {@code alice} or {@code -}
     * @param sessionId      the session id, 0 or more
     * @param sessionVersion the version, 0 or more and below 2<sup>62</sup> - 1 in an initial offer
     * @return this builder
     * @throws NullPointerException     if {@code username} is {@code null}
     * @throws IllegalArgumentException if {@code username} is empty or holds spaces or controls, or a number is
     *                                  negative
     */
    public MsrpOfferBuilder origin(String username, long sessionId, long sessionVersion) {
        if (sessionId < 0 || sessionVersion < 0) {
            throw new IllegalArgumentException("o= session id and version must not be negative (RFC 3264 §5)");
        }
        this.origin = new RawSession.Origin(LocalChecks.username(username), sessionId, sessionVersion);
        return this;
    }

    /**
     * Builds the offer as SDP text.
     *
     * @return the whole session description, CRLF line ends
     * @throws IllegalStateException if the local path or the accept types are not set, the own URI's scheme does not
     *                               match {@link #tls(boolean)}, or fingerprints are set without TLS
     */
    public String build() {
        MsrpMediaDescription media = buildMediaDescription();
        if (previousSdp == null) {
            return render(media, origin.sessionVersion());
        }
        return LocalChecks.renderUpdate(origin, previousSdp, version -> render(media, version));
    }

    /**
     * Builds the offer as a javax.sdp session description; its {@code toString()} is the text of {@link #build()}.
     *
     * @return a new, mutable session description
     * @throws IllegalStateException as {@link #build()} does
     */
    public SessionDescription buildSessionDescription() {
        return SdpParser.parse(build());
    }

    /**
     * Builds the typed view of the offered media description, as {@link MsrpMediaDescription#parse(String)} would
     * read it from {@link #build()}; keep it to settle the answer with
     * {@link SdpNegotiation#offererOutcome(MsrpMediaDescription, MsrpMediaDescription)}.
     *
     * @return the media description
     * @throws IllegalStateException as {@link #build()} does
     */
    public MsrpMediaDescription buildMediaDescription() {
        if (localPath == null) {
            throw new IllegalStateException("localPath is required (RFC 4975 §8.2)");
        }
        if (acceptTypes == null) {
            throw new IllegalStateException("acceptTypes is required (RFC 4975 §8.6)");
        }
        LocalChecks.pathScheme(localPath, tls, "localPath");
        if (!fingerprints.isEmpty() && !tls) {
            throw new IllegalStateException("Fingerprints need tls(true) (RFC 8122 §5, RFC 4975 §14.4)");
        }
        boolean relay = localPath.size() > 1;
        boolean listens = reachable || relay;
        List<MsrpUri> path = new ArrayList<>(localPath);
        int last = path.size() - 1;
        if (!listens) {
            path.set(last, Addresses.withPort(path.get(last), 9));
        }
        MsrpUri connectionSource = cema && relay ? path.get(0) : path.get(last);
        return new MsrpMediaDescription(MsrpTransport.of(tls), listens ? connectionSource.port() : 9,
                connectionSource.host(), path, acceptTypes, acceptWrappedTypes, maxSize,
                listens ? SetupRole.ACTPASS : SetupRole.ACTIVE, null, fingerprints, direction, cema,
                extraAttributes);
    }

    /** Writes the session: the o= line with {@code version}, s=-, c= and o= from the media's address, t=0 0. */
    private String render(MsrpMediaDescription media, long version) {
        RawSession.Origin withVersion = new RawSession.Origin(origin.username(), origin.sessionId(), version);
        return SdpAdapter.build(withVersion, media.connectionAddress(), 0, 0, List.of(media.toMediaSpec(false)))
                .toString();
    }
}
