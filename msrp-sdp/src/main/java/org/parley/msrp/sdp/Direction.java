package org.parley.msrp.sdp;

import java.util.Optional;

/**
 * An SDP direction attribute (RFC 8866 §6.7) on an MSRP media description. For MSRP it governs only SEND requests
 * that carry regular message content; REPORTs and SENDs with control or reporting payloads such as IMDN ignore it
 * (RFC 4975 §8.9). Without any direction attribute a stream is {@link #SENDRECV} (RFC 3264 §5.1).
 */
public enum Direction {

    /** {@code sendrecv}: content both ways; the default. */
    SENDRECV("sendrecv", true, true),
    /** {@code sendonly}: the describing endpoint only sends content. */
    SENDONLY("sendonly", true, false),
    /** {@code recvonly}: the describing endpoint only receives content. */
    RECVONLY("recvonly", false, true),
    /** {@code inactive}: no content either way for now. */
    INACTIVE("inactive", false, false);

    private final String attributeName;
    private final boolean sends;
    private final boolean receives;

    Direction(String attributeName, boolean sends, boolean receives) {
        this.attributeName = attributeName;
        this.sends = sends;
        this.receives = receives;
    }

    /**
     * Returns the direction for an attribute name.
     *
     * @param attributeName an SDP attribute name such as {@code sendonly}; compared exactly, as RFC 8866 §6.7
     *                      spells them
     * @return the direction, or empty if {@code attributeName} is not a direction attribute (or is {@code null})
     */
    public static Optional<Direction> fromAttributeName(String attributeName) {
        for (Direction direction : values()) {
            if (direction.attributeName.equals(attributeName)) {
                return Optional.of(direction);
            }
        }
        return Optional.empty();
    }

    /**
     * Returns the direction with the given abilities.
     *
     * @param sends    whether content is sent
     * @param receives whether content is received
     * @return {@link #SENDRECV}, {@link #SENDONLY}, {@link #RECVONLY} or {@link #INACTIVE}
     */
    public static Direction of(boolean sends, boolean receives) {
        if (sends) {
            return receives ? SENDRECV : SENDONLY;
        }
        return receives ? RECVONLY : INACTIVE;
    }

    /**
     * Tells whether the endpoint this direction describes sends content.
     *
     * @return {@code true} for {@link #SENDRECV} and {@link #SENDONLY}
     */
    public boolean sends() {
        return sends;
    }

    /**
     * Tells whether the endpoint this direction describes receives content.
     *
     * @return {@code true} for {@link #SENDRECV} and {@link #RECVONLY}
     */
    public boolean receives() {
        return receives;
    }

    /**
     * Returns the same direction seen from the other endpoint: {@code sendonly} becomes {@code recvonly} and back.
     *
     * @return the reversed direction
     */
    public Direction reversed() {
        return of(receives, sends);
    }

    /**
     * Returns the direction an answerer may use, given what was offered and what the answerer wants: RFC 3264 §6.1
     * lets it send only what the offer receives and receive only what the offer sends.
     *
     * @param wanted what the answerer would like, from its own point of view
     * @return this offered direction narrowed by {@code wanted}, from the answerer's point of view
     * @throws NullPointerException if {@code wanted} is {@code null}
     */
    public Direction answer(Direction wanted) {
        return of(wanted.sends && receives, wanted.receives && sends);
    }

    /**
     * Returns the attribute name.
     *
     * @return {@code sendrecv}, {@code sendonly}, {@code recvonly} or {@code inactive}
     */
    @Override
    public String toString() {
        return attributeName;
    }
}
