package org.parley.msrp.sdp;

import org.parley.msrp.core.internal.UntrustedText;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.parley.msrp.sdp.internal.AttributeValues;

/**
 * A certificate fingerprint from an {@code a=fingerprint} attribute (RFC 8122 §5, which RFC 4975 §14.4 uses through
 * its predecessor RFC 4572): {@code hash-func SP fingerprint}, for example
 * {@code sha-256 4A:AD:B9:...}, where the fingerprint is the hash of the certificate's DER form as two-digit hex
 * bytes separated by colons.
 *
 * <p>The hash function name is kept in lower case, because RFC 8122 defines the names as ABNF strings, which ignore
 * case ({@code SHA-1} and {@code sha-1} are the same). The names {@code sha-1}, {@code sha-224}, {@code sha-256},
 * {@code sha-384}, {@code sha-512}, {@code md5} and {@code md2} must come with the number of bytes their hash has;
 * other tokens are kept as future hash functions, with any number of bytes. RFC 8122 §5 forbids computing or
 * verifying fingerprints with {@code md5} and {@code md2}: they are recognised when received, refused when sending.
 *
 * <p>Parsing accepts hex digits in either case (RFC 8122 asks senders for upper case); formatting always writes
 * upper case. {@link #equals(Object)} compares the hash function and the bytes. Instances are immutable.
 */
public final class Fingerprint {

    /** Byte counts of the hash functions RFC 8122 §5 names. */
    private static final Map<String, Integer> HASH_LENGTHS = Map.of("sha-1", 20, "sha-224", 28, "sha-256", 32,
            "sha-384", 48, "sha-512", 64, "md5", 16, "md2", 16);

    private final String hashFunction;
    private final byte[] value;

    private Fingerprint(String hashFunction, byte[] value) {
        this.hashFunction = hashFunction;
        this.value = value;
    }

    /**
     * Parses the value of an {@code a=fingerprint} attribute.
     *
     * @param attributeValue the text after {@code a=fingerprint:}, e.g. {@code SHA-1 4A:AD:B9:...:7C:AB}
     * @return the fingerprint
     * @throws SdpNegotiationException naming the line {@code a=fingerprint:...} and RFC 8122 §5 if the value is
     *                                 {@code null}, has no single space between the two parts, the hash function is
     *                                 not a token, a byte is not two hex digits, bytes are not separated by single
     *                                 colons, or a known hash function has the wrong number of bytes
     */
    public static Fingerprint parse(String attributeValue) {
        String line = attributeValue == null ? "a=fingerprint" : "a=fingerprint:" + attributeValue;
        if (attributeValue == null) {
            throw bad("a=fingerprint has no value", line);
        }
        int space = attributeValue.indexOf(' ');
        if (space <= 0) {
            throw bad("a=fingerprint needs a hash function, one space and the fingerprint", line);
        }
        String name = attributeValue.substring(0, space);
        if (!AttributeValues.isToken(name)) {
            throw bad("the hash function " + UntrustedText.quote(name) + " is not a token", line);
        }
        byte[] bytes = parseHexPairs(attributeValue.substring(space + 1), line);
        String hash = name.toLowerCase(Locale.ROOT);
        checkLength(hash, bytes.length, line);
        return new Fingerprint(hash, bytes);
    }

    /**
     * Creates a fingerprint from a hash function name and the hash bytes, e.g. those of
     * {@code MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded())}.
     *
     * @param hashFunction an RFC 8122 hash function name in any case, e.g. {@code sha-256}, or another token
     * @param value        the hash; copied
     * @return the fingerprint
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code hashFunction} is not a token, {@code value} is empty, or a known hash
     *                                  function gets the wrong number of bytes (RFC 8122 §5)
     */
    public static Fingerprint of(String hashFunction, byte[] value) {
        Objects.requireNonNull(hashFunction, "hashFunction");
        Objects.requireNonNull(value, "value");
        if (!AttributeValues.isToken(hashFunction)) {
            throw new IllegalArgumentException("Hash function " + UntrustedText.quote(hashFunction)
                    + " is not a token (RFC 8122 §5)");
        }
        if (value.length == 0) {
            throw new IllegalArgumentException("A fingerprint needs at least one byte (RFC 8122 §5)");
        }
        String hash = hashFunction.toLowerCase(Locale.ROOT);
        Integer expected = HASH_LENGTHS.get(hash);
        if (expected != null && expected != value.length) {
            throw new IllegalArgumentException("A " + hash + " fingerprint has " + expected + " bytes, not "
                    + value.length + " (RFC 8122 §5)");
        }
        return new Fingerprint(hash, value.clone());
    }

    /**
     * Returns the hash function name.
     *
     * @return the name in lower case, e.g. {@code sha-256}
     */
    public String hashFunction() {
        return hashFunction;
    }

    /**
     * Returns the hash bytes.
     *
     * @return a copy of the bytes
     */
    public byte[] value() {
        return value.clone();
    }

    /**
     * Tells whether RFC 8122 §5 allows this fingerprint to be sent or used to verify a certificate.
     *
     * @return {@code false} for {@code md5} and {@code md2}, {@code true} otherwise
     */
    public boolean isUsable() {
        return !hashFunction.equals("md5") && !hashFunction.equals("md2");
    }

    /**
     * Formats the hash bytes as RFC 8122 §5 writes them.
     *
     * @return upper-case hex pairs separated by colons, e.g. {@code 4A:AD:B9}
     */
    public String valueHex() {
        StringBuilder sb = new StringBuilder(value.length * 3);
        for (int i = 0; i < value.length; i++) {
            if (i > 0) {
                sb.append(':');
            }
            sb.append(Character.toUpperCase(Character.forDigit((value[i] >> 4) & 0xF, 16)))
                    .append(Character.toUpperCase(Character.forDigit(value[i] & 0xF, 16)));
        }
        return sb.toString();
    }

    /**
     * Formats the attribute value; {@link #parse(String)} of it returns an equal fingerprint.
     *
     * @return {@code hash-func SP fingerprint}, e.g. {@code sha-1 4A:AD:...:7C:AB}
     */
    public String toAttributeValue() {
        return hashFunction + " " + valueHex();
    }

    /**
     * Compares hash function and bytes.
     *
     * @param o the other object
     * @return {@code true} if {@code o} is a fingerprint with the same hash function and bytes
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof Fingerprint other && hashFunction.equals(other.hashFunction)
                && Arrays.equals(value, other.value);
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return 31 * hashFunction.hashCode() + Arrays.hashCode(value);
    }

    /**
     * Returns the same text as {@link #toAttributeValue()}.
     *
     * @return the attribute value
     */
    @Override
    public String toString() {
        return toAttributeValue();
    }

    private static byte[] parseHexPairs(String text, String line) {
        // fingerprint = 2UHEX *(":" 2UHEX): every third character is a colon, and the length is 3n - 1.
        if (text.isEmpty() || text.length() % 3 != 2) {
            throw bad("the fingerprint must be two-digit hex bytes separated by single colons", line);
        }
        byte[] bytes = new byte[(text.length() + 1) / 3];
        for (int i = 0; i < bytes.length; i++) {
            int at = i * 3;
            int high = Character.digit(text.charAt(at), 16);
            int low = Character.digit(text.charAt(at + 1), 16);
            if (high < 0 || low < 0 || text.charAt(at) > 0x7F || text.charAt(at + 1) > 0x7F) {
                throw bad("byte " + (i + 1) + " of the fingerprint, "
                        + UntrustedText.quote(text.substring(at, at + 2))
                        + ", is not two hex digits", line);
            }
            if (at + 2 < text.length() && text.charAt(at + 2) != ':') {
                throw bad("the fingerprint must be two-digit hex bytes separated by single colons", line);
            }
            bytes[i] = (byte) (high << 4 | low);
        }
        return bytes;
    }

    private static void checkLength(String hash, int length, String line) {
        Integer expected = HASH_LENGTHS.get(hash);
        if (expected != null && expected != length) {
            throw bad("a " + hash + " fingerprint has " + expected + " bytes, not " + length, line);
        }
    }

    private static SdpNegotiationException bad(String problem, String line) {
        return new SdpNegotiationException(problem, line, "RFC 8122 §5");
    }
}
