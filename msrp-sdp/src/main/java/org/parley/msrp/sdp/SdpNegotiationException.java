package org.parley.msrp.sdp;

import org.parley.msrp.core.MsrpException;
import org.parley.msrp.sdp.internal.Text;

/**
 * Thrown when a session description cannot be used for MSRP: it is not well-formed SDP, its MSRP media description
 * breaks a rule of RFC 4975 §8 or of the RFCs it builds on, or an offer and its answer do not fit together.
 *
 * <p>The message says what is wrong, quotes the offending line when there is one, and names the rule, for example
 * {@code a=path holds something that is not an MSRP URI: Invalid MSRP URI "http://x/y;tcp": scheme "http" is not
 * msrp or msrps, in line "a=path:http://x/y;tcp" (RFC 4975 §8.2)}. Quoted text has control characters escaped and
 * is shortened when very long, so that a hostile peer cannot forge log lines; {@link #line()} returns the line as
 * it was.
 *
 * <p>It is a {@link RuntimeException}, like every {@link MsrpException}. Instances are immutable.
 */
public class SdpNegotiationException extends MsrpException {

    private static final long serialVersionUID = 1L;

    /** The offending SDP line as received, without its line end; {@code null} when no single line is at fault. */
    private final String line;
    /** The broken rule: an RFC and section, e.g. {@code "RFC 4975 §8.6"}, perhaps with a short statement of it. */
    private final String rule;

    /**
     * Creates the exception.
     *
     * @param problem what is wrong, starting in lower case, e.g. {@code "a=accept-types is missing"}
     * @param line    the offending SDP line without its line end, or {@code null} when no single line is at fault
     * @param rule    the rule that is broken, e.g. {@code "RFC 4975 §8.6"}
     * @throws NullPointerException if {@code problem} or {@code rule} is {@code null}
     */
    public SdpNegotiationException(String problem, String line, String rule) {
        this(problem, line, rule, null);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param problem what is wrong, starting in lower case
     * @param line    the offending SDP line without its line end, or {@code null} when no single line is at fault
     * @param rule    the rule that is broken, e.g. {@code "RFC 8866 §5.14"}
     * @param cause   the exception that revealed the problem, or {@code null}
     * @throws NullPointerException if {@code problem} or {@code rule} is {@code null}
     */
    public SdpNegotiationException(String problem, String line, String rule, Throwable cause) {
        super(Text.problemMessage(problem, line, rule), cause);
        this.line = line;
        this.rule = rule;
    }

    /**
     * Returns the offending line.
     *
     * @return the SDP line as received, without its line end, or {@code null} when no single line is at fault (for
     *         example when a required line is missing)
     */
    public String line() {
        return line;
    }

    /**
     * Returns the rule that is broken.
     *
     * @return the RFC and section, e.g. {@code "RFC 4975 §8.6"}, sometimes followed by a short statement of the rule
     */
    public String rule() {
        return rule;
    }
}
