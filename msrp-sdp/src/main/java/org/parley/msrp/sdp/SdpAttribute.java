package org.parley.msrp.sdp;

import org.parley.msrp.core.internal.UntrustedText;

import java.util.Objects;
import java.util.Optional;
import org.parley.msrp.sdp.internal.AttributeValues;

/**
 * An SDP attribute that Parley does not interpret, such as RFC 5547's {@code a=file-selector}: kept in order by
 * {@link MsrpMediaDescription#otherAttributes()} and written back unchanged by the offer builder and the answerer
 * (RFC 8866 §5: a parser MUST ignore attributes it does not understand, which here means passing them on).
 *
 * <p>An attribute is either a property ({@code a=name}) or has a value ({@code a=name:value}). Instances are
 * immutable; {@link #equals(Object)} compares name and value exactly.
 */
public final class SdpAttribute {

    private final String name;
    private final String value;

    private SdpAttribute(String name, String value) {
        this.name = name;
        this.value = value;
    }

    /**
     * Creates an attribute with a value, {@code a=name:value}.
     *
     * @param name  the attribute name, a token (RFC 8866 §9 {@code att-field})
     * @param value the value; may be empty, must not hold CR, LF or NUL
     * @return the attribute
     * @throws NullPointerException     if an argument is {@code null}
     * @throws IllegalArgumentException if {@code name} is not a token or {@code value} holds CR, LF or NUL
     */
    public static SdpAttribute of(String name, String value) {
        checkName(name);
        Objects.requireNonNull(value, "value");
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0) {
                throw new IllegalArgumentException("The value of a=" + name + " must not hold CR, LF or NUL: "
                        + UntrustedText.quote(value) + " (RFC 8866 §9)");
            }
        }
        return new SdpAttribute(name, value);
    }

    /**
     * Creates a property attribute without value, {@code a=name}.
     *
     * @param name the attribute name, a token (RFC 8866 §9 {@code att-field})
     * @return the attribute
     * @throws NullPointerException     if {@code name} is {@code null}
     * @throws IllegalArgumentException if {@code name} is not a token
     */
    public static SdpAttribute property(String name) {
        checkName(name);
        return new SdpAttribute(name, null);
    }

    /**
     * Returns the name.
     *
     * @return the attribute name as written, e.g. {@code file-selector}
     */
    public String name() {
        return name;
    }

    /**
     * Returns the value.
     *
     * @return the text after the first colon, or empty for a property attribute
     */
    public Optional<String> value() {
        return Optional.ofNullable(value);
    }

    /**
     * Compares name and value exactly.
     *
     * @param o the other object
     * @return {@code true} if {@code o} is an attribute with the same name and value
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof SdpAttribute other && name.equals(other.name) && Objects.equals(value, other.value);
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(name, value);
    }

    /**
     * Returns the attribute as it follows {@code a=} in SDP.
     *
     * @return {@code name:value}, or {@code name} for a property
     */
    @Override
    public String toString() {
        return value == null ? name : name + ":" + value;
    }

    private static void checkName(String name) {
        Objects.requireNonNull(name, "name");
        if (!AttributeValues.isToken(name)) {
            throw new IllegalArgumentException("SDP attribute name " + UntrustedText.quote(name)
                    + " is not a token (RFC 8866 §9)");
        }
    }
}
