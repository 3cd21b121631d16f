package org.parley.msrp.sdp.internal;

import org.parley.msrp.core.internal.UntrustedText;

import java.util.Objects;

/** The message of an {@code SdpNegotiationException}. */
public final class Text {

    private Text() {
    }

    /**
     * Builds the message of an {@code SdpNegotiationException}: the problem, the quoted line if any, the rule.
     *
     * @param problem what is wrong
     * @param line    the offending line, or null
     * @param rule    the rule that is broken
     * @return {@code problem, in line "line" (rule)} or {@code problem (rule)}
     */
    public static String problemMessage(String problem, String line, String rule) {
        Objects.requireNonNull(problem, "problem");
        Objects.requireNonNull(rule, "rule");
        return line == null ? problem + " (" + rule + ")"
                : problem + ", in line " + UntrustedText.quote(line) + " (" + rule + ")";
    }
}
