package org.parley.msrp.core.cpim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.parley.msrp.core.cpim.CpimTestVectors.read;
import static org.parley.msrp.core.cpim.CpimTestVectors.text;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.parley.msrp.core.codec.MsrpContentType;

class CpimMessageBuildTest {

    private static final CpimAddress ALICE = CpimAddress.of("Alice", "sip:alice@example.com");
    private static final CpimAddress BOB = CpimAddress.of("Bob", "sip:bob@example.com");
    private static final OffsetDateTime SENT_AT = OffsetDateTime.of(2006, 5, 15, 15, 2, 31, 0, ZoneOffset.ofHours(-3));

    @Test
    void buildsTheMessageOfRfc4975Section11_4WithTheBlankLineRfc3862AsksFor() {
        CpimMessage message = CpimMessage.builder()
                .to(BOB)
                .from(ALICE)
                .dateTime(SENT_AT)
                .content(MsrpContentType.of("text", "plain"), "ABCD1234567890".getBytes(StandardCharsets.US_ASCII))
                .build();

        assertThat(text(message.toBytes())).isEqualTo("To: Bob <sip:bob@example.com>\r\n"
                + "From: Alice <sip:alice@example.com>\r\n"
                + "DateTime: 2006-05-15T15:02:31-03:00\r\n"
                + "\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "ABCD1234567890");
        assertThat(message).isEqualTo(CpimMessage.parseLenient(CpimTestVectors.rfc4975Section11_4Body()));
    }

    @Test
    void buildsTheMessageOfRfc3862Section5_1() {
        CpimMessage message = CpimMessage.builder()
                .mimeHeader("Content-type", "Message/CPIM")
                .from(CpimAddress.of("MR SANDERS", "im:piglet@100akerwood.com"))
                .to(CpimAddress.of("Depressed Donkey", "im:eeyore@100akerwood.com"))
                .dateTime(OffsetDateTime.of(2000, 12, 13, 13, 40, 0, 0, ZoneOffset.ofHours(-8)))
                .subject("the weather will be fine today")
                .subject("beau temps prevu pour aujourd'hui", "fr")
                .namespace("MyFeatures", "mid:MessageFeatures@id.foo.com")
                .require("MyFeatures.VitalMessageOption")
                .header("MyFeatures.VitalMessageOption", "Confirmation-requested")
                .header("MyFeatures.WackyMessageOption", "Use-silly-font")
                .content(MsrpContentType.parse("text/xml; charset=utf-8"),
                        "<body>\r\nHere is the text of my message.\r\n</body>".getBytes(StandardCharsets.UTF_8))
                .contentHeader("Content-ID", "<1234567890@foo.com>")
                .build();

        CpimMessage rfc = CpimMessage.parseMimeEntity(read(CpimTestVectors.RFC3862_5_1));
        assertThat(message.messageHeaders()).isEqualTo(rfc.messageHeaders());
        assertThat(message.mimeHeaders()).isEqualTo(rfc.mimeHeaders());
        // The builder writes Content-Type in the strict form of MsrpContentType.toHeaderValue().
        assertThat(text(message.toBytes())).isEqualTo(text(rfc.toBytes())
                .replace("Content-type: text/xml; charset=utf-8", "Content-Type: text/xml;charset=utf-8"));
    }

    @Test
    void roundTripsEveryTypedValueThroughTheWire() {
        OffsetDateTime sentAt = OffsetDateTime.of(2024, 2, 29, 23, 59, 58, 123_000_000,
                ZoneOffset.ofHoursMinutes(5, 30));
        CpimAddress quoted = CpimAddress.of("Doe, John \"JD\" \\ <x>", "sip:jd@example.com");
        CpimAddress unnamed = CpimAddress.of("tel:+1-201-555-0123");
        CpimAddress unicode = CpimAddress.of("Zo\u00eb \u00c5str\u00f6m", "im:zoe@example.com");
        String subject = "tab\there, newline\nthere, \"quotes\" and 'single', back\\slash, \u0001\u007f, \u20ac";

        CpimMessage built = CpimMessage.builder()
                .from(quoted)
                .to(unnamed)
                .to(unicode)
                .cc(ALICE)
                .cc(BOB)
                .dateTime(sentAt)
                .subject(subject, "en-GB")
                .namespace("ext", "http://example.com/ns/")
                .header("ext.Trace", "a\\b")
                .require("ext.Trace", "Subject")
                .text("Gr\u00fc\u00dfe \u2013 caf\u00e9")
                .contentHeader("Content-Disposition", "inline; filename=\"a b.txt\"")
                .build();
        CpimMessage parsed = CpimMessage.parse(built.toBytes());

        assertThat(parsed).isEqualTo(built);
        assertThat(parsed.toBytes()).isEqualTo(built.toBytes());
        assertThat(parsed.from()).isEqualTo(quoted);
        assertThat(parsed.to()).containsExactly(unnamed, unicode);
        assertThat(parsed.cc()).containsExactly(ALICE, BOB);
        assertThat(parsed.dateTime()).isEqualTo(sentAt);
        assertThat(parsed.subjects()).containsExactly(new CpimSubject(subject, "en-GB"));
        assertThat(parsed.messageHeadersInNamespace("http://example.com/ns/", "Trace"))
                .extracting(CpimHeader::value).containsExactly("a\\b");
        assertThat(parsed.require()).containsExactly("ext.Trace", "Subject");
        assertThat(parsed.contentType().toHeaderValue()).isEqualTo("text/plain;charset=UTF-8");
        assertThat(parsed.contentAsText()).isEqualTo("Gr\u00fc\u00dfe \u2013 caf\u00e9");
        assertThat(parsed.contentHeader("content-disposition")).isEqualTo("inline; filename=\"a b.txt\"");
    }

    @Test
    void escapesHeaderTextAsRfc3862Section2_3_1Says() {
        CpimMessage message = CpimMessage.builder()
                .from(CpimAddress.of("Say \"hi\"\\", "sip:a@example.com"))
                .to(BOB)
                .subject("say \"hi\"\tnow\\ \r\n\b\u0001\u007f \u00e9's")
                .text("x")
                .build();

        assertThat(message.messageHeaders()).extracting(CpimHeader::toString).containsExactly(
                "From: \"Say \\\"hi\\\"\\\\\" <sip:a@example.com>",
                "To: Bob <sip:bob@example.com>",
                // Outside a quoted string quotes stay as they are; é is plain UTF-8.
                "Subject: say \"hi\"\\tnow\\\\ \\r\\n\\b\\u0001\\u007f \u00e9's");
        assertThat(text(message.toBytes())).contains("\u00e9's");
    }

    @Test
    void writesDateTimeInRfc3339Form() {
        assertThat(dateTimeLine(OffsetDateTime.of(2001, 2, 1, 12, 16, 49, 0, ZoneOffset.UTC)))
                .isEqualTo("DateTime: 2001-02-01T12:16:49Z");
        assertThat(dateTimeLine(OffsetDateTime.of(2001, 2, 1, 12, 16, 0, 500_000_000, ZoneOffset.ofHours(1))))
                .isEqualTo("DateTime: 2001-02-01T12:16:00.5+01:00");
        assertThat(dateTimeLine(OffsetDateTime.of(999, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHoursMinutes(-9, -30))))
                .isEqualTo("DateTime: 0999-01-02T03:04:05-09:30");
    }

    private static String dateTimeLine(OffsetDateTime sentAt) {
        return CpimMessage.builder().from(ALICE).to(BOB).dateTime(sentAt).text("x").build()
                .messageHeaders("DateTime").get(0).toString();
    }

    @Test
    void writesHeadersInTheOrderOfTheCalls() {
        CpimMessage message = CpimMessage.builder()
                .namespace("a", "urn:example:a")
                .header("a.First", "1")
                .to(BOB)
                .cc(ALICE)
                .from(ALICE)
                .header("a.First", "2")
                .text("x")
                .build();

        assertThat(message.messageHeaders()).extracting(CpimHeader::toString).containsExactly(
                "NS: a <urn:example:a>", "a.First: 1", "To: Bob <sip:bob@example.com>",
                "cc: Alice <sip:alice@example.com>", "From: Alice <sip:alice@example.com>", "a.First: 2");
        assertThat(message.messageHeaders("a.First")).extracting(CpimHeader::value).containsExactly("1", "2");
    }

    static Stream<Arguments> misuse() {
        return Stream.of(
                misuse("no From", b -> b.to(BOB).text("x").build(),
                        IllegalStateException.class, "has From and To (RFC 4975 §13)"),
                misuse("no To", b -> b.from(ALICE).text("x").build(),
                        IllegalStateException.class, "has From and To (RFC 4975 §13)"),
                misuse("no content", b -> b.from(ALICE).to(BOB).build(),
                        IllegalStateException.class, "No content"),
                misuse("second From", b -> b.from(ALICE).from(BOB),
                        IllegalStateException.class, "From is already added; it may occur once (RFC 4975 §13)"),
                misuse("second DateTime", b -> b.dateTime(SENT_AT).dateTime(SENT_AT),
                        IllegalStateException.class, "DateTime is already added"),
                misuse("second Require", b -> b.require("Subject").require("cc"),
                        IllegalStateException.class, "Require is already added"),
                misuse("second Subject in an MSRP body",
                        b -> b.from(ALICE).to(BOB).subject("hi").subject("salut", "fr").text("x").build(),
                        IllegalStateException.class, "Subject is added 2 times; it may occur once in an MSRP body"
                                + " (RFC 4975 §13)"),
                misuse("second content", b -> b.text("a").text("b"),
                        IllegalStateException.class, "The content is already set"),
                misuse("header with an undeclared prefix", b -> b.header("x.Y", "z"),
                        IllegalArgumentException.class, "Prefix of \"x.Y\" is not declared"),
                misuse("Require with an undeclared prefix", b -> b.require("x.Y"),
                        IllegalArgumentException.class, "Prefix of \"x.Y\" is not declared"),
                misuse("empty Require", b -> b.require(),
                        IllegalArgumentException.class, "at least one header name"),
                misuse("core header through header()", b -> b.header("From", "<sip:a@example.com>"),
                        IllegalArgumentException.class, "\"From\" is a header of RFC 3862 §4"),
                misuse("core header under a prefix bound to the CPIM namespace",
                        b -> b.namespace("c", "urn:ietf:params:cpim-headers:").header("c.DateTime", "x"),
                        IllegalArgumentException.class, "\"c.DateTime\" is a header of RFC 3862 §4"),
                misuse("Content- message header", b -> b.header("Content-Type", "text/plain"),
                        IllegalArgumentException.class, "add it with contentHeader"),
                misuse("invalid header name", b -> b.header("a.b.c", "x"),
                        IllegalArgumentException.class, "Invalid header name \"a.b.c\""),
                misuse("empty header value", b -> b.namespace("a", "urn:a:b").header("a.X", ""),
                        IllegalArgumentException.class, "is empty or ends with a space"),
                misuse("Subject ending with a space", b -> b.subject("hi "),
                        IllegalArgumentException.class, "is empty or ends with a space"),
                misuse("bad language tag", b -> b.subject("hi", "fr_FR"),
                        IllegalArgumentException.class, "Invalid language tag \"fr_FR\""),
                misuse("namespace with a fragment", b -> b.namespace("a", "http://example.com/ns#x"),
                        IllegalArgumentException.class, "has a fragment identifier"),
                misuse("namespace prefix with a dot", b -> b.namespace("a.b", "urn:a:b"),
                        IllegalArgumentException.class, "Invalid namespace prefix \"a.b\""),
                misuse("year with five digits",
                        b -> b.dateTime(OffsetDateTime.of(10000, 1, 1, 0, 0, 0, 0, ZoneOffset.UTC)),
                        IllegalArgumentException.class, "has not four digits"),
                misuse("offset with seconds",
                        b -> b.dateTime(OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.ofTotalSeconds(61))),
                        IllegalArgumentException.class, "has seconds"),
                misuse("outer Content-Type other than message/cpim", b -> b.mimeHeader("Content-Type", "text/plain"),
                        IllegalArgumentException.class, "give Content-Type message/cpim"),
                misuse("outer MIME headers without Content-Type",
                        b -> b.mimeHeader("Content-ID", "<1@x>").from(ALICE).to(BOB).text("x").build(),
                        IllegalStateException.class, "MIME headers without Content-Type"),
                misuse("Content-Type through contentHeader()", b -> b.contentHeader("content-type", "text/plain"),
                        IllegalArgumentException.class, "Set Content-Type with content"),
                misuse("MIME header value with a line break", b -> b.contentHeader("Content-ID", "a\r\nb"),
                        IllegalArgumentException.class, "holds a control character"),
                misuse("MIME header value with a leading space", b -> b.contentHeader("Content-ID", " a"),
                        IllegalArgumentException.class, "starts or ends with whitespace"),
                misuse("MIME header name with a space", b -> b.contentHeader("Content ID", "a"),
                        IllegalArgumentException.class, "Invalid MIME header name"));
    }

    private static Arguments misuse(String description, Consumer<CpimMessage.Builder> use,
            Class<? extends RuntimeException> type, String messagePart) {
        return Arguments.of(Named.of(description, use), type, messagePart);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("misuse")
    void refusesMisuse(Consumer<CpimMessage.Builder> use, Class<? extends RuntimeException> type, String messagePart) {
        assertThatThrownBy(() -> use.accept(CpimMessage.builder()))
                .isExactlyInstanceOf(type)
                .hasMessageContaining(messagePart);
    }
}
