package org.parley.msrp.core.codec;

import java.security.SecureRandom;

/**
 * Generates and checks the identifiers MSRP puts on the wire: transaction ids, Message-IDs and the session-id part of
 * MSRP URIs.
 *
 * <p>RFC 4975 §9 defines {@code ident = ALPHANUM 3*31ident-char} and
 * {@code ident-char = ALPHANUM / "." / "-" / "+" / "%" / "="}, so an ident has {@value #MIN_IDENT_LENGTH} to
 * {@value #MAX_IDENT_LENGTH} characters. RFC 4975 §14.1 requires the session-id of a URI to carry at least 80 bits
 * of randomness, because the URI is the secret that keeps an attacker from joining the session; §7.1.1 requires a
 * Message-ID to be highly unlikely to repeat. Every generated identifier here is 16 characters drawn uniformly from
 * the 62 ASCII letters and digits by one shared {@link SecureRandom}, which gives 16 × log2(62) ≈ 95.3 bits of
 * randomness. Such a value is a valid {@code ident} and a valid URI {@code session-id}.
 *
 * <p>All methods are static and thread-safe. This class cannot be instantiated.
 */
public final class MsrpIdentifiers {

    /** Shortest {@code ident} RFC 4975 §9 allows: one ALPHANUM followed by at least three ident-chars. */
    public static final int MIN_IDENT_LENGTH = 4;

    /** Longest {@code ident} RFC 4975 §9 allows: one ALPHANUM followed by at most 31 ident-chars. */
    public static final int MAX_IDENT_LENGTH = 32;

    /** Characters of generated identifiers; 62 symbols, so each carries log2(62) ≈ 5.95 bits. */
    private static final String ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

    /** 16 base-62 characters are about 95.3 bits, above the 80 bits RFC 4975 §14.1 demands. */
    private static final int RANDOM_ID_LENGTH = 16;

    /** SecureRandom is thread-safe; one instance avoids reseeding cost on every identifier. */
    private static final SecureRandom RANDOM = new SecureRandom();

    private MsrpIdentifiers() {
    }

    /**
     * Returns a new random transaction id (RFC 4975 §7.1: unique within the sender's transactions).
     *
     * @return 16 random ASCII letters and digits (about 95.3 bits of randomness); a valid {@code ident}
     */
    public static String newTransactionId() {
        return randomAlphaNumeric();
    }

    /**
     * Returns a new random Message-ID (RFC 4975 §7.1.1: highly unlikely to be repeated by any endpoint).
     *
     * @return 16 random ASCII letters and digits (about 95.3 bits of randomness); a valid {@code ident}
     */
    public static String newMessageId() {
        return randomAlphaNumeric();
    }

    /**
     * Returns a new random session-id for a local MSRP URI (RFC 4975 §14.1: at least 80 bits of randomness).
     *
     * @return 16 random ASCII letters and digits (about 95.3 bits of randomness); a valid {@code session-id}
     */
    public static String newSessionId() {
        return randomAlphaNumeric();
    }

    /**
     * Tells whether a character is an {@code ident-char} of RFC 4975 §9: an ASCII letter or digit, or one of
     * {@code . - + % =}.
     *
     * @param c a UTF-16 code unit or code point; any value is accepted
     * @return {@code true} if {@code c} is an ident-char
     */
    public static boolean isIdentChar(int c) {
        return isAlphaNum(c) || c == '.' || c == '-' || c == '+' || c == '%' || c == '=';
    }

    /**
     * Tells whether a character is {@code ALPHANUM} (RFC 4975 §9: ALPHA / DIGIT of RFC 4234, i.e. ASCII only).
     *
     * @param c a UTF-16 code unit or code point; any value is accepted
     * @return {@code true} if {@code c} is {@code A-Z}, {@code a-z} or {@code 0-9}
     */
    public static boolean isAlphaNum(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }

    /**
     * Tells whether text is an {@code ident} (RFC 4975 §9) whose length lies within the given bounds: the first
     * character is ALPHANUM and every other character an ident-char. Use {@link #MIN_IDENT_LENGTH} and
     * {@link #MAX_IDENT_LENGTH} for the exact RFC rule; a smaller minimum lets a receiver accept the short ids some
     * peers send.
     *
     * @param s         the text to check; {@code null} is not an ident
     * @param minLength the smallest accepted length, at least 1
     * @param maxLength the largest accepted length, at least {@code minLength}
     * @return {@code true} if {@code s} is an ident of {@code minLength} to {@code maxLength} characters
     * @throws IllegalArgumentException if {@code minLength < 1} or {@code maxLength < minLength}
     */
    public static boolean isIdent(CharSequence s, int minLength, int maxLength) {
        if (minLength < 1 || maxLength < minLength) {
            throw new IllegalArgumentException(
                    "Invalid ident length bounds " + minLength + ".." + maxLength + ": need 1 <= min <= max");
        }
        if (s == null || s.length() < minLength || s.length() > maxLength || !isAlphaNum(s.charAt(0))) {
            return false;
        }
        for (int i = 1; i < s.length(); i++) {
            if (!isIdentChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Tells whether a character is a {@code token} character of RFC 4975 §9 (%x21 / %x23-27 / %x2A-2B / %x2D-2E /
     * %x30-39 / %x41-5A / %x5E-7E): visible ASCII other than the separators {@code " ( ) , / : ; < = > ? @ [ \ ]}.
     */
    static boolean isTokenChar(int c) {
        return c == 0x21 || (c >= 0x23 && c <= 0x27) || c == 0x2A || c == 0x2B || c == 0x2D || c == 0x2E
                || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5A) || (c >= 0x5E && c <= 0x7E);
    }

    /** Tells whether text is a non-empty {@code token} (RFC 4975 §9). */
    static boolean isToken(CharSequence s) {
        if (s.length() == 0) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (!isTokenChar(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Lower-cases ASCII letters only. MSRP tokens are ASCII, and String.toLowerCase would map some non-ASCII
     * characters (such as the Kelvin sign) onto ASCII letters and so accept text the grammar forbids.
     */
    static String toLowerAscii(String s) {
        char[] chars = s.toCharArray();
        for (int i = 0; i < chars.length; i++) {
            if (chars[i] >= 'A' && chars[i] <= 'Z') {
                chars[i] = (char) (chars[i] + ('a' - 'A'));
            }
        }
        return new String(chars);
    }

    private static String randomAlphaNumeric() {
        char[] out = new char[RANDOM_ID_LENGTH];
        byte[] buffer = new byte[RANDOM_ID_LENGTH + 8];
        int filled = 0;
        while (filled < RANDOM_ID_LENGTH) {
            RANDOM.nextBytes(buffer);
            for (int i = 0; i < buffer.length && filled < RANDOM_ID_LENGTH; i++) {
                // Six random bits give 0..63; rejecting 62 and 63 keeps every alphabet symbol equally likely.
                int v = buffer[i] & 0x3F;
                if (v < ALPHABET.length()) {
                    out[filled++] = ALPHABET.charAt(v);
                }
            }
        }
        return new String(out);
    }
}
