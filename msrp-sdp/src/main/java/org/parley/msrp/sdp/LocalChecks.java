package org.parley.msrp.sdp;

import org.parley.msrp.core.internal.UntrustedText;

import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongFunction;
import org.parley.msrp.core.codec.MsrpUri;
import org.parley.msrp.sdp.internal.AttributeValues;
import org.parley.msrp.sdp.internal.RawSession;

/** Checks of the local values given to {@link MsrpOfferBuilder} and {@link MsrpAnswerer}, and o= line handling. */
final class LocalChecks {

    /** Attributes with typed setters, or that MSRP must not send; not allowed as extra attributes. */
    private static final Set<String> INTERPRETED = Set.of("path", "accept-types", "accept-wrapped-types",
            "max-size", "setup", "connection", "fingerprint", "msrp-cema", "sendrecv", "sendonly", "recvonly",
            "inactive");

    private LocalChecks() {
    }

    static List<MsrpUri> path(List<MsrpUri> path, String what) {
        Objects.requireNonNull(path, what);
        if (path.isEmpty()) {
            throw new IllegalArgumentException(what + " needs at least one MSRP URI (RFC 4975 §8.2)");
        }
        for (MsrpUri uri : path) {
            Objects.requireNonNull(uri, what + " holds null");
            if (uri.port() < 1) {
                throw new IllegalArgumentException("The URI " + uri + " in " + what + " needs an explicit port "
                        + "above 0 (RFC 4975 §8.2)");
            }
        }
        return List.copyOf(path);
    }

    static void pathScheme(List<MsrpUri> path, boolean tls, String what) {
        MsrpUri own = path.get(path.size() - 1);
        if (own.isSecure() != tls) {
            throw new IllegalStateException("The endpoint URI " + own + " in " + what + " must use "
                    + (tls ? "msrps with TLS" : "msrp without TLS") + " (RFC 4975 §6, §8.1)");
        }
    }

    static List<String> formatList(List<String> entries, String what, boolean required) {
        Objects.requireNonNull(entries, what);
        if (required && entries.isEmpty()) {
            throw new IllegalArgumentException(what + " needs at least one entry (RFC 4975 §8.6)");
        }
        entries.forEach(AttributeValues::checkFormatEntry);
        return List.copyOf(entries);
    }

    static long maxSize(long octets) {
        if (octets < 0) {
            throw new IllegalArgumentException("max-size must not be negative: " + octets + " (RFC 4975 §8.6)");
        }
        return octets;
    }

    static List<Fingerprint> fingerprints(List<Fingerprint> fingerprints) {
        Objects.requireNonNull(fingerprints, "fingerprints");
        for (Fingerprint fingerprint : fingerprints) {
            Objects.requireNonNull(fingerprint, "fingerprints holds null");
            if (!fingerprint.isUsable()) {
                throw new IllegalArgumentException("Fingerprints must not be computed with "
                        + fingerprint.hashFunction() + " (RFC 8122 §5)");
            }
        }
        return List.copyOf(fingerprints);
    }

    static List<SdpAttribute> extraAttributes(List<SdpAttribute> attributes) {
        Objects.requireNonNull(attributes, "attributes");
        for (SdpAttribute attribute : attributes) {
            Objects.requireNonNull(attribute, "attributes holds null");
            if (INTERPRETED.contains(attribute.name())) {
                throw new IllegalArgumentException("a=" + attribute.name() + " is not an extra attribute: "
                        + (attribute.name().equals("connection") ? "MSRP never sends it (RFC 6135 §4.4)"
                                : "set it with its own method"));
            }
        }
        return List.copyOf(attributes);
    }

    static String username(String username) {
        Objects.requireNonNull(username, "username");
        if (username.isEmpty() || username.chars().anyMatch(c -> c <= 0x20 || c == 0x7F)) {
            throw new IllegalArgumentException("The o= username must be non-empty without spaces or controls: "
                    + UntrustedText.quote(username) + " (RFC 8866 §5.2)");
        }
        return username;
    }

    /** A new o= line: a random session id below 2^62 and version 1 (RFC 3264 §5). */
    static RawSession.Origin newOrigin(String username) {
        return new RawSession.Origin(username, ThreadLocalRandom.current().nextLong(1, 1L << 62), 1);
    }

    /**
     * Renders an SDP that follows a previous one of this endpoint: unchanged text keeps the version, anything else
     * increments it (RFC 3264 §8, RFC 4975 §8.4).
     */
    static String renderUpdate(RawSession.Origin previousOrigin, String previousSdp,
            LongFunction<String> renderWithVersion) {
        String same = renderWithVersion.apply(previousOrigin.sessionVersion());
        return same.equals(previousSdp) ? same : renderWithVersion.apply(previousOrigin.sessionVersion() + 1);
    }
}
