package org.parley.msrp.core.relay;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A Digest challenge from a {@code WWW-Authenticate} header of a relay's 401 (RFC 4976 §5.1, §9.1; RFC 2617 §3.2.1,
 * RFC 7616 §3.3). Parameter names are read ignoring case; values may be quoted strings with backslash escapes.
 *
 * <p>Immutable and thread-safe.
 */
public final class DigestChallenge {

    private final String realm;
    private final String nonce;
    private final String algorithm;
    private final List<String> qop;
    private final String opaque;
    private final boolean stale;

    private DigestChallenge(String realm, String nonce, String algorithm, List<String> qop, String opaque,
                            boolean stale) {
        this.realm = realm;
        this.nonce = nonce;
        this.algorithm = algorithm;
        this.qop = qop;
        this.opaque = opaque;
        this.stale = stale;
    }

    /**
     * Reads a {@code WWW-Authenticate} header value.
     *
     * @param header the value, such as {@code Digest realm="r", qop="auth", nonce="n"}
     * @return the challenge
     * @throws IllegalArgumentException if it is not a Digest challenge with a realm and a nonce, or cannot be read
     */
    public static DigestChallenge parse(String header) {
        Objects.requireNonNull(header, "header");
        String trimmed = header.trim();
        if (trimmed.length() < 7 || !trimmed.regionMatches(true, 0, "Digest", 0, 6)
                || !Character.isWhitespace(trimmed.charAt(6))) {
            throw new IllegalArgumentException("not a Digest challenge (RFC 4976 §9.1 allows no other): " + header);
        }
        Map<String, String> parameters = parameters(trimmed.substring(7));
        String realm = parameters.get("realm");
        String nonce = parameters.get("nonce");
        if (realm == null || nonce == null) {
            throw new IllegalArgumentException("a Digest challenge needs a realm and a nonce: " + header);
        }
        List<String> qop = new ArrayList<>();
        String qopValue = parameters.get("qop");
        if (qopValue != null) {
            for (String option : qopValue.split(",")) {
                if (!option.isBlank()) {
                    qop.add(option.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        return new DigestChallenge(realm, nonce, parameters.getOrDefault("algorithm", "MD5"), List.copyOf(qop),
                parameters.get("opaque"), "true".equalsIgnoreCase(parameters.get("stale")));
    }

    /** Reads {@code name=value} pairs separated by commas; values are tokens or quoted strings. */
    private static Map<String, String> parameters(String text) {
        Map<String, String> parameters = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (i < n) {
            while (i < n && (text.charAt(i) == ',' || Character.isWhitespace(text.charAt(i)))) {
                i++;
            }
            int nameStart = i;
            while (i < n && text.charAt(i) != '=' && text.charAt(i) != ',') {
                i++;
            }
            String name = text.substring(nameStart, i).trim().toLowerCase(Locale.ROOT);
            if (i >= n || text.charAt(i) != '=') {
                if (!name.isEmpty()) {
                    throw new IllegalArgumentException("Digest parameter without value: " + name);
                }
                continue;
            }
            i++;
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            StringBuilder value = new StringBuilder();
            if (i < n && text.charAt(i) == '"') {
                i++;
                while (i < n && text.charAt(i) != '"') {
                    if (text.charAt(i) == '\\' && i + 1 < n) {
                        i++;
                    }
                    value.append(text.charAt(i++));
                }
                if (i >= n) {
                    throw new IllegalArgumentException("unterminated quoted Digest parameter " + name);
                }
                i++;
            } else {
                while (i < n && text.charAt(i) != ',') {
                    value.append(text.charAt(i++));
                }
            }
            parameters.put(name, value.toString().trim());
        }
        return parameters;
    }

    /**
     * Returns the realm.
     *
     * @return the protection space, often the relay's host name
     */
    public String realm() {
        return realm;
    }

    /**
     * Returns the nonce.
     *
     * @return the server's nonce
     */
    public String nonce() {
        return nonce;
    }

    /**
     * Returns the algorithm.
     *
     * @return {@code MD5} when the challenge names none, else as written (for example {@code SHA-256})
     */
    public String algorithm() {
        return algorithm;
    }

    /**
     * Returns the qop options.
     *
     * @return the options in lower case, such as {@code auth}; empty when the challenge has none
     */
    public List<String> qop() {
        return qop;
    }

    /**
     * Returns the opaque value, to be sent back unchanged.
     *
     * @return the value, or empty
     */
    public Optional<String> opaque() {
        return Optional.ofNullable(opaque);
    }

    /**
     * Tells whether the challenge says the previous nonce was stale (the credentials were right).
     *
     * @return the stale flag
     */
    public boolean stale() {
        return stale;
    }
}
