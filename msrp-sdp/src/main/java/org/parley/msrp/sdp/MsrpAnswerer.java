package org.parley.msrp.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongFunction;
import javax.sdp.SessionDescription;
import org.parley.msrp.core.codec.MsrpUri;
import org.parley.msrp.sdp.internal.Addresses;
import org.parley.msrp.sdp.internal.AttributeValues;
import org.parley.msrp.sdp.internal.MediaSpec;
import org.parley.msrp.sdp.internal.RawMedia;
import org.parley.msrp.sdp.internal.RawSession;
import org.parley.msrp.sdp.internal.SdpAdapter;

/**
 * Answers SDP offers for MSRP from the local endpoint's capabilities (RFC 4975 §8, RFC 3264 §6, RFC 6135, RFC
 * 6714).
 *
 * <p>The answer has one m= line for each offered one (RFC 3264 §6) and the offer's t= line. The first
 * {@code m=message} line is answered; every other m= line is rejected with port 0 (an application that also handles
 * audio or video merges {@link SdpAnswer#toSessionDescription()} with its own answer). The MSRP stream is rejected
 * with port 0 and a reason ({@link SdpAnswer#rejectionReason()}) when:
 * <ul>
 *   <li>its media description breaks a rule of {@link MsrpMediaDescription} (for example an {@code a=path} that is
 *       not an MSRP URI, no {@code a=accept-types}, an unknown transport): RFC 3264 §6 lets a stream be rejected
 *       for any reason;</li>
 *   <li>the offer disabled it with port 0 (RFC 3264 §8.2);</li>
 *   <li>its transport is one this answerer has no path for: {@code TCP/TLS/MSRP} without a {@link Builder#tlsPath}
 *       or {@code TCP/MSRP} without a {@link Builder#tcpPath} (RFC 4975 §8.1);</li>
 *   <li>no type the offer accepts overlaps one this answerer accepts (RFC 4975 §8.6, RFC 3264 §6). On either side
 *       a type counts when it is in {@code a=accept-types}, or in {@code a=accept-wrapped-types} while
 *       {@code a=accept-types} lists a container for it: a {@code message} or {@code multipart} type (RFC 2046 §5),
 *       such as {@code message/cpim};</li>
 *   <li>CEMA is on, the offer has no {@code a=msrp-cema} and its c=/m= address does not match its {@code a=path}: a
 *       middlebox without CEMA rewrote it (RFC 6714 §4.3);</li>
 *   <li>the answerer must connect and the offer gives nothing to connect to, such as {@code a=setup:passive} with
 *       port 0 in the first {@code a=path} URI (RFC 4975 §8.2).</li>
 * </ul>
 * Otherwise the answer carries the local path, accept types and so on, and an explicit {@code a=setup} (RFC 6135
 * §4.2.1), chosen by RFC 6135 §4.2.2 and RFC 4145 §4.1: {@code passive} to {@code active}, to no {@code a=setup}
 * and to {@code holdconn} (which counts as none); {@code active} to {@code passive}; to {@code actpass},
 * {@code passive} when {@link Builder#reachable reachable} (or behind a relay) and {@code active} otherwise. An
 * {@code active} answer puts port 9 in m= and in its own {@code a=path} URI. The direction is the offered one
 * narrowed by the wanted one (RFC 3264 §6.1). {@code a=msrp-cema} is added when CEMA is on, unless RFC 6714 §4.3
 * makes the answerer fall back to RFC 4975 (both sides use relays, the offerer uses a relay and will be active, or
 * the answerer uses a relay and must be active) or §4.1 does (the offerer uses a relay and has no
 * {@code a=msrp-cema}). An active answerer dials the offer's c=/m= only when both carry {@code a=msrp-cema}, and
 * otherwise the first URI of the offer's {@code a=path}: an offerer without CEMA follows RFC 4975, and its c=/m=
 * need not name its relay (RFC 6714 §4.1, {@link SdpNegotiation#answererOutcome}).
 *
 * <p>Instances are immutable and thread-safe; one answerer serves any number of offers.
 */
public final class MsrpAnswerer {

    private final List<MsrpUri> tcpPath;
    private final List<MsrpUri> tlsPath;
    private final List<Fingerprint> fingerprints;
    private final List<String> acceptTypes;
    private final List<String> acceptWrappedTypes;
    private final long maxSize;
    private final boolean reachable;
    private final boolean cema;
    private final Direction direction;
    private final List<SdpAttribute> extraAttributes;
    private final String username;
    private final SdpNegotiation negotiation;

    private MsrpAnswerer(Builder b) {
        this.tcpPath = b.tcpPath;
        this.tlsPath = b.tlsPath;
        this.fingerprints = b.fingerprints;
        this.acceptTypes = b.acceptTypes;
        this.acceptWrappedTypes = b.acceptWrappedTypes;
        this.maxSize = b.maxSize;
        this.reachable = b.reachable;
        this.cema = b.cema;
        this.direction = b.direction;
        this.extraAttributes = b.extraAttributes;
        this.username = b.username;
        this.negotiation = b.negotiation;
    }

    /**
     * Starts describing the local capabilities.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Answers an offer, which is parsed strictly ({@link SdpParser#parse(String)}). The answer's o= line is new.
     *
     * @param offerSdp the offered SDP body
     * @return the answer, accepting or rejecting the MSRP stream
     * @throws SdpNegotiationException if the offer is not well-formed SDP (RFC 8866 §5) or has no {@code m=message}
     *                                 line; problems of the MSRP stream itself lead to a rejection instead
     */
    public SdpAnswer answer(String offerSdp) {
        return answer(SdpParser.parse(offerSdp));
    }

    /**
     * Answers an offer given as a javax.sdp session description. The answer's o= line is new.
     *
     * @param offer the offered session description
     * @return the answer, accepting or rejecting the MSRP stream
     * @throws NullPointerException    if {@code offer} is {@code null}
     * @throws SdpNegotiationException if the offer has no {@code m=message} line or javax.sdp cannot read it
     */
    public SdpAnswer answer(SessionDescription offer) {
        Objects.requireNonNull(offer, "offer");
        return answer(SdpAdapter.read(offer), LocalChecks.newOrigin(username), null);
    }

    /**
     * Answers an offer received within an existing dialog, such as a re-INVITE (RFC 4975 §8.4, RFC 3264 §8): the o=
     * line of the previous SDP this endpoint sent is kept, with its version incremented unless the new answer is
     * identical to it. The local path is always this answerer's current one, which may differ from the previous
     * (§8.4 lets it change).
     *
     * @param offerSdp         the offered SDP body
     * @param previousLocalSdp the whole SDP body this endpoint last sent in the dialog
     * @return the answer, accepting or rejecting the MSRP stream
     * @throws SdpNegotiationException if either body is not well-formed SDP, or the offer has no {@code m=message}
     *                                 line
     */
    public SdpAnswer answer(String offerSdp, String previousLocalSdp) {
        RawSession.Origin previous = SdpAdapter.read(SdpParser.parse(previousLocalSdp)).origin();
        return answer(SdpAdapter.read(SdpParser.parse(offerSdp)), previous, previousLocalSdp);
    }

    /** Answers with {@code origin} as the o= line, or as the previous o= line when {@code previousSdp} is set. */
    private SdpAnswer answer(RawSession offer, RawSession.Origin origin, String previousSdp) {
        int index = 0;
        while (index < offer.media().size() && !"message".equals(offer.media().get(index).media())) {
            index++;
        }
        if (index == offer.media().size()) {
            throw new SdpNegotiationException("the offer has no m=message media description", null,
                    "RFC 4975 §8.1");
        }
        MsrpMediaDescription offered;
        try {
            offered = MsrpMediaDescription.of(offer.media().get(index), offer.attributes());
        } catch (SdpNegotiationException e) {
            return reject(offer, e.getMessage(), origin, previousSdp);
        }
        String reason = rejectionReason(offered);
        if (reason != null) {
            return reject(offer, reason, origin, previousSdp);
        }
        MsrpMediaDescription answer = answerMedia(offered);
        NegotiationOutcome outcome;
        try {
            outcome = negotiation.answererOutcome(offered, answer);
        } catch (SdpNegotiationException e) {
            // The offer leaves nothing to dial, such as port 0 in its first a=path URI (RFC 4975 §8.2).
            return reject(offer, e.getMessage(), origin, previousSdp);
        }
        List<MediaSpec> media = mirrorRejected(offer);
        media.set(index, answer.toMediaSpec(false));
        String sdp = render(offer, answer.connectionAddress(), media, origin, previousSdp);
        return SdpAnswer.accepted(sdp, outcome);
    }

    /** Returns why the offered stream cannot be accepted, or null if it can. */
    private String rejectionReason(MsrpMediaDescription offer) {
        if (offer.isRejected()) {
            return "the offer disables the MSRP stream with port 0 (RFC 3264 §8.2)";
        }
        if (offer.isTls() && tlsPath == null) {
            return "the offer asks for TCP/TLS/MSRP, which this answerer does not support (RFC 4975 §8.1)";
        }
        if (!offer.isTls() && tcpPath == null) {
            return "the offer asks for TCP/MSRP without TLS, which this answerer does not allow (RFC 4975 §8.1)";
        }
        if (!AttributeValues.overlap(AttributeValues.acceptedTypes(offer.acceptTypes(), offer.acceptWrappedTypes()),
                AttributeValues.acceptedTypes(acceptTypes, acceptWrappedTypes))) {
            return "no accept type in common: the offer accepts " + describeTypes(offer.acceptTypes(),
                    offer.acceptWrappedTypes()) + ", this answerer " + describeTypes(acceptTypes, acceptWrappedTypes)
                    + " (RFC 4975 §8.6, RFC 3264 §6)";
        }
        if (cema && !offer.cema() && !SdpNegotiation.connectionLineMatchesPath(offer)) {
            return "the offer has no a=msrp-cema and its c=/m= address " + offer.connectionAddress() + ":"
                    + offer.port() + " does not match its a=path, so a middlebox without CEMA rewrote it "
                    + "(RFC 6714 §4.3)";
        }
        return null;
    }

    /** One side's accept types for a rejection reason. */
    private static String describeTypes(List<String> types, List<String> wrappedTypes) {
        return wrappedTypes.isEmpty() ? types.toString() : types + " and wrapped " + wrappedTypes;
    }

    /** Builds the answered MSRP media description for an acceptable offer. */
    private MsrpMediaDescription answerMedia(MsrpMediaDescription offer) {
        List<MsrpUri> path = new ArrayList<>(offer.isTls() ? tlsPath : tcpPath);
        boolean relay = path.size() > 1;
        boolean listens = reachable || relay;
        SetupRole answered = switch (SdpNegotiation.offerSetup(offer)) {
            case PASSIVE -> SetupRole.ACTIVE;
            case ACTPASS -> listens ? SetupRole.PASSIVE : SetupRole.ACTIVE;
            default -> SetupRole.PASSIVE;
        };
        boolean offerRelay = offer.path().size() > 1;
        // Fall back to RFC 4975 (no a=msrp-cema) in the three cases of RFC 6714 §4.3, and for an offerer without
        // CEMA behind a relay, whose c=/m= need not name the relay (§4.1, second bullet).
        boolean withCema = cema && !(offerRelay && relay) && !(offerRelay && answered == SetupRole.PASSIVE)
                && !(offerRelay && !offer.cema()) && !(relay && answered == SetupRole.ACTIVE);
        int last = path.size() - 1;
        if (answered == SetupRole.ACTIVE && !relay) {
            path.set(last, Addresses.withPort(path.get(last), 9));
        }
        MsrpUri connectionSource = withCema && relay ? path.get(0) : path.get(last);
        return new MsrpMediaDescription(offer.transport(),
                answered == SetupRole.ACTIVE ? 9 : connectionSource.port(), connectionSource.host(), path,
                acceptTypes, acceptWrappedTypes, maxSize, answered, null,
                offer.isTls() ? fingerprints : List.of(), offer.direction().answer(direction), withCema,
                extraAttributes);
    }

    private SdpAnswer reject(RawSession offer, String reason, RawSession.Origin origin, String previousSdp) {
        List<MsrpUri> path = tcpPath != null ? tcpPath : tlsPath;
        String host = path.get(path.size() - 1).host();
        return SdpAnswer.rejected(render(offer, host, mirrorRejected(offer), origin, previousSdp), reason);
    }

    /** One port-0 m= line for each offered one: media, protocol and formats kept, attributes dropped. */
    private static List<MediaSpec> mirrorRejected(RawSession offer) {
        List<MediaSpec> media = new ArrayList<>();
        for (RawMedia offered : offer.media()) {
            media.add(new MediaSpec(offered.media(), 0, offered.protocol(),
                    offered.formats().isEmpty() ? List.of("*") : offered.formats(), null, List.of()));
        }
        return media;
    }

    /** Writes the answer session; the t= line is the offer's (RFC 3264 §6). */
    private static String render(RawSession offer, String host, List<MediaSpec> media, RawSession.Origin origin,
            String previousSdp) {
        LongFunction<String> text = version -> SdpAdapter.build(new RawSession.Origin(origin.username(),
                origin.sessionId(), version), host, offer.timeStart(), offer.timeStop(), media).toString();
        return previousSdp == null ? text.apply(origin.sessionVersion())
                : LocalChecks.renderUpdate(origin, previousSdp, text);
    }

    /** Describes the local capabilities of an {@link MsrpAnswerer}. Not thread-safe. */
    public static final class Builder {

        private List<MsrpUri> tcpPath;
        private List<MsrpUri> tlsPath;
        private List<Fingerprint> fingerprints = List.of();
        private List<String> acceptTypes;
        private List<String> acceptWrappedTypes = List.of();
        private long maxSize = -1;
        private boolean reachable = true;
        private boolean cema;
        private Direction direction = Direction.SENDRECV;
        private List<SdpAttribute> extraAttributes = List.of();
        private String username = "-";
        private SdpNegotiation negotiation = SdpNegotiation.defaults();

        private Builder() {
        }

        /**
         * Enables {@code TCP/MSRP} with this local path (relays, then the own URI, RFC 4975 §8.2). At least one of
         * this and {@link #tlsPath(List)} is required. The own URI should be new for every session (§8.2): build a
         * new answerer, or use one per session-id.
         *
         * @param path one or more {@code msrp} URIs (the last one must be {@code msrp}), each with a port above 0
         * @return this builder
         * @throws NullPointerException     if {@code path} or an element is {@code null}
         * @throws IllegalArgumentException if {@code path} is empty or a URI has no port or port 0
         */
        public Builder tcpPath(List<MsrpUri> path) {
            this.tcpPath = LocalChecks.path(path, "tcpPath");
            return this;
        }

        /**
         * Enables {@code TCP/TLS/MSRP} with this local path. At least one of this and {@link #tcpPath(List)} is
         * required.
         *
         * @param path one or more URIs, the last one {@code msrps}, each with a port above 0
         * @return this builder
         * @throws NullPointerException     if {@code path} or an element is {@code null}
         * @throws IllegalArgumentException if {@code path} is empty or a URI has no port or port 0
         */
        public Builder tlsPath(List<MsrpUri> path) {
            this.tlsPath = LocalChecks.path(path, "tlsPath");
            return this;
        }

        /**
         * Sets the fingerprints written into TLS answers (RFC 8122 §5, RFC 4975 §14.4). Default: none.
         *
         * @param fingerprints the fingerprints, in order
         * @return this builder
         * @throws NullPointerException     if {@code fingerprints} or an element is {@code null}
         * @throws IllegalArgumentException if one uses {@code md5} or {@code md2} (RFC 8122 §5)
         */
        public Builder fingerprints(List<Fingerprint> fingerprints) {
            this.fingerprints = LocalChecks.fingerprints(fingerprints);
            return this;
        }

        /**
         * Sets the types the local endpoint accepts (RFC 4975 §8.6). Required.
         *
         * @param types one or more entries: {@code *}, {@code type/*} or {@code type/subtype}
         * @return this builder
         * @throws NullPointerException     if {@code types} is {@code null}
         * @throws IllegalArgumentException if {@code types} is empty or an entry is malformed
         */
        public Builder acceptTypes(List<String> types) {
            this.acceptTypes = LocalChecks.formatList(types, "acceptTypes", true);
            return this;
        }

        /**
         * Sets the types accepted only inside a container type (RFC 4975 §8.6). Default: none.
         *
         * @param types entries as for {@link #acceptTypes(List)}
         * @return this builder
         * @throws NullPointerException     if {@code types} is {@code null}
         * @throws IllegalArgumentException if an entry is malformed
         */
        public Builder acceptWrappedTypes(List<String> types) {
            this.acceptWrappedTypes = LocalChecks.formatList(types, "acceptWrappedTypes", false);
            return this;
        }

        /**
         * Sets {@code a=max-size} (RFC 4975 §8.6). Default: none.
         *
         * @param octets the largest message the local endpoint wishes to receive
         * @return this builder
         * @throws IllegalArgumentException if {@code octets} is negative
         */
        public Builder maxSize(long octets) {
            this.maxSize = LocalChecks.maxSize(octets);
            return this;
        }

        /**
         * Says whether peers can connect to the host and port of the own path URI (RFC 6135 §4.2.2). It decides
         * the answer to {@code actpass}: {@code passive} when reachable, {@code active} otherwise. Default:
         * {@code true}.
         *
         * @param reachable whether the local endpoint accepts connections
         * @return this builder
         */
        public Builder reachable(boolean reachable) {
            this.reachable = reachable;
            return this;
        }

        /**
         * Turns CEMA on (RFC 6714 §4.3): answers carry {@code a=msrp-cema} unless the fall-back rules apply, offers
         * whose c=/m= was rewritten without CEMA are rejected, and an active answerer dials the c=/m= of an offer
         * that carries {@code a=msrp-cema} too.
         * Default: {@code false}.
         *
         * @param cema whether to support CEMA
         * @return this builder
         */
        public Builder cema(boolean cema) {
            this.cema = cema;
            return this;
        }

        /**
         * Sets the direction the local endpoint wants (RFC 4975 §8.9); the answer narrows the offered direction by it
         * (RFC 3264 §6.1). Default: {@link Direction#SENDRECV}.
         *
         * @param direction the wanted direction, from the local point of view
         * @return this builder
         * @throws NullPointerException if {@code direction} is {@code null}
         */
        public Builder direction(Direction direction) {
            this.direction = Objects.requireNonNull(direction, "direction");
            return this;
        }

        /**
         * Sets further media-level attributes written into accepting answers, such as RFC 5547's
         * {@code a=file-selector}. Default: none.
         *
         * @param attributes the attributes, in order
         * @return this builder
         * @throws NullPointerException     if {@code attributes} or an element is {@code null}
         * @throws IllegalArgumentException if one is an attribute the answerer writes itself, or
         *                                  {@code connection} (RFC 6135 §4.4)
         */
        public Builder attributes(List<SdpAttribute> attributes) {
            this.extraAttributes = LocalChecks.extraAttributes(attributes);
            return this;
        }

        /**
         * Sets the o= username of new answers (RFC 8866 §5.2); the session id is random and the version 1. Default:
         * {@code -}.
         *
         * @param username the username, without spaces
         * @return this builder
         * @throws NullPointerException     if {@code username} is {@code null}
         * @throws IllegalArgumentException if it is empty or holds spaces or controls
         */
        public Builder username(String username) {
            this.username = LocalChecks.username(username);
            return this;
        }

        /**
         * Sets how outcomes are settled, which chooses the dial address policy. Default:
         * {@link SdpNegotiation#defaults()}.
         *
         * @param negotiation the negotiation
         * @return this builder
         * @throws NullPointerException if {@code negotiation} is {@code null}
         */
        public Builder negotiation(SdpNegotiation negotiation) {
            this.negotiation = Objects.requireNonNull(negotiation, "negotiation");
            return this;
        }

        /**
         * Builds the answerer.
         *
         * @return the answerer
         * @throws IllegalStateException if neither path is set, the accept types are not set, an own URI's scheme does
         *                               not match its transport ({@code msrp} for TCP, {@code msrps} for TLS), or
         *                               fingerprints are set without a TLS path
         */
        public MsrpAnswerer build() {
            if (tcpPath == null && tlsPath == null) {
                throw new IllegalStateException("tcpPath or tlsPath is required (RFC 4975 §8.2)");
            }
            if (acceptTypes == null) {
                throw new IllegalStateException("acceptTypes is required (RFC 4975 §8.6)");
            }
            if (tcpPath != null) {
                LocalChecks.pathScheme(tcpPath, false, "tcpPath");
            }
            if (tlsPath != null) {
                LocalChecks.pathScheme(tlsPath, true, "tlsPath");
            }
            if (!fingerprints.isEmpty() && tlsPath == null) {
                throw new IllegalStateException("Fingerprints need a tlsPath (RFC 8122 §5, RFC 4975 §14.4)");
            }
            return new MsrpAnswerer(this);
        }
    }
}
