package org.parley.msrp.core.codec;

import org.parley.msrp.core.internal.UntrustedText;

import java.util.Objects;

/**
 * Thrown when text is not a valid MSRP URI as defined by RFC 4975 §6 and the {@code MSRP-URI} rule of §9, or when
 * the parts given to {@link MsrpUri#of(boolean, String, int, String, String)} cannot form one.
 *
 * <p>The message quotes the URI and gives the reason, for example
 * {@code Invalid MSRP URI "msrp://host:99999/s;tcp": port 99999 is not in 0..65535}. Control characters in the
 * quoted text are escaped and very long text is shortened, so that a hostile peer cannot forge log lines;
 * {@link #uri()} returns the text exactly as given.
 *
 * <p>Instances are immutable.
 */
public final class InvalidMsrpUriException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** The failing text exactly as given, or null if none was given. */
    private final String uri;

    /**
     * Creates an exception for an invalid MSRP URI.
     *
     * @param uri    the text that failed, exactly as given; {@code null} if no text was given
     * @param reason a short explanation of what is wrong, starting in lower case; not {@code null}
     * @throws NullPointerException if {@code reason} is {@code null}
     */
    public InvalidMsrpUriException(String uri, String reason) {
        super("Invalid MSRP URI " + UntrustedText.quote(uri) + ": "
                + Objects.requireNonNull(reason, "reason"));
        this.uri = uri;
    }

    /**
     * Returns the text that is not a valid MSRP URI, without the escaping applied in the message.
     *
     * @return the text, or {@code null} if no text was given
     */
    public String uri() {
        return uri;
    }
}
