package org.parley.msrp.sdp;

import java.net.InetSocketAddress;
import java.util.Objects;
import java.util.Optional;
import org.parley.msrp.core.codec.MsrpUri;
import org.parley.msrp.sdp.internal.Addresses;

/**
 * Settles an MSRP offer/answer exchange into a {@link NegotiationOutcome}, on the offerer's side once the answer has
 * arrived ({@link #offererOutcome}) or on the answerer's side once it has answered ({@link #answererOutcome}).
 *
 * <p><b>Who connects</b> follows COMEDIA as RFC 6135 §4.2 uses it. A {@code holdconn} counts as no {@code a=setup}
 * (§4.2.1); a missing {@code a=setup} means {@code active} in an offer and {@code passive} in an answer (RFC 4145
 * §4.1), which is also how a peer that only knows RFC 4975 behaves: the offerer connects (RFC 6135 §5). The answer
 * must fit the offer by the table of RFC 4145 §4.1, otherwise the exchange fails. {@code a=connection} is ignored
 * (RFC 6135 §4.4).
 *
 * <p><b>Where to connect</b>: the first URI of the peer's {@code a=path} (RFC 4975 §8.3), unless CEMA applies
 * (RFC 6714 §4.2, §4.3) or {@link DialAddressPolicy#CONNECTION_LINE} is chosen, in which case the peer's c= address
 * and m= port. For CEMA, the c=/m= address "matches" an {@code a=path} URI when the hosts may be the same and the
 * ports are equal. No DNS lookup is made (RFC 6714 §4.4 would resolve names): two IP addresses compare as
 * addresses, two names as text ignoring case, and a name and an IP address cannot be told apart, so they count as
 * the same host: c=/m= is then taken as not rewritten unless the port differs. The port is not compared for a peer
 * that says {@code a=setup:active}, whose m= port RFC 4145 §4.1 makes irrelevant.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class SdpNegotiation {

    private static final SdpNegotiation DEFAULTS = new SdpNegotiation(DialAddressPolicy.PATH);

    private final DialAddressPolicy dialAddressPolicy;

    private SdpNegotiation(DialAddressPolicy dialAddressPolicy) {
        this.dialAddressPolicy = dialAddressPolicy;
    }

    /**
     * Returns the default negotiation: the active side dials the peer's {@code a=path} unless CEMA applies.
     *
     * @return the shared default instance
     */
    public static SdpNegotiation defaults() {
        return DEFAULTS;
    }

    /**
     * Returns a negotiation that picks the dial address by another policy when CEMA does not apply.
     *
     * @param policy {@link DialAddressPolicy#PATH} (the default) or {@link DialAddressPolicy#CONNECTION_LINE}
     * @return the negotiation
     * @throws NullPointerException if {@code policy} is {@code null}
     */
    public SdpNegotiation withDialAddressPolicy(DialAddressPolicy policy) {
        return new SdpNegotiation(Objects.requireNonNull(policy, "policy"));
    }

    /**
     * Returns the dial address policy.
     *
     * @return the policy used when CEMA does not apply
     */
    public DialAddressPolicy dialAddressPolicy() {
        return dialAddressPolicy;
    }

    /**
     * Settles the exchange on the offerer's side. A new answer is always used as it is, including its path, which
     * can differ from the peer's previous one in a re-offer (RFC 4975 §8.4).
     *
     * @param localOffer   the offer this endpoint sent
     * @param remoteAnswer the answer it received
     * @return the outcome
     * @throws NullPointerException          if an argument is {@code null}
     * @throws CemaFallbackRequiredException if the offer signalled {@code a=msrp-cema} and RFC 6714 §4.2 requires a
     *                                       new offer without it
     * @throws SdpNegotiationException       if the offer or the answer has port 0 (a disabled or rejected stream,
     *                                       RFC 3264 §6), the answer changes the transport, its {@code a=setup} does
     *                                       not fit the offer's (RFC 4145 §4.1), or the dial target has port 0
     */
    public NegotiationOutcome offererOutcome(MsrpMediaDescription localOffer, MsrpMediaDescription remoteAnswer) {
        Objects.requireNonNull(localOffer, "localOffer");
        Objects.requireNonNull(remoteAnswer, "remoteAnswer");
        checkUsable(localOffer, remoteAnswer);
        SetupRole offered = offerSetup(localOffer);
        SetupRole answered = answerSetup(remoteAnswer, offered);
        ConnectionRole role = answered == SetupRole.ACTIVE ? ConnectionRole.ACCEPT : ConnectionRole.CONNECT;
        boolean cemaInUse = localOffer.cema() && offererKeepsCema(localOffer, remoteAnswer, role);
        return outcome(role, localOffer, remoteAnswer, cemaInUse);
    }

    /**
     * Parses both descriptions strictly ({@link MsrpMediaDescription#parse(String)}) and settles the exchange on the
     * offerer's side, as {@link #offererOutcome(MsrpMediaDescription, MsrpMediaDescription)} does.
     *
     * @param localOfferSdp   the offer this endpoint sent
     * @param remoteAnswerSdp the answer it received
     * @return the outcome
     * @throws SdpNegotiationException as the two methods named above do
     */
    public NegotiationOutcome offererOutcome(String localOfferSdp, String remoteAnswerSdp) {
        return offererOutcome(MsrpMediaDescription.parse(localOfferSdp), MsrpMediaDescription.parse(remoteAnswerSdp));
    }

    /**
     * Settles the exchange on the answerer's side, from the offer received and the answer sent (for example one made
     * by {@link MsrpAnswerer}, which calls this for {@link SdpAnswer#outcome()}). CEMA is in use when both the offer
     * and the answer carry {@code a=msrp-cema} (RFC 6714 §4.3). An offerer without it expects RFC 4975 behaviour
     * (§4.1): its c=/m= need not name its relay, so an active answerer dials the first URI of its {@code a=path}.
     *
     * @param remoteOffer the offer received
     * @param localAnswer the answer this endpoint sent
     * @return the outcome
     * @throws NullPointerException    if an argument is {@code null}
     * @throws SdpNegotiationException if the offer or the answer has port 0, the transports differ, the answer's
     *                                 {@code a=setup} does not fit the offer's (RFC 4145 §4.1), or the dial target
     *                                 has port 0
     */
    public NegotiationOutcome answererOutcome(MsrpMediaDescription remoteOffer, MsrpMediaDescription localAnswer) {
        Objects.requireNonNull(remoteOffer, "remoteOffer");
        Objects.requireNonNull(localAnswer, "localAnswer");
        checkUsable(remoteOffer, localAnswer);
        SetupRole offered = offerSetup(remoteOffer);
        SetupRole answered = answerSetup(localAnswer, offered);
        return outcome(answered.connectionRole(), localAnswer, remoteOffer, remoteOffer.cema() && localAnswer.cema());
    }

    /** The offer's role for negotiation: holdconn is ignored (RFC 6135 §4.2.1), absent means active (RFC 4145). */
    static SetupRole offerSetup(MsrpMediaDescription offer) {
        return effective(offer.setup()).orElse(SetupRole.ACTIVE);
    }

    /**
     * Tells whether a description's c=/m= address matches one of its {@code a=path} URIs (RFC 6714 §4.4), as the
     * class description says. The port of an endpoint that says {@code a=setup:active} is not compared: RFC 4145 §4.1
     * makes it irrelevant, and RFC 6135 §4.2.2 lets it be 9. Without {@code a=setup} (an RFC 4975 peer) or with
     * {@code holdconn}, it is compared.
     */
    static boolean connectionLineMatchesPath(MsrpMediaDescription description) {
        boolean active = description.setup().orElse(null) == SetupRole.ACTIVE;
        for (MsrpUri uri : description.path()) {
            if (Addresses.mayBeSameHost(description.connectionAddress(), uri.host())
                    && (active || description.port() == uri.port())) {
                return true;
            }
        }
        return false;
    }

    private static Optional<SetupRole> effective(Optional<SetupRole> setup) {
        return setup.filter(role -> role != SetupRole.HOLDCONN);
    }

    private static void checkUsable(MsrpMediaDescription offer, MsrpMediaDescription answer) {
        if (offer.isRejected()) {
            throw new SdpNegotiationException("the offer disables the MSRP stream with port 0", offer.mediaLine(),
                    "RFC 3264 §8.2");
        }
        if (answer.isRejected()) {
            throw new SdpNegotiationException("the answer rejects the MSRP stream with port 0", answer.mediaLine(),
                    "RFC 3264 §6");
        }
        if (offer.transport() != answer.transport()) {
            throw new SdpNegotiationException("the answer's transport " + answer.transport()
                    + " differs from the offered " + offer.transport(), answer.mediaLine(),
                    "RFC 3264 §6 and RFC 4975 §8.1");
        }
    }

    /** The answer's role: absent means passive (RFC 4145 §4.1; an RFC 4975 answerer listens, RFC 6135 §5). */
    private static SetupRole answerSetup(MsrpMediaDescription answer, SetupRole offered) {
        SetupRole answered = effective(answer.setup()).orElse(SetupRole.PASSIVE);
        if (!answered.canAnswer(offered)) {
            throw new SdpNegotiationException("a=setup:" + answered + (answer.setup().isPresent() ? "" : " (implied)")
                    + " in the answer does not fit a=setup:" + offered + " in the offer",
                    answer.setup().isPresent() ? "a=setup:" + answer.setup().get() : answer.mediaLine(),
                    "RFC 4145 §4.1");
        }
        return answered;
    }

    /**
     * Applies RFC 6714 §4.2 to an answer, for an offer that signalled CEMA: throws when a new offer without CEMA is
     * required, returns false when the offerer falls back to RFC 4975 without one, true when CEMA applies.
     */
    private static boolean offererKeepsCema(MsrpMediaDescription offer, MsrpMediaDescription answer,
            ConnectionRole role) {
        if (answer.cema()) {
            return true;
        }
        boolean rewritten = !connectionLineMatchesPath(answer);
        boolean localRelay = offer.path().size() > 1;
        boolean remoteRelay = answer.path().size() > 1;
        String why = "the answer has no a=msrp-cema and its c=/m= address does not match its a=path, ";
        if (rewritten && role == ConnectionRole.ACCEPT) {
            throw new CemaFallbackRequiredException(why + "and the offerer would be passive: send a new offer "
                    + "without a=msrp-cema", answer.mediaLine(), "RFC 6714 §4.2, first criterion");
        }
        if (rewritten && localRelay) {
            throw new CemaFallbackRequiredException(why + "and the offerer uses a relay and would be active: send a "
                    + "new offer without a=msrp-cema", answer.mediaLine(), "RFC 6714 §4.2, second criterion");
        }
        if (rewritten && remoteRelay) {
            throw new CemaFallbackRequiredException(why + "and the answerer uses a relay while the offerer would be "
                    + "active: send a new offer without a=msrp-cema", answer.mediaLine(),
                    "RFC 6714 §4.2, third criterion");
        }
        // An answerer relay whose address is in c=/m= means no middlebox: RFC 4975 behaviour, no new offer.
        return !remoteRelay;
    }

    private NegotiationOutcome outcome(ConnectionRole role, MsrpMediaDescription local, MsrpMediaDescription remote,
            boolean cemaInUse) {
        InetSocketAddress dial = null;
        if (role == ConnectionRole.CONNECT) {
            if (cemaInUse || dialAddressPolicy == DialAddressPolicy.CONNECTION_LINE) {
                dial = InetSocketAddress.createUnresolved(remote.connectionAddress(), remote.port());
            } else {
                MsrpUri firstHop = remote.path().get(0);
                if (firstHop.port() == 0) {
                    throw new SdpNegotiationException("the peer's first a=path URI has port 0, nothing to connect "
                            + "to", "a=path:" + firstHop, "RFC 4975 §8.2");
                }
                dial = firstHop.toUnresolvedSocketAddress();
            }
        }
        Direction direction = Direction.of(local.direction().sends() && remote.direction().receives(),
                local.direction().receives() && remote.direction().sends());
        return new NegotiationOutcome(role, dial, local, remote, cemaInUse, direction);
    }
}
