package org.parley.msrp.core.cpim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.tuple;
import static org.parley.msrp.core.cpim.CpimTestVectors.crlf;
import static org.parley.msrp.core.cpim.CpimTestVectors.read;
import static org.parley.msrp.core.cpim.CpimTestVectors.text;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.parley.msrp.core.codec.MsrpContentType;

class CpimMessageParseTest {

    /** RFC 4975 §11.4 as printed: no blank line between DateTime and Content-Type. */
    private static final String RFC4975_11_4_BODY = "To: Bob <sip:bob@example.com>\r\n"
            + "From: Alice <sip:alice@example.com>\r\n"
            + "DateTime: 2006-05-15T15:02:31-03:00\r\n"
            + "Content-Type: text/plain\r\n"
            + "\r\n"
            + "ABCD1234567890";

    private static final String PIGLET = "im:piglet@100akerwood.com";
    private static final String EEYORE = "im:eeyore@100akerwood.com";
    private static final String FEATURES = "mid:MessageFeatures@id.foo.com";

    @Test
    void theRfc4975Section11_4BodyIsTheTwoChunkBodiesJoined() {
        byte[] body = CpimTestVectors.rfc4975Section11_4Body();

        // The CRLF after ABCD ends the first chunk's body (RFC 4975 §9), so the content reads ABCD1234567890.
        assertThat(text(body)).isEqualTo(RFC4975_11_4_BODY);
        assertThat(CpimTestVectors.msrpBody(read(CpimTestVectors.RFC4975_CHUNK_1))).hasSize(137);
        assertThat(body).hasSize(147);
    }

    @Test
    void theStrictParserRejectsRfc4975Section11_4AsPrintedAndSaysWhy() {
        byte[] body = CpimTestVectors.rfc4975Section11_4Body();

        assertThatThrownBy(() -> CpimMessage.parse(body)).isInstanceOfSatisfying(CpimParseException.class, e -> {
            assertThat(e.line()).isEqualTo(6);
            assertThat(e.rule()).isEqualTo("RFC 3862 §2");
            assertThat(e).hasMessageStartingWith("line 6: the body ends before the blank line that ends the"
                            + " encapsulated MIME headers; the message headers include \"Content-Type\"")
                    .hasMessageContaining("RFC 4975 §11.4 Figure 14, which CpimMessage.parseLenient reads");
        });
    }

    @Test
    void theLenientParserReadsRfc4975Section11_4() {
        CpimMessage message = CpimMessage.parseLenient(CpimTestVectors.rfc4975Section11_4Body());

        assertThat(message.to()).containsExactly(CpimAddress.of("Bob", "sip:bob@example.com"));
        assertThat(message.from()).isEqualTo(CpimAddress.of("Alice", "sip:alice@example.com"));
        assertThat(message.from().displayName()).isEqualTo("Alice");
        assertThat(message.from().uri()).isEqualTo("sip:alice@example.com");
        assertThat(message.dateTime()).isEqualTo(OffsetDateTime.of(2006, 5, 15, 15, 2, 31, 0, ZoneOffset.ofHours(-3)));
        assertThat(message.cc()).isEmpty();
        assertThat(message.subjects()).isEmpty();
        assertThat(message.require()).isEmpty();
        assertThat(message.mimeHeaders()).isEmpty();
        assertThat(message.messageHeaders()).extracting(CpimHeader::headerName)
                .containsExactly("To", "From", "DateTime");
        assertThat(message.contentType()).isEqualTo(MsrpContentType.of("text", "plain"));
        assertThat(message.contentHeaders()).extracting(CpimMimeHeader::toString)
                .containsExactly("Content-Type: text/plain");
        assertThat(text(message.content())).isEqualTo("ABCD1234567890");
        assertThat(message.contentAsText()).isEqualTo("ABCD1234567890");
    }

    @Test
    void theLenientReadingOfRfc4975Section11_4IsWrittenBackWithTheBlankLine() {
        CpimMessage message = CpimMessage.parseLenient(CpimTestVectors.rfc4975Section11_4Body());

        byte[] written = message.toBytes();

        assertThat(text(written)).isEqualTo("To: Bob <sip:bob@example.com>\r\n"
                + "From: Alice <sip:alice@example.com>\r\n"
                + "DateTime: 2006-05-15T15:02:31-03:00\r\n"
                + "\r\n"
                + "Content-Type: text/plain\r\n"
                + "\r\n"
                + "ABCD1234567890");
        assertThat(CpimMessage.parse(written)).isEqualTo(message);
    }

    @Test
    void theLenientParserReadsAWellFormedBodyAsTheStrictOneDoes() {
        byte[] body = crlf("From: <sip:a@example.com>", "To: <sip:b@example.com>", "",
                "Content-Type: text/plain", "Content-ID: <1@example.com>", "", "hi");

        assertThat(CpimMessage.parseLenient(body)).isEqualTo(CpimMessage.parse(body));
        assertThat(CpimMessage.parseLenient(body).toBytes()).isEqualTo(body);
    }

    @Test
    void theLenientParserDoesNotTakeALeadingMimeHeaderForTheEncapsulatedOnes() {
        byte[] entity = read(CpimTestVectors.RFC3862_5_1);

        assertThatThrownBy(() -> CpimMessage.parseLenient(entity))
                .isInstanceOfSatisfying(CpimParseException.class, e -> assertThat(e.line()).isEqualTo(12))
                .hasMessageContaining("the body starts with \"Content-type\", so it may be a MIME entity");
    }

    @Test
    void readsEveryValueOfRfc3862Section5_1() {
        CpimMessage message = CpimMessage.parseMimeEntity(read(CpimTestVectors.RFC3862_5_1));

        assertThat(message.mimeHeaders()).extracting(CpimMimeHeader::name, CpimMimeHeader::value)
                .containsExactly(tuple("Content-type", "Message/CPIM"));
        assertThat(message.from()).isEqualTo(CpimAddress.of("MR SANDERS", PIGLET));
        assertThat(message.to()).containsExactly(CpimAddress.of("Depressed Donkey", EEYORE));
        assertThat(message.dateTime()).isEqualTo(OffsetDateTime.of(2000, 12, 13, 13, 40, 0, 0, ZoneOffset.ofHours(-8)));
        assertThat(message.subjects()).containsExactly(new CpimSubject("the weather will be fine today", null),
                new CpimSubject("beau temps prevu pour aujourd'hui", "fr"));
        assertThat(message.namespaces()).containsExactly(new CpimNamespace("MyFeatures", FEATURES));
        assertThat(message.require()).containsExactly("MyFeatures.VitalMessageOption");
        assertThat(message.messageHeaders()).extracting(CpimHeader::headerName).containsExactly("From", "To",
                "DateTime", "Subject", "Subject", "NS", "Require", "MyFeatures.VitalMessageOption",
                "MyFeatures.WackyMessageOption");
        assertThat(message.contentType().mediaType()).isEqualTo("text/xml");
        assertThat(message.contentType().parameter("charset")).isEqualTo("utf-8");
        assertThat(message.contentHeaders()).extracting(CpimMimeHeader::name)
                .containsExactly("Content-type", "Content-ID");
        assertThat(message.contentHeader("content-id")).isEqualTo("<1234567890@foo.com>");
        assertThat(message.contentAsText()).isEqualTo("<body>\r\nHere is the text of my message.\r\n</body>");
    }

    @Test
    void findsRfc3862Section5_1ExtensionHeadersByPrefixAndByNamespace() {
        CpimMessage message = CpimMessage.parseMimeEntity(read(CpimTestVectors.RFC3862_5_1));

        CpimHeader vital = message.messageHeaders("MyFeatures.VitalMessageOption").get(0);
        assertThat(vital.prefix()).isEqualTo("MyFeatures");
        assertThat(vital.name()).isEqualTo("VitalMessageOption");
        assertThat(vital.namespaceUri()).isEqualTo(FEATURES);
        assertThat(vital.value()).isEqualTo("Confirmation-requested");
        assertThat(message.messageHeadersInNamespace(FEATURES, "WackyMessageOption"))
                .extracting(CpimHeader::value).containsExactly("Use-silly-font");
        assertThat(message.messageHeaders("From").get(0).namespaceUri()).isEqualTo("urn:ietf:params:cpim-headers:");
        assertThat(message.messageHeaders("WackyMessageOption")).isEmpty();
    }

    @Test
    void writesRfc3862Section5_1BackByteForByte() {
        byte[] entity = read(CpimTestVectors.RFC3862_5_1);

        assertThat(CpimMessage.parseMimeEntity(entity).toBytes()).isEqualTo(entity);
    }

    @Test
    void readsRfc3862Section5_1WithoutItsMimeHeaderAsAnMsrpBody() {
        byte[] entity = read(CpimTestVectors.RFC3862_5_1);
        String mimeHeaderBlock = "Content-type: Message/CPIM\r\n\r\n";
        assertThat(text(entity)).startsWith(mimeHeaderBlock);
        byte[] body = Arrays.copyOfRange(entity, mimeHeaderBlock.length(), entity.length);

        CpimMessage message = CpimMessage.parse(body);

        assertThat(message.mimeHeaders()).isEmpty();
        assertThat(message.messageHeaders()).isEqualTo(CpimMessage.parseMimeEntity(entity).messageHeaders());
        assertThat(message.toBytes()).isEqualTo(body);
    }

    @Test
    void pointsToParseMimeEntityWhenAnMsrpBodyStartsWithMimeHeaders() {
        byte[] entity = read(CpimTestVectors.RFC3862_5_1);

        assertThatThrownBy(() -> CpimMessage.parse(entity)).isInstanceOfSatisfying(CpimParseException.class, e -> {
            assertThat(e.line()).isEqualTo(12);
            assertThat(e.rule()).isEqualTo("RFC 3862 §2.4");
            assertThat(e).hasMessageContaining("have no Content-Type; the body starts with \"Content-type\"")
                    .hasMessageContaining("CpimMessage.parseMimeEntity");
        });
    }

    @Test
    void readsTheSignedPartOfRfc3862Section5_2() {
        String multipart = text(read(CpimTestVectors.RFC3862_5_2));
        // RFC 2046 §5.1.1: the CRLF before a boundary delimiter belongs to the delimiter.
        int partStart = multipart.indexOf("--next\r\n") + "--next\r\n".length();
        int partEnd = multipart.indexOf("\r\n--next", partStart);
        byte[] part = multipart.substring(partStart, partEnd).getBytes(StandardCharsets.UTF_8);

        CpimMessage message = CpimMessage.parseMimeEntity(part);

        assertThat(message.mimeHeaders()).extracting(CpimMimeHeader::toString)
                .containsExactly("Content-Type: Message/CPIM");
        assertThat(message.from()).isEqualTo(CpimAddress.of("MR SANDERS", PIGLET));
        assertThat(message.to()).containsExactly(CpimAddress.of("Dopey Donkey", EEYORE));
        assertThat(message.require()).containsExactly("MyFeatures.VitalMessageOption");
        assertThat(message.contentAsText()).endsWith("</body>");
        assertThat(message.toBytes()).isEqualTo(part);
    }

    @ParameterizedTest
    @ValueSource(strings = {"NS: acme <http://id.acme.widgets/wily-headers/>\r\nacme.runner-trap: set",
        "NS: widget <http://id.acme.widgets/wily-headers/>\r\nwidget.runner-trap: set",
        "NS: <http://id.acme.widgets/wily-headers/>\r\nrunner-trap: set"})
    void resolvesTheEquivalentNamespaceFormsOfRfc3862Section3_4(String headers) {
        CpimMessage message = CpimMessage.parse(crlf(headers, "", "Content-Type: text/plain", "", ""));

        assertThat(message.messageHeadersInNamespace("http://id.acme.widgets/wily-headers/", "runner-trap"))
                .extracting(CpimHeader::value).containsExactly("set");
    }

    @Test
    void aHeaderInAnotherDefaultNamespaceIsNotTheCpimHeaderOfTheSameName() {
        CpimMessage message = CpimMessage.parse(crlf("NS: <http://acme.example/h/>", "From: <sip:acme@example.com>",
                "NS: <urn:ietf:params:cpim-headers:>", "From: <sip:alice@example.com>", "To: <sip:bob@example.com>",
                "", "Content-Type: text/plain", "", ""));

        assertThat(message.from()).isEqualTo(CpimAddress.of("sip:alice@example.com"));
        assertThat(message.messageHeadersInNamespace("http://acme.example/h/", "From"))
                .extracting(CpimHeader::rawValue).containsExactly("<sip:acme@example.com>");
        assertThat(message.namespaces()).extracting(CpimNamespace::prefix).containsOnlyNulls();
    }

    @Test
    void readsTheAddressFormsOfRfc3862() {
        CpimMessage message = CpimMessage.parse(crlf("From: <im:piglet@100akerwood.com>",
                "To: Winnie the Pooh <im:pooh@100akerwood.com>", "To: \"Doe, John \\\"JD\\\"\" <sip:jd@example.com>",
                "cc: \"Quoted\"<im:tigger@100akerwood.com>", "", "Content-Type: text/plain", "", ""));

        assertThat(message.from().displayName()).isNull();
        assertThat(message.from().uri()).isEqualTo(PIGLET);
        assertThat(message.to()).containsExactly(CpimAddress.of("Winnie the Pooh", "im:pooh@100akerwood.com"),
                CpimAddress.of("Doe, John \"JD\"", "sip:jd@example.com"));
        assertThat(message.cc()).containsExactly(CpimAddress.of("Quoted", "im:tigger@100akerwood.com"));
    }

    @Test
    void decodesTheEscapesOfRfc3862Section2_3() {
        CpimMessage message = CpimMessage.parse(crlf(
                "Subject: tab\\there \\u00E9\\u00e9 back\\\\slash \\\"q\\' \\x\\u12 end\\", "",
                "Content-Type: text/plain", "", ""));

        CpimHeader subject = message.messageHeaders("Subject").get(0);
        assertThat(subject.rawValue()).isEqualTo("tab\\there \\u00E9\\u00e9 back\\\\slash \\\"q\\' \\x\\u12 end\\");
        // An unknown escape stands for the character after the backslash; a final backslash is dropped (§2.3.1).
        assertThat(message.subjects().get(0).text()).isEqualTo("tab\there \u00e9\u00e9 back\\slash \"q' xu12 end");
    }

    @Test
    void readsHeaderParametersWithQuotedValues() {
        CpimMessage message = CpimMessage.parse(crlf("NS: X <urn:example:x>", "Subject:;lang=fr Objet de message",
                "X.Note:;lang=en-GB;style=\"a;b \\\"c\\\"\";level=3 some text", "", "Content-Type: text/plain", "",
                ""));

        assertThat(message.subjects()).containsExactly(new CpimSubject("Objet de message", "fr"));
        CpimHeader note = message.messageHeaders("X.Note").get(0);
        assertThat(note.parameters()).containsExactly(entry("lang", "en-GB"), entry("style", "a;b \"c\""),
                entry("level", "3"));
        assertThat(note.language()).isEqualTo("en-GB");
        assertThat(note.value()).isEqualTo("some text");
        assertThat(note.toString()).isEqualTo("X.Note:;lang=en-GB;style=\"a;b \\\"c\\\"\";level=3 some text");
    }

    @Test
    void readsTheContentAfterTheBlankLineVerbatim() {
        byte[] content = {'a', '\n', 'b', '\r', '\n', '\r', '\n', 'c', (byte) 0xFF, 0};
        byte[] head = crlf("From: <sip:a@example.com>", "", "Content-Type: application/octet-stream", "", "");
        byte[] body = Arrays.copyOf(head, head.length + content.length);
        System.arraycopy(content, 0, body, head.length, content.length);

        CpimMessage message = CpimMessage.parse(body);

        assertThat(message.content()).isEqualTo(content);
        assertThat(message.toBytes()).isEqualTo(body);
    }

    @Test
    void readsAnEmptyContent() {
        CpimMessage message = CpimMessage.parse(crlf("From: <sip:a@example.com>", "", "Content-Type: text/plain", "",
                ""));

        assertThat(message.content()).isEmpty();
        assertThat(message.contentAsText()).isEmpty();
    }

    @Test
    void decodesTheContentWithItsCharset() {
        byte[] head = crlf("From: <sip:a@example.com>", "", "Content-Type: text/plain; charset=ISO-8859-1", "", "");
        byte[] body = Arrays.copyOf(head, head.length + 1);
        body[head.length] = (byte) 0xE9;

        assertThat(CpimMessage.parse(body).contentAsText()).isEqualTo("\u00e9");
    }

    @Test
    void unfoldsEncapsulatedMimeHeadersAndWritesThemOnOneLine() {
        CpimMessage message = CpimMessage.parse(crlf("From: <sip:a@example.com>", "",
                "Content-Type:text/plain;", "\tcharset=utf-8", "Content-Disposition: inline", "", "x"));

        assertThat(message.contentType().parameter("charset")).isEqualTo("utf-8");
        assertThat(message.contentHeader("Content-Disposition")).isEqualTo("inline");
        assertThat(text(message.toBytes())).isEqualTo("From: <sip:a@example.com>\r\n\r\n"
                + "Content-Type: text/plain;\tcharset=utf-8\r\nContent-Disposition: inline\r\n\r\nx");
    }

    @Test
    void acceptsLowerCaseTAndZAndFractionsInDateTime() {
        CpimMessage message = CpimMessage.parse(crlf("DateTime: 2001-02-01t12:16:49.25z", "",
                "Content-Type: text/plain", "", ""));

        assertThat(message.dateTime()).isEqualTo(OffsetDateTime.of(2001, 2, 1, 12, 16, 49, 250_000_000,
                ZoneOffset.UTC));
    }

    @Test
    void readsALeapSecondAsSecond59AndKeepsTheHeaderText() {
        CpimMessage utc = CpimMessage.parse(crlf("DateTime: 2016-12-31T23:59:60Z", "", "Content-Type: text/plain",
                "", ""));
        CpimMessage offset = CpimMessage.parse(crlf("DateTime: 2016-12-31t15:59:60.5-08:00", "",
                "Content-Type: text/plain", "", ""));

        assertThat(utc.dateTime()).isEqualTo(OffsetDateTime.of(2016, 12, 31, 23, 59, 59, 0, ZoneOffset.UTC));
        assertThat(utc.messageHeaders("DateTime")).extracting(CpimHeader::value)
                .containsExactly("2016-12-31T23:59:60Z");
        assertThat(text(utc.toBytes())).startsWith("DateTime: 2016-12-31T23:59:60Z\r\n");
        assertThat(offset.dateTime()).isEqualTo(OffsetDateTime.of(2016, 12, 31, 15, 59, 59, 500_000_000,
                ZoneOffset.ofHours(-8)));
    }

    @Test
    void checksThatRequiredHeadersAreUnderstood() {
        CpimMessage message = CpimMessage.parseMimeEntity(read(CpimTestVectors.RFC3862_5_1));

        assertThatThrownBy(() -> message.requireUnderstood((namespace, name) -> false))
                .isInstanceOfSatisfying(CpimParseException.class, e -> {
                    assertThat(e.line()).isEqualTo(9);
                    assertThat(e.rule()).isEqualTo("RFC 3862 §3.5");
                    assertThat(e).hasMessage("line 9: Require lists \"MyFeatures.VitalMessageOption\" in namespace"
                            + " \"mid:MessageFeatures@id.foo.com\", which the recipient does not understand"
                            + " (RFC 3862 §3.5)");
                });
        assertThatCode(() -> message.requireUnderstood(
                (namespace, name) -> namespace.equals(FEATURES) && name.equals("VitalMessageOption")))
                .doesNotThrowAnyException();
    }

    @Test
    void theHeadersOfRfc3862Section4AreAlwaysUnderstood() {
        CpimMessage message = CpimMessage.parse(crlf("Require: Subject, cc", "Subject: s", "",
                "Content-Type: text/plain", "", ""));

        assertThat(message.require()).containsExactly("Subject", "cc");
        assertThatCode(() -> message.requireUnderstood((namespace, name) -> false)).doesNotThrowAnyException();
    }
}
