package org.parley.msrp.core.cpim;

/**
 * Thrown when bytes are not a {@code message/cpim} body as RFC 3862 defines it, or when a message requires a header
 * or feature the recipient does not understand (RFC 3862 §3.5). The message names the line, what is wrong and the
 * rule broken, e.g. {@code line 2: From value has no '<' before its URI (RFC 3862 §4.1 From-header)}.
 *
 * <p>It extends {@link IllegalArgumentException}, like the codec's {@code InvalidMsrpHeaderException}: it reports
 * input that does not parse, not a failed session operation (which is what
 * {@link org.parley.msrp.core.MsrpException} stands for). Untrusted text quoted in the message has its control
 * characters escaped and is cut when long.
 *
 * <p>Instances are immutable.
 */
public final class CpimParseException extends IllegalArgumentException {

    private static final long serialVersionUID = 1L;

    /** Number of the offending line, counted from 1 at the start of the parsed bytes. */
    private final int line;
    /** The RFC rule broken, e.g. "RFC 3862 §4.4 DateTime-header". */
    private final String rule;

    CpimParseException(int line, String rule, String problem) {
        this(line, rule, problem, null);
    }

    CpimParseException(int line, String rule, String problem, Throwable cause) {
        super("line " + line + ": " + problem + " (" + rule + ")", cause);
        this.line = line;
        this.rule = rule;
    }

    /**
     * Returns the line where the problem is. Lines are counted from 1 at the first byte given to the parse method.
     * When something is missing, such as a blank line or a {@code Content-Type} header, it is the line where the
     * missing part was expected.
     *
     * @return the line number, at least 1
     */
    public int line() {
        return line;
    }

    /**
     * Returns the rule the input breaks, as an RFC section and, where the RFC names one, the ABNF rule.
     *
     * @return the rule, e.g. {@code RFC 3862 §3.6 Header} or {@code RFC 4975 §13}
     */
    public String rule() {
        return rule;
    }
}
