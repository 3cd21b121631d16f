package org.parley.msrp.core.relay;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;

/**
 * A user name and password for a relay, and the Digest responses made with them (RFC 4976 §9.1 on RFC 2617 §3.2.2,
 * with SHA-256 from RFC 7616 when a relay offers it). MSRP always uses {@code qop=auth} with a client nonce and a
 * nonce count, never Basic, never {@code auth-int} or a {@code -sess} algorithm.
 *
 * <p>Immutable and thread-safe. {@link #toString()} does not show the password.
 */
public final class DigestCredentials {

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final HexFormat HEX = HexFormat.of();

    private final String username;
    private final String password;

    /**
     * Creates credentials.
     *
     * @param username the user name
     * @param password the password
     */
    public DigestCredentials(String username, String password) {
        this.username = Objects.requireNonNull(username, "username");
        this.password = Objects.requireNonNull(password, "password");
    }

    /**
     * Returns the user name.
     *
     * @return the name
     */
    public String username() {
        return username;
    }

    /**
     * Answers a challenge with a new client nonce.
     *
     * @param challenge the relay's challenge
     * @param method the MSRP method, {@code AUTH}
     * @param uri the request-URI: the rightmost URI of the To-Path (RFC 4976 §9.1)
     * @param nonceCount how many requests used this nonce, this one included (1 for the first)
     * @return the {@code Authorization} header value
     * @throws IllegalArgumentException if the challenge asks for what MSRP does not allow (no {@code auth} qop, an
     *     unknown or {@code -sess} algorithm)
     */
    public String authorize(DigestChallenge challenge, String method, String uri, int nonceCount) {
        byte[] cnonce = new byte[12];
        RANDOM.nextBytes(cnonce);
        return authorize(challenge, method, uri, nonceCount, HEX.formatHex(cnonce));
    }

    /**
     * Answers a challenge with a given client nonce (for tests against published vectors).
     *
     * @param challenge the relay's challenge
     * @param method the MSRP method, {@code AUTH}
     * @param uri the request-URI: the rightmost URI of the To-Path (RFC 4976 §9.1)
     * @param nonceCount how many requests used this nonce, this one included
     * @param cnonce the client nonce
     * @return the {@code Authorization} header value
     * @throws IllegalArgumentException as {@link #authorize(DigestChallenge, String, String, int)}
     */
    public String authorize(DigestChallenge challenge, String method, String uri, int nonceCount, String cnonce) {
        if (!challenge.qop().contains("auth")) {
            throw new IllegalArgumentException("the relay's challenge offers no qop=auth (RFC 4976 §9.1 requires it): "
                    + challenge.qop());
        }
        String hash = hashAlgorithm(challenge.algorithm());
        String nc = String.format(Locale.ROOT, "%08x", nonceCount);
        String ha1 = digest(hash, username + ":" + challenge.realm() + ":" + password);
        String ha2 = digest(hash, method + ":" + uri);
        String response = digest(hash, ha1 + ":" + challenge.nonce() + ":" + nc + ":" + cnonce + ":auth:" + ha2);
        StringBuilder header = new StringBuilder("Digest username=").append(quote(username))
                .append(", realm=").append(quote(challenge.realm()))
                .append(", nonce=").append(quote(challenge.nonce()))
                .append(", uri=").append(quote(uri))
                .append(", qop=auth, nc=").append(nc)
                .append(", cnonce=").append(quote(cnonce))
                .append(", response=").append(quote(response));
        if (!challenge.algorithm().equalsIgnoreCase("MD5")) {
            header.append(", algorithm=").append(challenge.algorithm());
        }
        challenge.opaque().ifPresent(opaque -> header.append(", opaque=").append(quote(opaque)));
        return header.toString();
    }

    /** The JDK name of a Digest algorithm MSRP may use. */
    private static String hashAlgorithm(String algorithm) {
        switch (algorithm.toUpperCase(Locale.ROOT)) {
            case "MD5":
                return "MD5";
            case "SHA-256":
                return "SHA-256";
            default:
                // RFC 4976 §9.1 forbids MD5-sess; other algorithms are not known here.
                throw new IllegalArgumentException("unsupported Digest algorithm " + algorithm);
        }
    }

    private static String digest(String algorithm, String text) {
        try {
            return HEX.formatHex(MessageDigest.getInstance(algorithm).digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no " + algorithm, e);
        }
    }

    private static String quote(String value) {
        return '"' + value.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    @Override
    public String toString() {
        return "DigestCredentials[" + username + "]";
    }
}
