package org.parley.msrp.core.codec;

import java.util.Objects;

/**
 * An MSRP request method (RFC 4975 §9 {@code method = mSEND / mREPORT / other-method}, {@code other-method =
 * 1*UPALPHA}).
 *
 * <p>The methods Parley knows are cached constants; {@link #valueOf(String)} returns them, or a new instance for an
 * extension method so that a session can answer it with 501 (RFC 4975 §10.9). Methods compare by name, which is case
 * sensitive on the wire ({@code SEND} in caps).
 */
public final class MsrpMethod {

    /** {@code SEND}: carries a message or a chunk of one (RFC 4975 §7.1.1). */
    public static final MsrpMethod SEND = new MsrpMethod("SEND");
    /** {@code REPORT}: carries delivery status (RFC 4975 §7.1.2). */
    public static final MsrpMethod REPORT = new MsrpMethod("REPORT");
    /** {@code AUTH}: asks a relay to authorise a client (RFC 4976 §4.1). */
    public static final MsrpMethod AUTH = new MsrpMethod("AUTH");

    private final String name;

    private MsrpMethod(String name) {
        this.name = name;
    }

    /**
     * Returns the method with the given name.
     *
     * @param name the method token, one or more upper-case ASCII letters
     * @return the cached constant for SEND, REPORT and AUTH, otherwise a new instance
     * @throws IllegalArgumentException if {@code name} is empty or holds anything but upper-case ASCII letters
     * @throws NullPointerException if {@code name} is null
     */
    public static MsrpMethod valueOf(String name) {
        Objects.requireNonNull(name, "name");
        switch (name) {
            case "SEND":
                return SEND;
            case "REPORT":
                return REPORT;
            case "AUTH":
                return AUTH;
            default:
                if (!isMethodToken(name)) {
                    throw new IllegalArgumentException(
                            "Invalid MSRP method \"" + name + "\": a method is one or more upper-case letters A-Z");
                }
                return new MsrpMethod(name);
        }
    }

    /**
     * Tells whether a string is a syntactically valid method token ({@code 1*UPALPHA}).
     *
     * @param token the candidate
     * @return whether it is one or more characters A-Z
     */
    static boolean isMethodToken(CharSequence token) {
        if (token.length() == 0) {
            return false;
        }
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            if (c < 'A' || c > 'Z') {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns the method's name as written on the wire.
     *
     * @return the name, e.g. {@code SEND}
     */
    public String name() {
        return name;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MsrpMethod && ((MsrpMethod) o).name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name;
    }
}
