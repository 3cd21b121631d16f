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

    /**
     * Returns the To-Path for requests to a peer (RFC 4976 §5.1): this grant's {@code Use-Path}, then the URIs of the
     * peer's SDP {@code a=path}.
     *
     * @param peerPath the peer's path, first hop first
     * @return the path to set with {@link org.parley.msrp.core.MsrpSession#remotePath(List)}
     */
    public List<MsrpUri> toPathTo(List<MsrpUri> peerPath) {
        List<MsrpUri> path = new java.util.ArrayList<>(usePath);
        path.addAll(peerPath);
        return List.copyOf(path);
    }

    /**
     * Returns the path for this side's SDP {@code a=path} (RFC 4976 §5.1): this grant's {@code Use-Path} reversed, then
     * the session's own URI.
     *
     * @param own the session's URI
     * @return the path, first hop (from the peer) first
     */
    public List<MsrpUri> sdpPath(MsrpUri own) {
        List<MsrpUri> path = new java.util.ArrayList<>(usePath);
        java.util.Collections.reverse(path);
        path.add(Objects.requireNonNull(own, "own"));
        return List.copyOf(path);
    }
}
