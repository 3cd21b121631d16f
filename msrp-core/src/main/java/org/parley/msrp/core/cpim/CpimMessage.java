package org.parley.msrp.core.cpim;

import static org.parley.msrp.core.cpim.CpimSyntax.CORE_HEADERS;
import static org.parley.msrp.core.cpim.CpimSyntax.CPIM_NAMESPACE;
import static org.parley.msrp.core.internal.UntrustedText.quote;

import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiPredicate;
import java.util.stream.Stream;
import org.parley.msrp.core.codec.MsrpContentType;

/**
 * A {@code message/cpim} body (RFC 3862): message headers such as {@code From}, {@code To} and {@code DateTime},
 * then an encapsulated MIME object, that is MIME headers with at least {@code Content-Type} and the content. MSRP
 * wraps messages in it for CPIM gateways and whenever a type is listed only in the peer's
 * {@code accept-wrapped-types} (RFC 4975 §8.6, §13).
 *
 * <h2>Layouts</h2>
 * RFC 3862 §2 draws a complete message as MIME headers ({@code Content-type: Message/CPIM}), a blank line, the
 * message headers, a blank line and the encapsulated MIME object. In MSRP the first part is the MSRP
 * {@code Content-Type} header, so an MSRP body starts with the message headers. Hence:
 * <ul>
 *   <li>{@link #parse(byte[])} reads an MSRP body: message headers, blank line, encapsulated MIME headers, blank
 *       line, content. This is the layout {@link #toBytes()} writes when the message has no MIME headers.</li>
 *   <li>{@link #parseLenient(byte[])} reads the same, and also RFC 4975 §11.4 (Figure 14) as printed, where the
 *       blank line between message headers and {@code Content-Type: text/plain} is missing.</li>
 *   <li>{@link #parseMimeEntity(byte[])} reads the complete form with the MIME headers first, as in RFC 3862 §5.1
 *       and inside the {@code multipart/signed} of §5.2.</li>
 * </ul>
 * The header part must use CRLF line ends (RFC 3862 §2.2). The content is every byte after the blank line that
 * ends the encapsulated MIME headers; in MSRP the CRLF before the end-line belongs to the framing, not to the
 * content.
 *
 * <h2>Headers</h2>
 * Message headers keep their order and their exact text ({@link #messageHeaders()}), as §2.2 requires, and each is
 * resolved to its namespace (§3.4). The headers of RFC 3862 §4 have typed accessors; extension headers such as
 * {@code MyFeatures.VitalMessageOption} are found by name ({@link #messageHeaders(String)}) or, since prefixes are
 * local to a message, by namespace ({@link #messageHeadersInNamespace(String, String)}). From, DateTime and Require
 * may occur once (RFC 4975 §13); Subject may repeat, as in RFC 3862 §5.1 where it does once per language (the
 * {@link Builder} writes several only into a complete MIME entity).
 *
 * <p>{@link #toBytes()} writes the message back. Message headers come out exactly as parsed; MIME headers come out
 * as {@code name: value} on one line, so a parsed body is reproduced byte for byte unless its MIME headers were
 * folded or spaced differently, or it was read leniently.
 *
 * <p>Instances are immutable and thread-safe. {@link #equals(Object)} compares everything {@link #toBytes()}
 * writes.
 */
public final class CpimMessage {

    private static final byte[] CRLF = {'\r', '\n'};

    private final List<CpimMimeHeader> mimeHeaders;
    private final List<CpimHeader> messageHeaders;
    private final List<CpimMimeHeader> contentHeaders;
    private final byte[] content;
    private final CpimAddress from;
    private final List<CpimAddress> to;
    private final List<CpimAddress> cc;
    private final OffsetDateTime dateTime;
    private final List<CpimSubject> subjects;
    private final List<CpimNamespace> namespaces;
    private final List<CpimParser.Requirement> requirements;
    private final int requireLine;
    private final MsrpContentType contentType;

    CpimMessage(CpimParser parsed) {
        mimeHeaders = List.copyOf(parsed.mimeHeaders);
        messageHeaders = List.copyOf(parsed.messageHeaders);
        contentHeaders = List.copyOf(parsed.contentHeaders);
        content = parsed.content;
        from = parsed.from;
        to = List.copyOf(parsed.to);
        cc = List.copyOf(parsed.cc);
        dateTime = parsed.dateTime;
        subjects = List.copyOf(parsed.subjects);
        namespaces = List.copyOf(parsed.namespaces);
        requirements = List.copyOf(parsed.requirements);
        requireLine = parsed.requireLine;
        contentType = parsed.contentType;
    }

    /**
     * Parses a {@code message/cpim} MSRP body: message headers, a blank line, the encapsulated MIME headers, a
     * blank line and the content, with CRLF line ends.
     *
     * <p>Beyond the ABNF of RFC 3862 §3.6 this accepts a space between a quoted display name or an NS prefix and
     * {@code <} (the RFC's own examples put one there), one space after each comma of Require, trailing whitespace
     * in message headers, and folded MIME headers.
     *
     * @param body the body of the MSRP message, all chunks put together
     * @return the message
     * @throws NullPointerException if {@code body} is {@code null}
     * @throws CpimParseException   if the body is not a message/cpim body; the exception names the line and rule
     */
    public static CpimMessage parse(byte[] body) {
        return CpimParser.parse(Objects.requireNonNull(body, "body"), CpimParser.Layout.MSRP_BODY);
    }

    /**
     * Parses like {@link #parse(byte[])}, and also accepts the body of RFC 4975 §11.4 as printed: a line whose name
     * starts with {@code Content-} (in any case) that follows at least one message header ends the message headers
     * as the blank line would, and starts the encapsulated MIME headers. RFC 3862 §4 defines no message header of
     * such a name; a message that uses one in the default namespace is read differently by this method.
     *
     * @param body the body of the MSRP message, all chunks put together
     * @return the message; {@link #toBytes()} writes it with the blank line
     * @throws NullPointerException if {@code body} is {@code null}
     * @throws CpimParseException   if the body is not a message/cpim body even so
     */
    public static CpimMessage parseLenient(byte[] body) {
        return CpimParser.parse(Objects.requireNonNull(body, "body"), CpimParser.Layout.MSRP_BODY_LENIENT);
    }

    /**
     * Parses a complete message/cpim MIME entity (RFC 3862 §2, §5.1): MIME headers with
     * {@code Content-Type: message/cpim} (in any case), a blank line, then what {@link #parse(byte[])} reads. Use
     * it for a message/cpim part taken out of a multipart, such as the {@code multipart/signed} of §5.2.
     *
     * @param entity the MIME entity
     * @return the message, with the MIME headers in {@link #mimeHeaders()}
     * @throws NullPointerException if {@code entity} is {@code null}
     * @throws CpimParseException   if the entity is not a message/cpim entity; the exception names the line and rule
     */
    public static CpimMessage parseMimeEntity(byte[] entity) {
        return CpimParser.parse(Objects.requireNonNull(entity, "entity"), CpimParser.Layout.MIME_ENTITY);
    }

    /**
     * Starts building a message.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Tells whether a content type is {@code message/cpim}, ignoring case and parameters.
     *
     * @param contentType a content type, e.g. the MSRP {@code Content-Type} of a SEND
     * @return {@code true} for {@code message/cpim}
     * @throws NullPointerException if {@code contentType} is {@code null}
     */
    public static boolean isCpim(MsrpContentType contentType) {
        return contentType.mediaType().equals("message/cpim");
    }

    /**
     * Tells whether a peer accepts the content wrapped in a message: whether its content type matches an entry of
     * the peer's {@code accept-types} or {@code accept-wrapped-types} ({@code *}, {@code type/*} or
     * {@code type/subtype}, parameters ignored). RFC 4975 §8.6 lets a type listed only in
     * {@code accept-wrapped-types} arrive only wrapped, and a type listed in {@code accept-types} arrive both ways,
     * so both lists count here. Whether message/cpim itself is accepted as the root type is the caller's check.
     *
     * @param message            the received or outgoing message
     * @param acceptTypes        the format entries of the {@code accept-types} attribute
     * @param acceptWrappedTypes the format entries of the {@code accept-wrapped-types} attribute; empty if absent
     * @return {@code true} if the content type of {@code message} is accepted wrapped; {@code false} means 415
     * @throws NullPointerException     if an argument or an entry is {@code null}
     * @throws IllegalArgumentException if an entry is neither {@code *} nor {@code type/subtype}
     */
    public static boolean acceptsWrapped(CpimMessage message, List<String> acceptTypes,
            List<String> acceptWrappedTypes) {
        MsrpContentType wrapped = message.contentType();
        return Stream.concat(acceptTypes.stream(), acceptWrappedTypes.stream()).anyMatch(wrapped::matches);
    }

    /**
     * Returns the MIME headers before the message headers (RFC 3862 §2.1).
     *
     * @return the headers in order; empty for an MSRP body
     */
    public List<CpimMimeHeader> mimeHeaders() {
        return mimeHeaders;
    }

    /**
     * Returns every message header, typed or not, in the order written.
     *
     * @return an unmodifiable list
     */
    public List<CpimHeader> messageHeaders() {
        return messageHeaders;
    }

    /**
     * Returns the message headers of a name, compared exactly as RFC 3862 §2.2 says.
     *
     * @param headerName the name as written, with its prefix if it has one, e.g. {@code MyFeatures.WackyOption}
     * @return the headers in order; empty if there are none
     * @throws NullPointerException if {@code headerName} is {@code null}
     */
    public List<CpimHeader> messageHeaders(String headerName) {
        Objects.requireNonNull(headerName, "headerName");
        return messageHeaders.stream().filter(h -> h.headerName().equals(headerName)).toList();
    }

    /**
     * Returns the message headers of a name in a namespace, whatever prefix the message binds to it (RFC 3862 §3.4).
     *
     * @param namespaceUri the namespace URI, e.g. {@code mid:MessageFeatures@id.foo.com}
     * @param name         the name without prefix, e.g. {@code VitalMessageOption}
     * @return the headers in order; empty if there are none
     * @throws NullPointerException if an argument is {@code null}
     */
    public List<CpimHeader> messageHeadersInNamespace(String namespaceUri, String name) {
        Objects.requireNonNull(namespaceUri, "namespaceUri");
        Objects.requireNonNull(name, "name");
        return messageHeaders.stream()
                .filter(h -> h.namespaceUri().equals(namespaceUri) && h.name().equals(name))
                .toList();
    }

    /**
     * Returns the sender (RFC 3862 §4.1).
     *
     * @return the From address, or {@code null} if there is no From header
     */
    public CpimAddress from() {
        return from;
    }

    /**
     * Returns the recipients (RFC 3862 §4.2).
     *
     * @return the To addresses in order; empty if there are none
     */
    public List<CpimAddress> to() {
        return to;
    }

    /**
     * Returns the courtesy-copy recipients (RFC 3862 §4.3).
     *
     * @return the cc addresses in order; empty if there are none
     */
    public List<CpimAddress> cc() {
        return cc;
    }

    /**
     * Returns when the sender sent the message (RFC 3862 §4.4), with the offset it was written with. A leap second
     * (second 60, RFC 3339 §5.6, §5.7) is read as second 59 of the same minute, since {@link OffsetDateTime} has no
     * leap seconds.
     *
     * @return the DateTime value, or {@code null} if there is no DateTime header
     */
    public OffsetDateTime dateTime() {
        return dateTime;
    }

    /**
     * Returns the subjects (RFC 3862 §4.5), one per Subject header.
     *
     * @return the subjects in order; empty if there are none
     */
    public List<CpimSubject> subjects() {
        return subjects;
    }

    /**
     * Returns the namespace declarations (RFC 3862 §4.6), one per NS header.
     *
     * @return the declarations in order; empty if there are none
     */
    public List<CpimNamespace> namespaces() {
        return namespaces;
    }

    /**
     * Returns the headers and features the recipient must understand (RFC 3862 §3.5, §4.7).
     *
     * @return the names listed by the Require header as written, e.g. {@code MyFeatures.VitalMessageOption};
     *         empty if there is no Require header
     */
    public List<String> require() {
        return requirements.stream().map(CpimParser.Requirement::headerName).toList();
    }

    /**
     * Checks that the recipient understands everything the Require header lists (RFC 3862 §3.5). The headers of
     * RFC 3862 §4 in {@code urn:ietf:params:cpim-headers:} count as understood, since this class reads them all;
     * for any other name {@code understands} decides, given the namespace URI the name resolves to and the name
     * without prefix.
     *
     * @param understands tells whether the recipient implements a header or feature, e.g.
     *                    {@code (ns, name) -> ns.equals("mid:MessageFeatures@id.foo.com") && name.equals("Vital")}
     * @throws NullPointerException if {@code understands} is {@code null}
     * @throws CpimParseException   for the first name that is not understood, at the line of the Require header
     */
    public void requireUnderstood(BiPredicate<String, String> understands) {
        Objects.requireNonNull(understands, "understands");
        for (CpimParser.Requirement requirement : requirements) {
            boolean core = requirement.namespaceUri().equals(CPIM_NAMESPACE)
                    && CORE_HEADERS.contains(requirement.name());
            if (!core && !understands.test(requirement.namespaceUri(), requirement.name())) {
                throw new CpimParseException(requireLine, "RFC 3862 §3.5", "Require lists "
                        + quote(requirement.headerName()) + " in namespace " + quote(requirement.namespaceUri())
                        + ", which the recipient does not understand");
            }
        }
    }

    /**
     * Returns the type of the encapsulated content (RFC 3862 §2.4).
     *
     * @return the parsed {@code Content-Type} of the encapsulated MIME headers
     */
    public MsrpContentType contentType() {
        return contentType;
    }

    /**
     * Returns the encapsulated MIME headers, {@code Content-Type} among them.
     *
     * @return the headers in order
     */
    public List<CpimMimeHeader> contentHeaders() {
        return contentHeaders;
    }

    /**
     * Returns the value of an encapsulated MIME header, such as {@code Content-ID} or {@code Content-Disposition}.
     *
     * @param name the header name, in any case
     * @return the value of the first header of that name, or {@code null} if there is none
     * @throws NullPointerException if {@code name} is {@code null}
     */
    public String contentHeader(String name) {
        Objects.requireNonNull(name, "name");
        return contentHeaders.stream().filter(h -> h.hasName(name)).map(CpimMimeHeader::value).findFirst()
                .orElse(null);
    }

    /**
     * Returns the encapsulated content.
     *
     * @return a copy of the content bytes
     */
    public byte[] content() {
        return content.clone();
    }

    /**
     * Returns the encapsulated content decoded with the {@code charset} parameter of its content type, or UTF-8
     * when there is none. Malformed input is replaced by U+FFFD.
     *
     * @return the content as text
     * @throws IllegalArgumentException if the charset is unknown to this Java runtime
     */
    public String contentAsText() {
        String charset = contentType.parameter("charset");
        return new String(content, charset == null ? StandardCharsets.UTF_8 : Charset.forName(charset));
    }

    /**
     * Writes the message with CRLF line ends: the MIME headers and a blank line if there are any, the message
     * headers, a blank line, the encapsulated MIME headers, a blank line and the content.
     *
     * @return the bytes, a new array on each call
     */
    public byte[] toBytes() {
        return write(mimeHeaders, messageHeaders.stream().map(CpimHeader::toString).toList(), contentHeaders,
                content);
    }

    /**
     * Compares the MIME headers, message headers, encapsulated MIME headers and content.
     *
     * @param o the other object
     * @return {@code true} if {@code o} is a {@code CpimMessage} that {@link #toBytes()} writes identically
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof CpimMessage other && mimeHeaders.equals(other.mimeHeaders)
                && messageHeaders.equals(other.messageHeaders) && contentHeaders.equals(other.contentHeaders)
                && Arrays.equals(content, other.content);
    }

    /**
     * Returns a hash code consistent with {@link #equals(Object)}.
     *
     * @return the hash code
     */
    @Override
    public int hashCode() {
        return Objects.hash(mimeHeaders, messageHeaders, contentHeaders, Arrays.hashCode(content));
    }

    /**
     * Describes the message for logs: sender, recipients, content type and content length, not the content.
     *
     * @return e.g. {@code CpimMessage[from=Alice <sip:alice@example.com>, to=[Bob <sip:bob@example.com>],
     *         contentType=text/plain, 14 content bytes]}
     */
    @Override
    public String toString() {
        return "CpimMessage[from=" + from + ", to=" + to + ", contentType=" + contentType + ", " + content.length
                + " content bytes]";
    }

    private static byte[] write(List<CpimMimeHeader> mimeHeaders, List<String> messageHeaderLines,
            List<CpimMimeHeader> contentHeaders, byte[] content) {
        StringBuilder head = new StringBuilder(256);
        if (!mimeHeaders.isEmpty()) {
            mimeHeaders.forEach(h -> head.append(h).append("\r\n"));
            head.append("\r\n");
        }
        messageHeaderLines.forEach(line -> head.append(line).append("\r\n"));
        head.append("\r\n");
        contentHeaders.forEach(h -> head.append(h).append("\r\n"));
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.UTF_8);
        byte[] bytes = Arrays.copyOf(headBytes, headBytes.length + content.length);
        System.arraycopy(content, 0, bytes, headBytes.length, content.length);
        return bytes;
    }

    /**
     * Builds a {@link CpimMessage}. Message headers are written in the order of the calls, so declare a namespace
     * with {@link #namespace(String, String)} before a header or Require entry that uses its prefix. From and at
     * least one To are required, as RFC 4975 §13 requires them of every message/cpim body an MSRP endpoint sends;
     * From, DateTime and Require may be set once, and so may Subject in an MSRP body (§13), that is without
     * {@link #mimeHeader(String, String) MIME headers}. Header text is encoded as RFC 3862 §2.3.1 says: UTF-8, with
     * backslash and control characters escaped.
     *
     * <p>{@link #build()} writes the message and parses it back, so a built message is exactly what a peer reads.
     * Builders are not thread-safe.
     */
    public static final class Builder {

        /** RFC 3339 §5.6 date-time, with the seconds always written and the fraction only when not zero. */
        private static final DateTimeFormatter RFC_3339 = new DateTimeFormatterBuilder()
                .appendPattern("uuuu-MM-dd'T'HH:mm:ss")
                .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
                .appendOffset("+HH:MM", "Z")
                .toFormatter(Locale.ROOT);

        private final List<CpimMimeHeader> mimeHeaders = new ArrayList<>();
        private final List<String> messageHeaderLines = new ArrayList<>();
        private final List<CpimMimeHeader> contentHeaders = new ArrayList<>();
        private final Map<String, String> prefixes = new HashMap<>();
        private boolean hasFrom;
        private boolean hasTo;
        private boolean hasDateTime;
        private boolean hasRequire;
        private int subjects;
        private MsrpContentType contentType;
        private byte[] content;

        private Builder() {
        }

        /**
         * Adds a MIME header before the message headers (RFC 3862 §2.1). With any of them the message is written
         * as a complete MIME entity, which {@link CpimMessage#parseMimeEntity(byte[])} reads, and one of them must
         * be {@code Content-Type} with a message/cpim value. Leave them out for an MSRP body, whose MSRP
         * {@code Content-Type} header plays their part.
         *
         * @param name  the header name, printable US-ASCII without space or colon, e.g. {@code Content-Type}
         * @param value the value without control characters other than tab and without whitespace at either end
         * @return this
         * @throws NullPointerException     if an argument is {@code null}
         * @throws IllegalArgumentException if the name or value cannot be written, or a Content-Type is not
         *                                  message/cpim
         */
        public Builder mimeHeader(String name, String value) {
            CpimMimeHeader header = mimeHeaderOf(name, value);
            if (header.hasName("Content-Type") && !isCpimValue(value)) {
                throw new IllegalArgumentException("The MIME headers of a CPIM message give Content-Type "
                        + "message/cpim, not " + quote(value) + " (RFC 3862 §2.1)");
            }
            mimeHeaders.add(header);
            return this;
        }

        /**
         * Adds the From header (RFC 3862 §4.1).
         *
         * @param sender the sender
         * @return this
         * @throws NullPointerException  if {@code sender} is {@code null}
         * @throws IllegalStateException if From was added before (RFC 4975 §13)
         */
        public Builder from(CpimAddress sender) {
            Objects.requireNonNull(sender, "sender");
            hasFrom = addOnce(hasFrom, "From", "From: " + sender.toHeaderValue());
            return this;
        }

        /**
         * Adds a To header (RFC 3862 §4.2); call it once per recipient.
         *
         * @param recipient a recipient
         * @return this
         * @throws NullPointerException if {@code recipient} is {@code null}
         */
        public Builder to(CpimAddress recipient) {
            Objects.requireNonNull(recipient, "recipient");
            messageHeaderLines.add("To: " + recipient.toHeaderValue());
            hasTo = true;
            return this;
        }

        /**
         * Adds a cc header (RFC 3862 §4.3); call it once per courtesy-copy recipient.
         *
         * @param recipient a courtesy-copy recipient
         * @return this
         * @throws NullPointerException if {@code recipient} is {@code null}
         */
        public Builder cc(CpimAddress recipient) {
            Objects.requireNonNull(recipient, "recipient");
            messageHeaderLines.add("cc: " + recipient.toHeaderValue());
            return this;
        }

        /**
         * Adds the DateTime header (RFC 3862 §4.4), written as an RFC 3339 date-time with the offset of
         * {@code sentAt}, e.g. {@code 2006-05-15T15:02:31-03:00}, or {@code Z} for UTC; fractions of a second are
         * written only when not zero.
         *
         * @param sentAt when the message is sent
         * @return this
         * @throws NullPointerException     if {@code sentAt} is {@code null}
         * @throws IllegalArgumentException if the year is outside 0000 to 9999 or the offset has seconds, which
         *                                  RFC 3339 cannot express
         * @throws IllegalStateException    if DateTime was added before (RFC 4975 §13)
         */
        public Builder dateTime(OffsetDateTime sentAt) {
            Objects.requireNonNull(sentAt, "sentAt");
            if (sentAt.getYear() < 0 || sentAt.getYear() > 9999) {
                throw new IllegalArgumentException("DateTime year " + sentAt.getYear()
                        + " has not four digits (RFC 3339 §5.6)");
            }
            ZoneOffset offset = sentAt.getOffset();
            if (offset.getTotalSeconds() % 60 != 0) {
                throw new IllegalArgumentException("DateTime offset " + offset + " has seconds (RFC 3339 §5.6)");
            }
            hasDateTime = addOnce(hasDateTime, "DateTime", "DateTime: " + RFC_3339.format(sentAt));
            return this;
        }

        /**
         * Adds a Subject header without language (RFC 3862 §4.5). An MSRP body has at most one Subject (RFC 4975
         * §13); {@link #build()} checks that.
         *
         * @param text the subject; not empty and not ending with a space, since a header line must not end with
         *             whitespace (RFC 3862 §2.2)
         * @return this
         * @throws NullPointerException     if {@code text} is {@code null}
         * @throws IllegalArgumentException if {@code text} is empty or ends with a space
         */
        public Builder subject(String text) {
            messageHeaderLines.add("Subject: " + encodeText("Subject", text));
            subjects++;
            return this;
        }

        /**
         * Adds a Subject header in a language (RFC 3862 §3.3, §4.5), written {@code Subject:;lang=fr text}. RFC
         * 4975 §13 allows one Subject in an MSRP body, which {@link #build()} checks; RFC 3862 §5.1 shows one per
         * language in a complete MIME entity, which the builder writes when {@link #mimeHeader(String, String) MIME
         * headers} are added.
         *
         * @param text        the subject, as for {@link #subject(String)}
         * @param languageTag an RFC 3066 language tag, e.g. {@code fr} or {@code en-GB}
         * @return this
         * @throws NullPointerException     if an argument is {@code null}
         * @throws IllegalArgumentException if {@code text} is empty or ends with a space, or {@code languageTag} is
         *                                  not a language tag
         */
        public Builder subject(String text, String languageTag) {
            Objects.requireNonNull(languageTag, "languageTag");
            if (!CpimSyntax.isLanguageTag(languageTag)) {
                throw new IllegalArgumentException("Invalid language tag " + quote(languageTag)
                        + ": expected 1 to 8 letters, then subtags of 1 to 8 letters or digits after '-' (RFC 3066)");
            }
            messageHeaderLines.add("Subject:;lang=" + languageTag + " " + encodeText("Subject", text));
            subjects++;
            return this;
        }

        /**
         * Adds an NS header that binds a prefix to a namespace (RFC 3862 §3.4, §4.6), written
         * {@code NS: prefix <uri>}. Headers and Require entries added after it may use the prefix.
         *
         * @param prefix a Name: US-ASCII letters, digits and {@code !#$%&'*+-^_`|~}, e.g. {@code MyFeatures}
         * @param uri    an absolute URI without fragment, e.g. {@code mid:MessageFeatures@id.foo.com}
         * @return this
         * @throws NullPointerException     if an argument is {@code null}
         * @throws IllegalArgumentException if {@code prefix} is not a Name or {@code uri} not such a URI
         */
        public Builder namespace(String prefix, String uri) {
            Objects.requireNonNull(prefix, "prefix");
            Objects.requireNonNull(uri, "uri");
            if (!CpimSyntax.isName(prefix)) {
                throw new IllegalArgumentException("Invalid namespace prefix " + quote(prefix)
                        + ": not a Name (RFC 3862 §3.6)");
            }
            String problem = CpimParser.namespaceUriProblem(uri);
            if (problem != null) {
                throw new IllegalArgumentException("Invalid namespace: " + problem + " (RFC 3862 §3.4)");
            }
            prefixes.put(prefix, uri);
            messageHeaderLines.add("NS: " + prefix + " <" + uri + ">");
            return this;
        }

        /**
         * Adds the Require header (RFC 3862 §3.5, §4.7), listing headers or features the recipient must
         * understand, written {@code Require: A,B}.
         *
         * @param headerNames one or more header names, each with a prefix declared before if it has one, e.g.
         *                    {@code MyFeatures.VitalMessageOption}
         * @return this
         * @throws NullPointerException     if the array or a name is {@code null}
         * @throws IllegalArgumentException if there is no name, or a name is not a Header-name or uses an
         *                                  undeclared prefix
         * @throws IllegalStateException    if Require was added before (RFC 4975 §13)
         */
        public Builder require(String... headerNames) {
            if (headerNames.length == 0) {
                throw new IllegalArgumentException("Require lists at least one header name (RFC 3862 §4.7)");
            }
            for (String headerName : headerNames) {
                namespaceOf(headerName);
            }
            hasRequire = addOnce(hasRequire, "Require", "Require: " + String.join(",", headerNames));
            return this;
        }

        /**
         * Adds an extension header, such as {@code MyFeatures.VitalMessageOption: Confirmation-requested} (RFC
         * 3862 §3.4). The value is text: backslash and control characters are escaped (§2.3.1), quote characters
         * are written as they are.
         *
         * @param headerName the name, with a prefix declared before by {@link #namespace(String, String)} if it has
         *                   one; not one of the headers of RFC 3862 §4, which have their own methods, and not
         *                   starting with {@code Content-}, which {@link CpimMessage#parseLenient(byte[])} reads
         *                   as the start of the encapsulated MIME headers
         * @param value      the value; not empty and not ending with a space (RFC 3862 §2.2)
         * @return this
         * @throws NullPointerException     if an argument is {@code null}
         * @throws IllegalArgumentException if the name is not a Header-name, uses an undeclared prefix, names a
         *                                  header of RFC 3862 §4 or starts with {@code Content-}, or the value is
         *                                  empty or ends with a space
         */
        public Builder header(String headerName, String value) {
            String namespaceUri = namespaceOf(headerName);
            String name = headerName.substring(headerName.indexOf('.') + 1);
            if (namespaceUri.equals(CPIM_NAMESPACE) && CORE_HEADERS.contains(name)) {
                throw new IllegalArgumentException(quote(headerName)
                        + " is a header of RFC 3862 §4: add it with its own builder method");
            }
            if (headerName.regionMatches(true, 0, "Content-", 0, "Content-".length())) {
                throw new IllegalArgumentException(quote(headerName) + " would pass for an encapsulated MIME header"
                        + " with parsers that accept RFC 4975 §11.4 as printed; add it with contentHeader(...)");
            }
            messageHeaderLines.add(headerName + ": " + encodeText(headerName, value));
            return this;
        }

        /**
         * Adds an encapsulated MIME header other than Content-Type, such as {@code Content-ID} or
         * {@code Content-Disposition} (RFC 3862 §2.4). They are written after Content-Type, in the order added.
         *
         * @param name  the header name, printable US-ASCII without space or colon; not Content-Type
         * @param value the value without control characters other than tab and without whitespace at either end
         * @return this
         * @throws NullPointerException     if an argument is {@code null}
         * @throws IllegalArgumentException if the name or value cannot be written, or the name is Content-Type
         */
        public Builder contentHeader(String name, String value) {
            CpimMimeHeader header = mimeHeaderOf(name, value);
            if (header.hasName("Content-Type")) {
                throw new IllegalArgumentException("Set Content-Type with content(...) or text(...)");
            }
            contentHeaders.add(header);
            return this;
        }

        /**
         * Sets the encapsulated content and its type.
         *
         * @param type  the content type, e.g. {@code text/html;charset=UTF-8}
         * @param bytes the content; copied
         * @return this
         * @throws NullPointerException  if an argument is {@code null}
         * @throws IllegalStateException if the content was set before
         */
        public Builder content(MsrpContentType type, byte[] bytes) {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(bytes, "bytes");
            if (contentType != null) {
                throw new IllegalStateException("The content is already set");
            }
            contentType = type;
            content = bytes.clone();
            return this;
        }

        /**
         * Sets the encapsulated content to text, as {@code text/plain;charset=UTF-8}.
         *
         * @param text the text
         * @return this
         * @throws NullPointerException  if {@code text} is {@code null}
         * @throws IllegalStateException if the content was set before
         */
        public Builder text(String text) {
            Objects.requireNonNull(text, "text");
            return content(MsrpContentType.of("text", "plain").withParameter("charset", "UTF-8"),
                    text.getBytes(StandardCharsets.UTF_8));
        }

        /**
         * Builds the message.
         *
         * @return the message
         * @throws IllegalStateException if From, every To or the content is missing, MIME headers were added
         *                               without Content-Type, or Subject was added more than once without MIME
         *                               headers (RFC 4975 §13)
         */
        public CpimMessage build() {
            if (!hasFrom || !hasTo) {
                throw new IllegalStateException("A message/cpim body sent over MSRP has From and To (RFC 4975 §13)");
            }
            if (contentType == null) {
                throw new IllegalStateException("No content: call content(...) or text(...)");
            }
            if (!mimeHeaders.isEmpty() && mimeHeaders.stream().noneMatch(h -> h.hasName("Content-Type"))) {
                throw new IllegalStateException("MIME headers without Content-Type: message/cpim (RFC 3862 §2.1)");
            }
            if (mimeHeaders.isEmpty() && subjects > 1) {
                throw new IllegalStateException("Subject is added " + subjects + " times; it may occur once in an MSRP"
                        + " body (RFC 4975 §13), several only after mimeHeader(...) (RFC 3862 §5.1)");
            }
            List<CpimMimeHeader> encapsulatedHeaders = new ArrayList<>(contentHeaders.size() + 1);
            encapsulatedHeaders.add(new CpimMimeHeader("Content-Type", contentType.toHeaderValue()));
            encapsulatedHeaders.addAll(contentHeaders);
            byte[] bytes = write(mimeHeaders, messageHeaderLines, encapsulatedHeaders, content);
            return CpimParser.parse(bytes, mimeHeaders.isEmpty()
                    ? CpimParser.Layout.MSRP_BODY : CpimParser.Layout.MIME_ENTITY);
        }

        private boolean addOnce(boolean added, String name, String line) {
            if (added) {
                throw new IllegalStateException(name + " is already added; it may occur once (RFC 4975 §13)");
            }
            messageHeaderLines.add(line);
            return true;
        }

        /** Checks a Header-name and returns the namespace it resolves to at this point of the header list. */
        private String namespaceOf(String headerName) {
            Objects.requireNonNull(headerName, "headerName");
            if (!CpimSyntax.isHeaderName(headerName)) {
                throw new IllegalArgumentException("Invalid header name " + quote(headerName)
                        + ": not Name or Name-prefix \".\" Name (RFC 3862 §3.6)");
            }
            int dot = headerName.indexOf('.');
            if (dot < 0) {
                return CPIM_NAMESPACE;
            }
            String uri = prefixes.get(headerName.substring(0, dot));
            if (uri == null) {
                throw new IllegalArgumentException("Prefix of " + quote(headerName)
                        + " is not declared: call namespace(prefix, uri) first (RFC 3862 §3.4)");
            }
            return uri;
        }

        private static String encodeText(String headerName, String text) {
            Objects.requireNonNull(text, "text");
            String encoded = CpimSyntax.escape(text, false);
            if (encoded.isEmpty() || encoded.endsWith(" ")) {
                throw new IllegalArgumentException("The value of " + quote(headerName) + " is empty or ends with a"
                        + " space, which would end its line with whitespace (RFC 3862 §2.2)");
            }
            return encoded;
        }

        private static CpimMimeHeader mimeHeaderOf(String name, String value) {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(value, "value");
            if (name.isEmpty() || name.chars().anyMatch(c -> c <= ' ' || c == ':' || c >= 0x7F)) {
                throw new IllegalArgumentException("Invalid MIME header name " + quote(name)
                        + ": printable US-ASCII without space or ':' (RFC 5322 §3.6.8)");
            }
            if (value.chars().anyMatch(c -> c != '\t' && CpimSyntax.isControl(c))) {
                throw new IllegalArgumentException("The value of MIME header " + quote(name)
                        + " holds a control character");
            }
            if (!value.isEmpty() && (isWhitespace(value.charAt(0)) || isWhitespace(value.charAt(value.length() - 1)))) {
                throw new IllegalArgumentException("The value of MIME header " + quote(name)
                        + " starts or ends with whitespace, which a parser drops");
            }
            return new CpimMimeHeader(name, value);
        }

        private static boolean isWhitespace(char c) {
            return c == ' ' || c == '\t';
        }

        private static boolean isCpimValue(String value) {
            try {
                return isCpim(MsrpContentType.parse(value));
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }
}
