package org.parley.msrp.core.relay;

import org.parley.msrp.core.codec.MsrpUri;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a relay granted in the 200 to an AUTH (RFC 4976 §5.1): the {@code Use-Path} for this session and how long it
 * is valid.
 *
 * @param usePath the URIs of the {@code Use-Path} header, first hop first: put ahead of the peer's path in To-Path,
 *     and, reversed, ahead of the own URI in the SDP {@code a=path}
 * @param expires how long the grant is valid ({@code Expires}); {@link Duration#ZERO} when the relay gave none
 * @param grantedAt when the 200 arrived, so that a refresh can be scheduled before the grant runs out
 */
public record RelayGrant(List<MsrpUri> usePath, Duration expires, Instant grantedAt) {

    /**
     * Checks and copies the values.
     *
     * @param usePath the URIs of the {@code Use-Path} header
     * @param expires how long the grant is valid
     * @param grantedAt when it was granted
     */
    public RelayGrant {
        usePath = List.copyOf(usePath);
        Objects.requireNonNull(expires, "expires");
        Objects.requireNonNull(grantedAt, "grantedAt");
        if (usePath.isEmpty()) {
            throw new IllegalArgumentException("a relay grant needs a Use-Path (RFC 4976 §5.1)");
        }
    }
}
