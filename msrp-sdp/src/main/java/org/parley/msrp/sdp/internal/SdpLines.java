package org.parley.msrp.sdp.internal;

import java.util.ArrayList;
import java.util.List;
import org.parley.msrp.sdp.SdpNegotiationException;

/**
 * Splits an SDP body into lines and checks what javax.sdp's NIST parser does not: line ends, a cut-off last line,
 * empty lines and the required session lines (RFC 8866 §5). The lenient form supplies missing v=, o=, s= and t=
 * lines, for partial bodies such as those printed in RFC 4975 Figures 1 and 19 and RFC 4145 §7.
 */
public final class SdpLines {

    /** Placeholders that the lenient form supplies; the origin is not used by MSRP negotiation. */
    static final String SUPPLIED_VERSION = "v=0";
    static final String SUPPLIED_ORIGIN = "o=- 0 0 IN IP4 0.0.0.0";
    static final String SUPPLIED_SESSION_NAME = "s=-";
    static final String SUPPLIED_TIME = "t=0 0";

    private static final String RULE_LINES = "RFC 8866 §5";
    private static final String RULE_ORDER = "RFC 8866 §5: a description starts with v=, o= and s= and has a t= line "
            + "before its first m= line";

    private SdpLines() {
    }

    /**
     * Splits and checks an SDP body.
     *
     * @param text    the body
     * @param lenient whether to accept lone LF line ends and empty lines and to supply missing v=, o=, s=, t= lines
     * @return the lines without their line ends, starting with v=, o=, s=
     * @throws SdpNegotiationException if the body is missing or empty, a line ends with LF only (strict), holds a
     *                                 stray CR, the last line has no line end (truncated), a line is empty (strict),
     *                                 or v=, o=, s=, t= are missing or out of place (strict)
     */
    public static List<String> split(String text, boolean lenient) {
        if (text == null || text.isEmpty()) {
            throw new SdpNegotiationException("the SDP body is " + (text == null ? "missing" : "empty"), null,
                    RULE_LINES);
        }
        List<String> lines = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int lf = text.indexOf('\n', start);
            if (lf < 0) {
                throw new SdpNegotiationException("the SDP body is truncated: its last line has no CRLF",
                        text.substring(start), RULE_LINES);
            }
            boolean crlf = lf > start && text.charAt(lf - 1) == '\r';
            String line = text.substring(start, crlf ? lf - 1 : lf);
            if (!crlf && !lenient) {
                throw new SdpNegotiationException("the line ends with LF only; SDP lines end with CRLF", line,
                        RULE_LINES + " (parseLenient accepts LF, as §5 lets parsers do)");
            }
            if (line.indexOf('\r') >= 0) {
                throw new SdpNegotiationException("the line holds a CR that does not end it", line, RULE_LINES);
            }
            if (line.isEmpty()) {
                if (!lenient) {
                    throw new SdpNegotiationException("the SDP body has an empty line", line, RULE_LINES);
                }
            } else {
                lines.add(line);
            }
            start = lf + 1;
        }
        return lenient ? complete(lines) : checkSessionLines(lines);
    }

    private static List<String> checkSessionLines(List<String> lines) {
        String[] required = {"v=", "o=", "s="};
        for (int i = 0; i < required.length; i++) {
            if (lines.size() <= i || !lines.get(i).startsWith(required[i])) {
                throw new SdpNegotiationException("the " + required[i] + " line is missing or out of place",
                        lines.size() > i ? lines.get(i) : null, RULE_ORDER);
            }
        }
        for (String line : lines) {
            if (line.startsWith("t=")) {
                return lines;
            }
            if (line.startsWith("m=")) {
                throw new SdpNegotiationException("the t= line is missing before the first m= line", line,
                        RULE_ORDER);
            }
        }
        throw new SdpNegotiationException("the t= line is missing", null, RULE_ORDER);
    }

    /** Puts v=, o=, s= first, supplying those missing, and supplies t= before the session's a=/k= lines. */
    private static List<String> complete(List<String> lines) {
        int firstMedia = lines.size();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("m=")) {
                firstMedia = i;
                break;
            }
        }
        List<String> session = lines.subList(0, firstMedia);
        List<String> out = new ArrayList<>(lines.size() + 4);
        out.add(find(session, "v=", SUPPLIED_VERSION));
        out.add(find(session, "o=", SUPPLIED_ORIGIN));
        out.add(find(session, "s=", SUPPLIED_SESSION_NAME));
        boolean hasTime = session.stream().anyMatch(line -> line.startsWith("t="));
        for (String line : session) {
            if (!hasTime && (line.startsWith("a=") || line.startsWith("k="))) {
                out.add(SUPPLIED_TIME);
                hasTime = true;
            }
            if (!line.startsWith("v=") && !line.startsWith("o=") && !line.startsWith("s=")) {
                out.add(line);
            }
        }
        if (!hasTime) {
            out.add(SUPPLIED_TIME);
        }
        out.addAll(lines.subList(firstMedia, lines.size()));
        return out;
    }

    private static String find(List<String> session, String prefix, String supplied) {
        return session.stream().filter(line -> line.startsWith(prefix)).findFirst().orElse(supplied);
    }
}
