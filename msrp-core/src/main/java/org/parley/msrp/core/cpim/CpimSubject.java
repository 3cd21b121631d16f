package org.parley.msrp.core.cpim;

import java.util.Objects;

/**
 * The value of a {@code Subject} header (RFC 3862 §4.5): the sender's description of the topic, with the language
 * of the text when the header carries a {@code ;lang=} parameter (§3.3), as in {@code Subject:;lang=fr Objet}.
 *
 * <p>Instances are immutable and thread-safe.
 */
public final class CpimSubject {

    private final String text;
    private final String language;

    CpimSubject(String text, String language) {
        this.text = text;
        this.language = language;
    }

    /**
     * Returns the subject text, with the escapes of RFC 3862 §2.3 decoded.
     *
     * @return the text, e.g. {@code the weather will be fine today}
     */
    public String text() {
        return text;
    }

    /**
     * Returns the language of the text.
     *
     * @return an RFC 3066 language tag such as {@code fr}, or {@code null} when the header has no {@code lang}
     *         parameter, in which case RFC 3862 §3.3 assumes {@code i-default}
     */
    public String language() {
        return language;
    }

    /**
     * Compares text and language exactly.
     *
     * @param o the other object
     * @return {@code true} if {@code o} is a {@code CpimSubject} with the same text and language
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof CpimSubject other && text.equals(other.text) && Objects.equals(language, other.language);
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(text, language);
    }

    /**
     * Returns the text encoded as in the header, so with control characters escaped, preceded by the language in
     * brackets when there is one, e.g. {@code [fr] Objet}.
     *
     * @return a description for logs
     */
    @Override
    public String toString() {
        String encoded = CpimSyntax.escape(text, false);
        return language == null ? encoded : "[" + language + "] " + encoded;
    }
}
