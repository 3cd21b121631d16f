package org.parley.msrp.core.cpim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.msrp.core.cpim.CpimTestVectors.crlf;

import java.nio.charset.StandardCharsets;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class CpimMalformedTest {

    private static final Function<byte[], CpimMessage> STRICT = CpimMessage::parse;
    private static final Function<byte[], CpimMessage> LENIENT = CpimMessage::parseLenient;
    private static final Function<byte[], CpimMessage> MIME_ENTITY = CpimMessage::parseMimeEntity;

    private static final String FROM = "From: <sip:a@example.com>";
    private static final String TEXT_PLAIN = "Content-Type: text/plain";

    /** A body whose first message header is {@code header}, followed by a valid rest. */
    private static byte[] withHeader(String header) {
        return crlf(header, "", TEXT_PLAIN, "", "");
    }

    static Stream<Arguments> malformed() {
        return Stream.of(
                // Structure (RFC 3862 §2)
                row("no blank line at all", STRICT, crlf(FROM), 1, "RFC 3862 §2",
                        "the body ends before the blank line that ends the message headers"),
                row("no blank line after the message headers", STRICT, crlf(FROM, "To: <sip:b@example.com>", ""), 3,
                        "RFC 3862 §2", "the body ends before the blank line that ends the message headers"),
                row("no blank line after the encapsulated MIME headers", STRICT, crlf(FROM, "", TEXT_PLAIN, "hi"), 4,
                        "RFC 3862 §2", "the body ends before the blank line that ends the encapsulated MIME headers"),
                row("no blank line after the encapsulated MIME headers, read leniently", LENIENT,
                        crlf(FROM, TEXT_PLAIN, "hi"), 3, "RFC 3862 §2",
                        "the body ends before the blank line that ends the encapsulated MIME headers"),
                // Lines (RFC 3862 §2.2)
                row("LF-only line ends", STRICT,
                        "From: <sip:a@example.com>\n\nContent-Type: text/plain\n\n".getBytes(StandardCharsets.UTF_8),
                        1, "RFC 3862 §2.2", "the line ends with LF without CR; lines end with CRLF"),
                row("an LF-only line end in the encapsulated MIME headers", STRICT,
                        crlf(FROM, "", TEXT_PLAIN + "\n", ""), 3, "RFC 3862 §2.2",
                        "the line ends with LF without CR; lines end with CRLF"),
                row("CR without LF", STRICT, crlf(FROM + "\rTo: <sip:b@example.com>", "", TEXT_PLAIN, "", ""), 1,
                        "RFC 3862 §2.2", "CR without LF; lines end with CRLF"),
                row("a folded message header", STRICT, crlf("Subject: a", " b", "", TEXT_PLAIN, "", ""), 2,
                        "RFC 3862 §2.2", "the line starts with whitespace; message headers are never folded"),
                row("an unescaped tab in a message header", STRICT, withHeader("Subject: a\tb"), 1, "RFC 3862 §2.2",
                        "control character U+0009 in a message header; RFC 3862 §2.3 escapes it"),
                row("invalid UTF-8", STRICT, new byte[] {'S', 'u', 'b', 'j', 'e', 'c', 't', ':', ' ', (byte) 0xC3, '(',
                    '\r', '\n', '\r', '\n'}, 1, "RFC 3862 §2.2", "the line is not valid UTF-8"),
                // Header syntax (RFC 3862 §3)
                row("a header line without ':'", STRICT, withHeader("From <sip:a@example.com>"), 1,
                        "RFC 3862 §3.6 Header", "header line \"From <sip:a@example.com>\" has no ':' after its name"),
                row("a header name with a space", STRICT, withHeader("My Header: x"), 1, "RFC 3862 §3.6 Header",
                        "header line \"My Header: x\" has no ':' after its name"),
                row("no space after ':'", STRICT, withHeader("To:<sip:b@example.com>"), 1, "RFC 3862 §3.6 Header",
                        "no space after the ':' of the header"),
                row("no space after the parameters", STRICT, withHeader("Subject:;lang=fr"), 1,
                        "RFC 3862 §3.6 Header", "no space after the ':' and the parameters of the header"),
                row("a header name with two dots", STRICT, withHeader("a.b.c: x"), 1, "RFC 3862 §3.1 Header-name",
                        "header name \"a.b.c\" is not Name or Name-prefix \".\" Name"),
                row("a header name with a separator", STRICT, withHeader("Bad(x): y"), 1, "RFC 3862 §3.1 Header-name",
                        "header name \"Bad(x)\" is not Name or Name-prefix \".\" Name"),
                row("an empty header name", STRICT, withHeader(": y"), 1, "RFC 3862 §3.1 Header-name",
                        "header name \"\" is not Name or Name-prefix \".\" Name"),
                row("a parameter without value", STRICT, withHeader("Subject:;lang Objet"), 1,
                        "RFC 3862 §3.6 Parameter", "the parameter at index 8 is not Param-name \"=\" Param-value"),
                row("a lang parameter that is not a language tag", STRICT, withHeader("Subject:;lang=fr_FR Objet"),
                        1, "RFC 3862 §3.3 Lang-param", "lang value \"fr_FR\" is not an RFC 3066 language tag"),
                row("an undeclared namespace prefix in a header name", STRICT,
                        withHeader("MyFeatures.WackyMessageOption: Use-silly-font"), 1, "RFC 3862 §3.4",
                        "namespace prefix \"MyFeatures\" is not declared by an NS header before it"),
                // Addresses (RFC 3862 §4.1 to §4.3)
                row("an address without '<'", STRICT, withHeader("From: Alice sip:alice@example.com"), 1,
                        "RFC 3862 §4.1 From-header", "From value \"Alice sip:alice@example.com\" is not"
                                + " [ Formal-name ] \"<\" URI \">\": it has no '<' before its URI"),
                row("an address without '>'", STRICT,
                        crlf(FROM, "To: Bob <sip:bob@example.com", "", TEXT_PLAIN, "", ""),
                        2, "RFC 3862 §4.2 To-header", "To value \"Bob <sip:bob@example.com\" is not"
                                + " [ Formal-name ] \"<\" URI \">\": it has no '>' after its URI"),
                row("text after the address", STRICT, withHeader("cc: <sip:c@example.com> x"), 1,
                        "RFC 3862 §4.3 Cc-header", "cc value \"<sip:c@example.com> x\" is not"
                                + " [ Formal-name ] \"<\" URI \">\": it has text after the '>' that closes its URI"),
                row("an address with a relative URI", STRICT, withHeader("To: Bob <bob@example.com>"), 1,
                        "RFC 3862 §4.2 To-header", "To value \"Bob <bob@example.com>\" is not"
                                + " [ Formal-name ] \"<\" URI \">\": URI \"bob@example.com\" does not start with a"
                                + " scheme and ':', so it is not an absolute URI"),
                row("an unclosed quoted display name", STRICT, withHeader("From: \"Alice <sip:a@example.com>"), 1,
                        "RFC 3862 §4.1 From-header", "From value \"\"Alice <sip:a@example.com>\" is not"
                                + " [ Formal-name ] \"<\" URI \">\": its quoted display name is not closed"),
                row("a second From", STRICT, crlf(FROM, "From: <sip:b@example.com>", "", TEXT_PLAIN, "", ""), 2,
                        "RFC 4975 §13", "second From header; it may occur only once"),
                // DateTime (RFC 3862 §4.4)
                row("a DateTime with a space for T", STRICT, withHeader("DateTime: 2006-05-15 15:02:31-03:00"), 1,
                        "RFC 3862 §4.4 DateTime-header", "DateTime value \"2006-05-15 15:02:31-03:00\" is not an"
                                + " RFC 3339 date-time such as 2006-05-15T15:02:31-03:00"),
                row("a DateTime without offset", STRICT, withHeader("DateTime: 2006-05-15T15:02:31"), 1,
                        "RFC 3862 §4.4 DateTime-header", "DateTime value \"2006-05-15T15:02:31\" is not an"
                                + " RFC 3339 date-time such as 2006-05-15T15:02:31-03:00"),
                row("a DateTime with second 61", STRICT, withHeader("DateTime: 2016-12-31T23:59:61Z"), 1,
                        "RFC 3862 §4.4 DateTime-header", "DateTime value \"2016-12-31T23:59:61Z\" is not an"
                                + " RFC 3339 date-time such as 2006-05-15T15:02:31-03:00: no such date or time"),
                row("a DateTime on 30 February", STRICT, withHeader("DateTime: 2006-02-30T15:02:31Z"), 1,
                        "RFC 3862 §4.4 DateTime-header", "DateTime value \"2006-02-30T15:02:31Z\" is not an"
                                + " RFC 3339 date-time such as 2006-05-15T15:02:31-03:00: no such date or time"),
                // NS and Require (RFC 3862 §4.6, §4.7)
                row("an NS without '<'", STRICT, withHeader("NS: MyFeatures mid:f@id.foo.com"), 1,
                        "RFC 3862 §4.6 NS-header",
                        "NS value \"MyFeatures mid:f@id.foo.com\" is not [ Name-prefix ] \"<\" URI \">\""),
                row("an NS URI with a fragment", STRICT, withHeader("NS: f <http://example.com/ns#frag>"), 1,
                        "RFC 3862 §4.6 NS-header", "namespace URI \"http://example.com/ns#frag\" has a fragment"
                                + " identifier, which RFC 3862 §3.4 forbids"),
                row("a Require naming an undeclared prefix", STRICT,
                        withHeader("Require: MyFeatures.VitalMessageOption"), 1, "RFC 3862 §3.4",
                        "namespace prefix \"MyFeatures\" is not declared by an NS header before it"),
                row("a Require naming a prefix declared after it", STRICT, crlf("Require: MyFeatures.Vital",
                        "NS: MyFeatures <mid:f@id.foo.com>", "", TEXT_PLAIN, "", ""), 1, "RFC 3862 §3.4",
                        "namespace prefix \"MyFeatures\" is not declared by an NS header before it"),
                row("a Require with an empty entry", STRICT, withHeader("Require: A,,B"), 1,
                        "RFC 3862 §4.7 Require-header", "Require entry \"\" is not a Header-name"),
                // Encapsulated MIME object (RFC 3862 §2.4)
                row("no Content-Type in the encapsulated MIME headers", STRICT,
                        crlf(FROM, "", "Content-ID: <1@example.com>", "", "hi"), 4, "RFC 3862 §2.4",
                        "the encapsulated MIME headers have no Content-Type"),
                row("two Content-Types in the encapsulated MIME headers", STRICT,
                        crlf(FROM, "", TEXT_PLAIN, "content-type: text/html", "", ""), 4, "RFC 3862 §2.4",
                        "the encapsulated MIME headers have a second Content-Type"),
                row("an encapsulated Content-Type that is not a media type", STRICT,
                        crlf(FROM, "", "Content-Type: text", "", ""), 3, "RFC 3862 §2.4",
                        "Content-Type \"text\" is not a media type: Invalid Content-Type header \"text\":"
                                + " missing '/' after type"),
                row("an encapsulated MIME header line without ':'", STRICT,
                        crlf(FROM, "", TEXT_PLAIN, "oops", "", ""), 4, "RFC 5322 §2.2",
                        "MIME header line \"oops\" has no ':'"),
                row("a continuation line first in the encapsulated MIME headers", STRICT,
                        crlf(FROM, "", " text/plain", "", ""), 3, "RFC 5322 §2.2",
                        "continuation line \" text/plain\" without a header before it"),
                // MIME headers before the message headers (RFC 3862 §2.1)
                row("MIME headers with another Content-Type", MIME_ENTITY,
                        crlf(TEXT_PLAIN, "", FROM, "", TEXT_PLAIN, "", ""), 1, "RFC 3862 §2.1",
                        "the MIME headers give Content-Type \"text/plain\" instead of message/cpim"),
                row("MIME headers without Content-Type", MIME_ENTITY,
                        crlf("Content-ID: <1@example.com>", "", FROM, "", TEXT_PLAIN, "", ""), 2, "RFC 3862 §2.1",
                        "the MIME headers have no Content-Type"));
    }

    private static Arguments row(String description, Function<byte[], CpimMessage> parser, byte[] input, int line,
            String rule, String problem) {
        return Arguments.of(Named.of(description, input), parser, line, rule, problem);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformed")
    void namesTheLineAndTheRule(byte[] input, Function<byte[], CpimMessage> parser, int line, String rule,
            String problem) {
        assertThatThrownBy(() -> parser.apply(input))
                .isInstanceOfSatisfying(CpimParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(line);
                    assertThat(e.rule()).isEqualTo(rule);
                })
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("line " + line + ": " + problem + " (" + rule + ")");
    }
}
