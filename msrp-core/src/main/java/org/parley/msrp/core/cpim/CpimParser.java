package org.parley.msrp.core.cpim;

import org.parley.msrp.core.internal.UntrustedText;

import static org.parley.msrp.core.cpim.CpimSyntax.CORE_HEADERS;
import static org.parley.msrp.core.cpim.CpimSyntax.CPIM_NAMESPACE;
import static org.parley.msrp.core.internal.UntrustedText.quote;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.parley.msrp.core.codec.MsrpContentType;

/**
 * Reads a {@code message/cpim} body in one pass: line framing, the optional MIME headers, the message headers with
 * their namespaces and typed values, the encapsulated MIME headers and the content. {@link CpimMessage} copies what
 * it found.
 */
final class CpimParser {

    /** Where the body starts and how strictly its separators are read. */
    enum Layout {
        /** Message headers, blank line, encapsulated MIME headers, blank line, content (RFC 3862 §2 without m:). */
        MSRP_BODY,
        /** As {@link #MSRP_BODY}, also accepting a {@code Content-} header line in place of the first blank line. */
        MSRP_BODY_LENIENT,
        /** MIME headers and a blank line before what {@link #MSRP_BODY} reads (RFC 3862 §2, §5.1). */
        MIME_ENTITY
    }

    /** A name listed by the Require header, resolved to its namespace. */
    record Requirement(String headerName, String namespaceUri, String name) {
    }

    private static final String RULE_STRUCTURE = "RFC 3862 §2";
    private static final String RULE_MIME_HEADERS = "RFC 3862 §2.1";
    private static final String RULE_LINE = "RFC 3862 §2.2";
    private static final String RULE_CONTENT = "RFC 3862 §2.4";
    private static final String RULE_HEADER_NAME = "RFC 3862 §3.1 Header-name";
    private static final String RULE_LANG = "RFC 3862 §3.3 Lang-param";
    private static final String RULE_PREFIX = "RFC 3862 §3.4";
    private static final String RULE_HEADER = "RFC 3862 §3.6 Header";
    private static final String RULE_PARAMETER = "RFC 3862 §3.6 Parameter";
    private static final String RULE_DATE_TIME = "RFC 3862 §4.4 DateTime-header";
    private static final String RULE_NS = "RFC 3862 §4.6 NS-header";
    private static final String RULE_REQUIRE = "RFC 3862 §4.7 Require-header";
    private static final String RULE_ONCE = "RFC 4975 §13";
    private static final String RULE_MIME_FIELD = "RFC 5322 §2.2";
    private static final Map<String, String> ADDRESS_RULES = Map.of("From", "RFC 3862 §4.1 From-header",
            "To", "RFC 3862 §4.2 To-header", "cc", "RFC 3862 §4.3 Cc-header");

    /** RFC 3339 §5.6 date-time; the calendar and clock ranges are left to {@link OffsetDateTime}. */
    private static final Pattern DATE_TIME = Pattern.compile(
            "[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})");

    /** Where the seconds start in a value that matches {@link #DATE_TIME}: {@code YYYY-MM-DDTHH:MM:}. */
    private static final int LEAP_SECOND_AT = 17;

    private static final String CONTENT_TYPE = "Content-Type";

    private final byte[] input;
    private final Layout layout;
    /** Index of the next byte to read. */
    private int position;
    /** Number of the last line read; 0 before the first. */
    private int lineNumber;

    private final Map<String, String> prefixes = new HashMap<>();
    private String defaultNamespace = CPIM_NAMESPACE;
    private final List<Integer> mimeHeaderLines = new ArrayList<>();
    private final List<Integer> contentHeaderLines = new ArrayList<>();

    final List<CpimMimeHeader> mimeHeaders = new ArrayList<>();
    final List<CpimHeader> messageHeaders = new ArrayList<>();
    final List<CpimMimeHeader> contentHeaders = new ArrayList<>();
    final List<CpimAddress> to = new ArrayList<>();
    final List<CpimAddress> cc = new ArrayList<>();
    final List<CpimSubject> subjects = new ArrayList<>();
    final List<CpimNamespace> namespaces = new ArrayList<>();
    final List<Requirement> requirements = new ArrayList<>();
    CpimAddress from;
    OffsetDateTime dateTime;
    /** Line of the Require header, 0 if there is none. */
    int requireLine;
    MsrpContentType contentType;
    byte[] content;

    private CpimParser(byte[] input, Layout layout) {
        this.input = input;
        this.layout = layout;
    }

    static CpimMessage parse(byte[] input, Layout layout) {
        CpimParser parser = new CpimParser(input, layout);
        parser.readAll();
        return new CpimMessage(parser);
    }

    private void readAll() {
        if (layout == Layout.MIME_ENTITY) {
            readMimeHeaders(mimeHeaders, mimeHeaderLines, "the MIME headers", "");
            MsrpContentType outerType = contentType(mimeHeaders, mimeHeaderLines, RULE_MIME_HEADERS, "the MIME headers",
                    "");
            if (!CpimMessage.isCpim(outerType)) {
                throw new CpimParseException(mimeHeaderLines.get(indexOfContentType(mimeHeaders)), RULE_MIME_HEADERS,
                        "the MIME headers give Content-Type " + quote(outerType.toHeaderValue())
                                + " instead of message/cpim");
            }
        }
        boolean contentHeadersStarted = readMessageHeaders();
        String hint = contentHeadersStarted ? "" : missingSeparatorHint();
        readMimeHeaders(contentHeaders, contentHeaderLines, "the encapsulated MIME headers", hint);
        contentType = contentType(contentHeaders, contentHeaderLines, RULE_CONTENT, "the encapsulated MIME headers",
                hint);
        content = Arrays.copyOfRange(input, position, input.length);
    }

    /**
     * Reads message headers up to the blank line after them. In the lenient layout a {@code Content-} line after at
     * least one message header also ends them and is read as the first encapsulated MIME header; this returns
     * {@code true} in that case.
     */
    private boolean readMessageHeaders() {
        while (true) {
            String line = nextLine("the message headers", "");
            if (line.isEmpty()) {
                return false;
            }
            if (layout == Layout.MSRP_BODY_LENIENT && !messageHeaders.isEmpty() && isContentHeaderLine(line)) {
                addMimeHeader(contentHeaders, contentHeaderLines, line, "");
                return true;
            }
            addMessageHeader(line);
        }
    }

    /**
     * Explains a failure in the encapsulated MIME headers when a message header looks like a MIME header: either
     * the body has its MIME headers first, or the blank line after the message headers is missing, as in RFC 4975
     * §11.4.
     */
    private String missingSeparatorHint() {
        for (CpimHeader header : messageHeaders) {
            if (isContentHeaderLine(header.headerName())) {
                return header == messageHeaders.get(0)
                        ? "; the body starts with " + quote(header.headerName()) + ", so it may be a MIME entity,"
                                + " which CpimMessage.parseMimeEntity reads"
                        : "; the message headers include " + quote(header.headerName()) + ", so the blank line"
                                + " before the encapsulated MIME headers may be missing, as in RFC 4975 §11.4"
                                + " Figure 14, which CpimMessage.parseLenient reads";
            }
        }
        return "";
    }

    private static boolean isContentHeaderLine(String line) {
        return line.regionMatches(true, 0, "Content-", 0, "Content-".length());
    }

    /** Reads MIME header lines up to and including the blank line after them. */
    private void readMimeHeaders(List<CpimMimeHeader> into, List<Integer> lines, String block, String hint) {
        while (true) {
            String line = nextLine(block, hint);
            if (line.isEmpty()) {
                return;
            }
            addMimeHeader(into, lines, line, hint);
        }
    }

    /**
     * Returns the next line without its CRLF, decoded as UTF-8. The header part of a body has only CRLF line ends
     * (RFC 3862 §2.2) and always ends with a blank line, so running out of bytes here means a missing blank line.
     */
    private String nextLine(String block, String hint) {
        int number = lineNumber + 1;
        int end = position;
        while (end < input.length && input[end] != '\r' && input[end] != '\n') {
            end++;
        }
        if (end == input.length) {
            throw new CpimParseException(number, RULE_STRUCTURE,
                    "the body ends before the blank line that ends " + block + hint);
        }
        if (input[end] == '\n') {
            throw new CpimParseException(number, RULE_LINE, "the line ends with LF without CR; lines end with CRLF");
        }
        if (end + 1 == input.length || input[end + 1] != '\n') {
            throw new CpimParseException(number, RULE_LINE, "CR without LF; lines end with CRLF");
        }
        String line;
        try {
            line = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(input, position, end - position))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new CpimParseException(number, RULE_LINE, "the line is not valid UTF-8", e);
        }
        position = end + 2;
        lineNumber = number;
        return line;
    }

    /** Adds a MIME header line ({@code field-name ":" value}), unfolding a continuation line into the one before. */
    private void addMimeHeader(List<CpimMimeHeader> into, List<Integer> lines, String line, String hint) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c != '\t' && CpimSyntax.isControl(c)) {
                throw new CpimParseException(lineNumber, RULE_MIME_FIELD,
                        "control character " + UntrustedText.describe(c) + " in a MIME header");
            }
        }
        if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
            if (into.isEmpty()) {
                throw new CpimParseException(lineNumber, RULE_MIME_FIELD,
                        "continuation line " + quote(line) + " without a header before it");
            }
            CpimMimeHeader folded = into.get(into.size() - 1);
            into.set(into.size() - 1,
                    new CpimMimeHeader(folded.name(), CpimSyntax.trimWhitespace(folded.value() + line)));
            return;
        }
        int colon = line.indexOf(':');
        if (colon < 0) {
            throw new CpimParseException(lineNumber, RULE_MIME_FIELD,
                    "MIME header line " + quote(line) + " has no ':'" + hint);
        }
        String name = line.substring(0, colon);
        if (!isFieldName(name)) {
            throw new CpimParseException(lineNumber, RULE_MIME_FIELD,
                    "MIME header name " + quote(name) + " is not printable US-ASCII without spaces");
        }
        into.add(new CpimMimeHeader(name, CpimSyntax.trimWhitespace(line.substring(colon + 1))));
        lines.add(lineNumber);
    }

    /** Finds the one Content-Type among MIME headers and parses it. */
    private MsrpContentType contentType(List<CpimMimeHeader> headers, List<Integer> lines, String rule, String block,
            String hint) {
        int index = indexOfContentType(headers);
        if (index < 0) {
            // lineNumber is the blank line that ended the block, where Content-Type was still expected.
            throw new CpimParseException(lineNumber, rule, block + " have no Content-Type" + hint);
        }
        for (int i = index + 1; i < headers.size(); i++) {
            if (headers.get(i).hasName(CONTENT_TYPE)) {
                throw new CpimParseException(lines.get(i), rule, block + " have a second Content-Type");
            }
        }
        String value = headers.get(index).value();
        try {
            return MsrpContentType.parse(value);
        } catch (IllegalArgumentException e) {
            throw new CpimParseException(lines.get(index), rule,
                    "Content-Type " + quote(value) + " is not a media type: " + e.getMessage(), e);
        }
    }

    private static int indexOfContentType(List<CpimMimeHeader> headers) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).hasName(CONTENT_TYPE)) {
                return i;
            }
        }
        return -1;
    }

    /** Adds a message header line: {@code Header-name ":" *( ";" Parameter ) SP Header-value} (RFC 3862 §3.6). */
    private void addMessageHeader(String line) {
        if (line.charAt(0) == ' ' || line.charAt(0) == '\t') {
            throw new CpimParseException(lineNumber, RULE_LINE,
                    "the line starts with whitespace; message headers are never folded");
        }
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (CpimSyntax.isControl(c)) {
                throw new CpimParseException(lineNumber, RULE_LINE, "control character " + UntrustedText.describe(c)
                        + " in a message header; RFC 3862 §2.3 escapes it");
            }
        }
        int colon = line.indexOf(':');
        int space = line.indexOf(' ');
        // A name holds no space, so a space before the first ':' ends the name without one (as in "From <sip:a>").
        if (colon < 0 || (space >= 0 && space < colon)) {
            throw new CpimParseException(lineNumber, RULE_HEADER,
                    "header line " + quote(line) + " has no ':' after its name");
        }
        String headerName = line.substring(0, colon);
        if (!CpimSyntax.isHeaderName(headerName)) {
            throw new CpimParseException(lineNumber, RULE_HEADER_NAME,
                    "header name " + quote(headerName) + " is not Name or Name-prefix \".\" Name");
        }
        int dot = headerName.indexOf('.');
        String prefix = dot < 0 ? null : headerName.substring(0, dot);
        String name = headerName.substring(dot + 1);
        Map<String, String> parameters = new LinkedHashMap<>();
        int valueStart = readParameters(line, colon + 1, parameters);
        CpimHeader header = new CpimHeader(prefix, name, line.substring(colon + 1, valueStart - 1), parameters,
                line.substring(valueStart), resolve(prefix, name));
        messageHeaders.add(header);
        if (CPIM_NAMESPACE.equals(header.namespaceUri()) && CORE_HEADERS.contains(name)) {
            interpret(header);
        }
    }

    /**
     * Reads {@code *( ";" Parameter ) SP} from {@code from}, just after the colon, and returns the index where the
     * value starts.
     */
    private int readParameters(String line, int from, Map<String, String> parameters) {
        int i = from;
        while (i < line.length() && line.charAt(i) == ';') {
            int nameEnd = i + 1;
            while (nameEnd < line.length() && CpimSyntax.isNameChar(line.charAt(nameEnd))) {
                nameEnd++;
            }
            if (nameEnd == i + 1 || nameEnd == line.length() || line.charAt(nameEnd) != '=') {
                throw new CpimParseException(lineNumber, RULE_PARAMETER,
                        "the parameter at index " + i + " is not Param-name \"=\" Param-value");
            }
            String name = line.substring(i + 1, nameEnd);
            int valueStart = nameEnd + 1;
            int valueEnd;
            String value;
            if (valueStart < line.length() && line.charAt(valueStart) == '"') {
                int closingQuote = CpimSyntax.closingQuote(line, valueStart);
                if (closingQuote < 0) {
                    throw new CpimParseException(lineNumber, RULE_PARAMETER,
                            "the quoted value of parameter " + quote(name) + " is not closed");
                }
                value = CpimSyntax.unescape(line.substring(valueStart + 1, closingQuote));
                valueEnd = closingQuote + 1;
            } else {
                valueEnd = valueStart;
                while (valueEnd < line.length() && CpimSyntax.isTokenChar(line.charAt(valueEnd))) {
                    valueEnd++;
                }
                if (valueEnd == valueStart) {
                    throw new CpimParseException(lineNumber, RULE_PARAMETER,
                            "parameter " + quote(name) + " has no value");
                }
                value = line.substring(valueStart, valueEnd);
            }
            if (name.equals("lang") && !CpimSyntax.isLanguageTag(value)) {
                throw new CpimParseException(lineNumber, RULE_LANG,
                        "lang value " + quote(value) + " is not an RFC 3066 language tag");
            }
            if (parameters.putIfAbsent(name, value) != null) {
                throw new CpimParseException(lineNumber, RULE_PARAMETER,
                        "parameter " + quote(name) + " appears twice");
            }
            i = valueEnd;
        }
        if (i == line.length() || line.charAt(i) != ' ') {
            throw new CpimParseException(lineNumber, RULE_HEADER,
                    "no space after the ':'" + (i > from ? " and the parameters" : "") + " of the header");
        }
        return i + 1;
    }

    /** Finds the namespace of a header name at the current line (RFC 3862 §3.4). */
    private String resolve(String prefix, String name) {
        if (prefix == null) {
            // An NS header is always the declaration, or a changed default namespace could not be changed back.
            return name.equals("NS") ? CPIM_NAMESPACE : defaultNamespace;
        }
        String uri = prefixes.get(prefix);
        if (uri == null) {
            throw new CpimParseException(lineNumber, RULE_PREFIX,
                    "namespace prefix " + quote(prefix) + " is not declared by an NS header before it");
        }
        return uri;
    }

    /** Reads the value of a header of RFC 3862 §4. */
    private void interpret(CpimHeader header) {
        String value = header.rawValue();
        switch (header.name()) {
            case "From" -> {
                rejectRepeat(from != null, "From");
                from = address(header);
            }
            case "To" -> to.add(address(header));
            case "cc" -> cc.add(address(header));
            case "DateTime" -> {
                rejectRepeat(dateTime != null, "DateTime");
                dateTime = dateTime(value);
            }
            case "Subject" -> subjects.add(new CpimSubject(header.value(), header.language()));
            case "NS" -> declareNamespace(value);
            case "Require" -> {
                rejectRepeat(requireLine > 0, "Require");
                requireLine = lineNumber;
                require(value);
            }
        }
    }

    /** RFC 4975 §13: From, DateTime and Require occur at most once (Subject may repeat, see CpimMessage). */
    private void rejectRepeat(boolean seen, String name) {
        if (seen) {
            throw new CpimParseException(lineNumber, RULE_ONCE, "second " + name + " header; it may occur only once");
        }
    }

    private CpimAddress address(CpimHeader header) {
        try {
            return CpimAddress.parse(header.rawValue());
        } catch (IllegalArgumentException e) {
            throw new CpimParseException(lineNumber, ADDRESS_RULES.get(header.name()), header.name() + " value "
                    + quote(header.rawValue()) + " is not [ Formal-name ] \"<\" URI \">\": " + e.getMessage(), e);
        }
    }

    private OffsetDateTime dateTime(String value) {
        String problem = "DateTime value " + quote(value) + " is not an RFC 3339 date-time"
                + " such as 2006-05-15T15:02:31-03:00";
        if (!DATE_TIME.matcher(value).matches()) {
            throw new CpimParseException(lineNumber, RULE_DATE_TIME, problem);
        }
        // RFC 3339 §5.6 allows a lower-case T and Z, and second 60 for a leap second (§5.7), which java.time
        // cannot hold: it is read as second 59.
        String text = value.toUpperCase(Locale.ROOT);
        if (text.startsWith("60", LEAP_SECOND_AT)) {
            text = text.substring(0, LEAP_SECOND_AT) + "59" + text.substring(LEAP_SECOND_AT + 2);
        }
        try {
            return OffsetDateTime.parse(text, DateTimeFormatter.ISO_OFFSET_DATE_TIME);
        } catch (DateTimeParseException e) {
            throw new CpimParseException(lineNumber, RULE_DATE_TIME, problem + ": no such date or time", e);
        }
    }

    /** NS-header value: {@code [ Name-prefix ] "<" URI ">"}. */
    private void declareNamespace(String value) {
        int lessThan = value.indexOf('<');
        if (lessThan < 0 || !value.endsWith(">")) {
            throw new CpimParseException(lineNumber, RULE_NS,
                    "NS value " + quote(value) + " is not [ Name-prefix ] \"<\" URI \">\"");
        }
        String prefix = value.substring(0, lessThan);
        // The ABNF puts no space before '<', the examples of RFC 3862 §3.4 and §4.6 do: accept both.
        if (prefix.endsWith(" ")) {
            prefix = prefix.substring(0, prefix.length() - 1);
        }
        if (!prefix.isEmpty() && !CpimSyntax.isName(prefix)) {
            throw new CpimParseException(lineNumber, RULE_NS, "NS prefix " + quote(prefix) + " is not a Name");
        }
        String uri = value.substring(lessThan + 1, value.length() - 1);
        String problem = namespaceUriProblem(uri);
        if (problem != null) {
            throw new CpimParseException(lineNumber, RULE_NS, problem);
        }
        if (prefix.isEmpty()) {
            defaultNamespace = uri;
            namespaces.add(new CpimNamespace(null, uri));
        } else {
            prefixes.put(prefix, uri);
            namespaces.add(new CpimNamespace(prefix, uri));
        }
    }

    /** RFC 3862 §3.4: a namespace is an absolute URI without fragment identifier. */
    static String namespaceUriProblem(String uri) {
        String problem = CpimSyntax.uriProblem(uri);
        if (problem == null && uri.indexOf('#') >= 0) {
            problem = "namespace URI " + quote(uri) + " has a fragment identifier, which RFC 3862 §3.4 forbids";
        }
        return problem;
    }

    /** Require-header value: {@code Header-name *( "," Header-name )}. */
    private void require(String value) {
        for (String entry : value.split(",", -1)) {
            // The ABNF has no space after ',', yet "A, B" is a common way to write a list: accept one.
            String headerName = entry.startsWith(" ") ? entry.substring(1) : entry;
            if (!CpimSyntax.isHeaderName(headerName)) {
                throw new CpimParseException(lineNumber, RULE_REQUIRE,
                        "Require entry " + quote(headerName) + " is not a Header-name");
            }
            int dot = headerName.indexOf('.');
            String prefix = dot < 0 ? null : headerName.substring(0, dot);
            String name = headerName.substring(dot + 1);
            requirements.add(new Requirement(headerName, resolve(prefix, name), name));
        }
    }

    /** RFC 5322 §3.6.8 field-name: printable US-ASCII except ':'. */
    private static boolean isFieldName(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= ' ' || c >= 0x7F) {
                return false;
            }
        }
        return true;
    }
}
