package org.parley.msrp.examples.cli;

import org.parley.msrp.sdp.MsrpMediaDescription;
import org.parley.msrp.sdp.SetupRole;
import org.parley.msrp.sdp.SdpNegotiationException;
import picocli.CommandLine.Option;

/**
 * The {@code --setup} option of a command that offers: which {@code a=setup} (RFC 4145 §4) the offer carries, and so
 * which side may open the MSRP connection. A mixin, for every offering command.
 *
 * <p>{@code actpass} and {@code active} are the offers RFC 6135 §4.2.1 describes, and the endpoint makes them itself.
 * {@code passive} is not among them; it is here to test a peer's active role. The endpoint makes an {@code actpass}
 * offer, which this class turns into {@code passive} before it leaves: a {@code passive} offer must be answered
 * {@code active}, and that answer to the endpoint's own {@code actpass} offer has the same outcome (this side
 * waits for the connection), so the endpoint's negotiation stays consistent.
 */
public final class OfferSetup {

    /** The offer's {@code a=setup}. */
    enum Role {
        /** Either side may connect; the answerer decides (RFC 6135 §4.2.1). */
        ACTPASS,
        /** This side connects: for an offerer that cannot accept connections. */
        ACTIVE,
        /** The answerer must connect. */
        PASSIVE
    }

    @Option(names = "--setup", paramLabel = "ROLE", defaultValue = "actpass",
            description = "The offer's a=setup (RFC 4145): actpass (the answerer chooses), active (this side"
                    + " connects), passive (the answerer must connect). Default: ${DEFAULT-VALUE}.")
    private Role role;

    /**
     * Tells whether the endpoint is to make itself reachable.
     *
     * @return false for {@code active}
     */
    boolean reachable() {
        return role != Role.ACTIVE;
    }

    /**
     * Tells whether the offer is to be {@code passive}, which only an offer this tool writes itself can be.
     *
     * @return whether {@code --setup passive} was given
     */
    boolean isPassive() {
        return role == Role.PASSIVE;
    }

    /**
     * Returns the offer as it is to be sent.
     *
     * @param endpointOffer the endpoint's offer
     * @return the offer with the chosen {@code a=setup}
     */
    String offer(String endpointOffer) {
        if (role != Role.PASSIVE) {
            return endpointOffer;
        }
        if (!endpointOffer.contains("\r\na=setup:actpass\r\n")) {
            throw new IllegalStateException("the endpoint's offer has no a=setup:actpass line to make passive");
        }
        return endpointOffer.replace("\r\na=setup:actpass\r\n", "\r\na=setup:passive\r\n");
    }

    /**
     * Checks the answer against the offer as it was sent; the endpoint checks it against its own.
     *
     * @param answer the peer's answer
     * @throws SdpNegotiationException if a {@code passive} offer was not answered {@code active}
     */
    void checkAnswer(String answer) {
        if (role != Role.PASSIVE) {
            return;
        }
        MsrpMediaDescription media = MsrpMediaDescription.parse(answer);
        if (media.port() != 0 && media.setup().orElse(SetupRole.PASSIVE) != SetupRole.ACTIVE) {
            throw new SdpNegotiationException("the answer to a=setup:passive must be active, not "
                    + media.setup().map(SetupRole::toString).orElse("absent (meaning passive)"), null,
                    "RFC 4145 §4.1");
        }
    }
}
