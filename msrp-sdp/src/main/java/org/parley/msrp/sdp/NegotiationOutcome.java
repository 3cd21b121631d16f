package org.parley.msrp.sdp;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.OptionalLong;
import org.parley.msrp.core.codec.MsrpUri;

/**
 * What an offer/answer exchange settled for the MSRP stream, from the local endpoint's point of view: who connects,
 * where to, which paths identify the two ends, and what may be sent. Made by {@link SdpNegotiation} on either side,
 * and by {@link MsrpAnswerer} through {@link SdpAnswer#outcome()}.
 *
 * <p>How to use it: with {@link ConnectionRole#CONNECT}, open a connection (TLS when {@link #isTls()}) to
 * {@link #dialAddress()}, check the peer's certificate against {@link #remoteFingerprints()} if any, and send a SEND
 * at once with To-Path {@link #remotePath()} and From-Path {@link #localPath()} (RFC 4975 §5.4). With
 * {@link ConnectionRole#ACCEPT}, wait on the local listener for a connection whose first request has To-Path ending
 * in the local URI and From-Path {@link #remotePath()}; that request authenticates the connection (RFC 4975 §5.4,
 * RFC 6135 §4.2.2). Instances are immutable.
 */
public final class NegotiationOutcome {

    private final ConnectionRole role;
    private final InetSocketAddress dialAddress;
    private final List<MsrpUri> localPath;
    private final List<MsrpUri> remotePath;
    private final List<String> remoteAcceptTypes;
    private final List<String> remoteAcceptWrappedTypes;
    private final long remoteMaxSize;
    private final List<Fingerprint> remoteFingerprints;
    private final boolean tls;
    private final boolean cemaInUse;
    private final Direction direction;

    NegotiationOutcome(ConnectionRole role, InetSocketAddress dialAddress, MsrpMediaDescription local,
            MsrpMediaDescription remote, boolean cemaInUse, Direction direction) {
        this.role = role;
        this.dialAddress = dialAddress;
        this.localPath = local.path();
        this.remotePath = remote.path();
        this.remoteAcceptTypes = remote.acceptTypes();
        this.remoteAcceptWrappedTypes = remote.acceptWrappedTypes();
        this.remoteMaxSize = remote.maxSize().orElse(-1);
        this.remoteFingerprints = remote.fingerprints();
        this.tls = local.isTls();
        this.cemaInUse = cemaInUse;
        this.direction = direction;
    }

    /**
     * Returns whether the local endpoint opens the connection or waits for it.
     *
     * @return {@link ConnectionRole#CONNECT} (active) or {@link ConnectionRole#ACCEPT} (passive)
     */
    public ConnectionRole role() {
        return role;
    }

    /**
     * Returns where to connect. By default that is the host and port of the first URI of the peer's {@code a=path}
     * (RFC 4975 §8.3); it is the peer's c= address and m= port instead when CEMA is in use ({@link #cemaInUse()},
     * RFC 6714 §4.2, §4.3) or when {@link DialAddressPolicy#CONNECTION_LINE} was chosen.
     *
     * @return an unresolved address to hand to a connecting bootstrap (a name is resolved there, RFC 4975 §6.2), or
     *         {@code null} when the role is {@link ConnectionRole#ACCEPT}
     */
    public InetSocketAddress dialAddress() {
        return dialAddress;
    }

    /**
     * Returns the local path exactly as the local SDP carried it: its last URI is the From-Path of local requests.
     * It can differ from the path given to the builder: an {@code active} endpoint's own URI carries port 9 (RFC 6135
     * §4.2.2).
     *
     * @return an unmodifiable, non-empty list
     */
    public List<MsrpUri> localPath() {
        return localPath;
    }

    /**
     * Returns the peer's path (RFC 4975 §8.2): the To-Path of requests to the peer, and the From-Path that the
     * first request on an accepted connection must carry to authenticate it (§5.4).
     *
     * @return an unmodifiable, non-empty list; the last URI is the peer's own
     */
    public List<MsrpUri> remotePath() {
        return remotePath;
    }

    /**
     * Returns the types the peer accepts (RFC 4975 §8.6): the local endpoint MUST NOT send a top-level body of any
     * other type. The local endpoint's own accept types are what it configured.
     *
     * @return an unmodifiable, non-empty list of entries such as {@code text/plain}, {@code text/*} or {@code *}
     */
    public List<String> remoteAcceptTypes() {
        return remoteAcceptTypes;
    }

    /**
     * Returns the types the peer accepts only inside a container type from {@link #remoteAcceptTypes()} (RFC 4975
     * §8.6).
     *
     * @return an unmodifiable list; empty if the peer sent no {@code a=accept-wrapped-types}
     */
    public List<String> remoteAcceptWrappedTypes() {
        return remoteAcceptWrappedTypes;
    }

    /**
     * Returns the largest message the peer wishes to receive (RFC 4975 §8.6); senders SHOULD NOT exceed it.
     *
     * @return the size in octets, or empty if the peer sent no {@code a=max-size}
     */
    public OptionalLong remoteMaxSize() {
        return remoteMaxSize < 0 ? OptionalLong.empty() : OptionalLong.of(remoteMaxSize);
    }

    /**
     * Returns the peer's certificate fingerprints (RFC 8122 §5, RFC 4975 §14.4). When TLS is used and this is not
     * empty, the peer's certificate MUST match one of them with the strongest hash function offered, or the session
     * is torn down; {@code md5} and {@code md2} ones must not be used (see {@link Fingerprint#isUsable()}).
     *
     * @return an unmodifiable list; empty if the peer sent none
     */
    public List<Fingerprint> remoteFingerprints() {
        return remoteFingerprints;
    }

    /**
     * Tells whether the connection uses TLS ({@code TCP/TLS/MSRP}, {@code msrps} URIs). The active side is the TLS
     * client (RFC 6135 §6).
     *
     * @return {@code true} for TLS
     */
    public boolean isTls() {
        return tls;
    }

    /**
     * Tells whether the local endpoint follows CEMA (RFC 6714): it signalled {@code a=msrp-cema} and did not fall
     * back to RFC 4975 (§4.1). When it connects, it then dials the peer's c=/m= address. For an offerer this can hold
     * although the peer did not signal CEMA: RFC 6714 §4.2 has an offerer use c=/m= whenever none of its fall-back
     * criteria hold, because a CEMA-aware middlebox that left a non-CEMA answerer passive still anchors the
     * connection. For an answerer it holds only when the offer signalled CEMA too: an offerer without it follows RFC
     * 4975 (§4.1).
     *
     * @return {@code true} if RFC 6714 procedures apply to this session
     */
    public boolean cemaInUse() {
        return cemaInUse;
    }

    /**
     * Returns the negotiated direction of message content (RFC 3264 §6.1, RFC 4975 §8.9) from the local point of
     * view: {@link Direction#SENDONLY} means the local endpoint may send content but the peer may not.
     *
     * @return the direction
     */
    public Direction direction() {
        return direction;
    }

    /**
     * Describes the outcome for logs.
     *
     * @return a one-line summary
     */
    @Override
    public String toString() {
        return "NegotiationOutcome[" + role + (dialAddress == null ? "" : " to " + dialAddress) + ", "
                + (tls ? "TLS" : "TCP") + (cemaInUse ? ", CEMA" : "") + ", " + direction + ", local " + localPath
                + ", remote " + remotePath + ", remote accepts " + remoteAcceptTypes + "]";
    }
}
