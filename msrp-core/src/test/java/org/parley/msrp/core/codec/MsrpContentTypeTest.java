package org.parley.msrp.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.entry;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MsrpContentTypeTest {

    @Test
    void parsesAPlainMediaType() {
        MsrpContentType type = MsrpContentType.parse("text/plain");

        assertThat(type.type()).isEqualTo("text");
        assertThat(type.subtype()).isEqualTo("plain");
        assertThat(type.mediaType()).isEqualTo("text/plain");
        assertThat(type.parameters()).isEmpty();
        assertThat(type.parameter("charset")).isNull();
    }

    @Test
    void lowerCasesTypeSubtypeAndParameterNamesButNotValues() {
        MsrpContentType type = MsrpContentType.parse("Message/CPIM;Charset=UTF-8");

        assertThat(type.mediaType()).isEqualTo("message/cpim");
        assertThat(type.parameters()).containsExactly(entry("charset", "UTF-8"));
        assertThat(type.parameter("CHARSET")).isEqualTo("UTF-8");
        assertThat(type.toHeaderValue()).isEqualTo("message/cpim;charset=UTF-8");
    }

    @Test
    void acceptsWhitespaceAroundSeparatorsAsRealPeersSendIt() {
        MsrpContentType type = MsrpContentType.parse(" text/plain ;\tcharset = UTF-8 ; format=flowed ");

        assertThat(type.mediaType()).isEqualTo("text/plain");
        assertThat(type.parameters()).containsExactly(entry("charset", "UTF-8"), entry("format", "flowed"));
        assertThat(type.toHeaderValue()).isEqualTo("text/plain;charset=UTF-8;format=flowed");
        assertThat(MsrpContentType.parse("text/plain; charset=UTF-8"))
                .isEqualTo(MsrpContentType.parse("text/plain;charset=UTF-8"));
    }

    @Test
    void unquotesAndUnescapesQuotedValues() {
        MsrpContentType type = MsrpContentType.parse("message/cpim;x=\"a \\\"b\\\" \\\\ c;d\"");

        assertThat(type.parameter("x")).isEqualTo("a \"b\" \\ c;d");
        assertThat(type.toHeaderValue()).isEqualTo("message/cpim;x=\"a \\\"b\\\" \\\\ c;d\"");
    }

    @Test
    void keepsNonAsciiInQuotedValues() {
        assertThat(MsrpContentType.parse("text/plain;title=\"h\u00e9llo w\u00f6rld\"").parameter("title"))
                .isEqualTo("h\u00e9llo w\u00f6rld");
    }

    @Test
    void givesAParameterWithoutValueTheEmptyString() {
        MsrpContentType bare = MsrpContentType.parse("text/plain;flag");
        MsrpContentType quotedEmpty = MsrpContentType.parse("text/plain;flag=\"\"");

        assertThat(bare.parameter("flag")).isEmpty();
        assertThat(bare.toHeaderValue()).isEqualTo("text/plain;flag");
        assertThat(quotedEmpty.parameter("flag")).isEmpty();
        assertThat(quotedEmpty.toHeaderValue()).isEqualTo("text/plain;flag");
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "message/cpim", "application/im-iscomposing+xml",
        "text/plain;charset=UTF-8", "multipart/mixed;boundary=\"a b\";charset=utf-8", "text/x-y;a;b=c",
        "text/plain;q=\"a,b\""})
    void roundTripsCanonicalValues(String value) {
        MsrpContentType type = MsrpContentType.parse(value);

        assertThat(type.toHeaderValue()).isEqualTo(value);
        assertThat(type.toString()).isEqualTo(value);
        assertThat(MsrpContentType.parse(type.toHeaderValue())).isEqualTo(type);
    }

    static Stream<Arguments> malformedValues() {
        return Stream.of(
                Arguments.of("", "type is missing or not a token"),
                Arguments.of("/plain", "type is missing or not a token"),
                Arguments.of("text", "missing '/' after type"),
                Arguments.of("text /plain", "missing '/' after type"),
                Arguments.of("t\u00e9xt/plain", "missing '/' after type"),
                Arguments.of("text/", "subtype is missing or not a token"),
                Arguments.of("text/ plain", "subtype is missing or not a token"),
                Arguments.of("text/plain x", "expected ';' but found 'x' at index 11"),
                Arguments.of("text/pl@in", "expected ';' but found '@' at index 7"),
                Arguments.of("text/plain/x", "expected ';' but found '/' at index 10"),
                Arguments.of("text/plain\r\nX: y", "expected ';' but found U+000D at index 10"),
                Arguments.of("text/plain;", "parameter name is missing or not a token at index 11"),
                Arguments.of("text/plain; ", "parameter name is missing or not a token at index 12"),
                Arguments.of("text/plain;;a=b", "parameter name is missing or not a token at index 11"),
                Arguments.of("text/plain;=b", "parameter name is missing or not a token at index 11"),
                Arguments.of("text/plain;a=", "value of parameter \"a\" is missing or not a token"),
                Arguments.of("text/plain;a=;b=c", "value of parameter \"a\" is missing or not a token"),
                Arguments.of("text/plain;a=b c", "expected ';' but found 'c' at index 15"),
                Arguments.of("text/plain;a=\"b", "unterminated quoted-string"),
                Arguments.of("text/plain;a=\"b\\", "invalid escape in quoted-string at index 15"),
                Arguments.of("text/plain;a=\"b\\x\"", "invalid escape in quoted-string at index 15"),
                Arguments.of("text/plain;a=\"b\u0001\"", "control character U+0001 in quoted-string at index 15"),
                Arguments.of("text/plain;a=\"b\"c", "expected ';' but found 'c' at index 16"),
                Arguments.of("text/plain;a=b;A=c", "duplicate parameter \"a\""));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("malformedValues")
    void rejectsMalformedValues(String value, String reason) {
        InvalidMsrpHeaderException e = catchThrowableOfType(InvalidMsrpHeaderException.class,
                () -> MsrpContentType.parse(value));

        assertThat(e).isExactlyInstanceOf(InvalidMsrpHeaderException.class);
        assertThat(e.headerName()).isEqualTo("Content-Type");
        assertThat(e.headerValue()).isEqualTo(value);
        assertThat(e.getMessage()).startsWith("Invalid Content-Type header \"").endsWith("\": " + reason);
    }

    @Test
    void reportsAnExactMessage() {
        assertThatThrownBy(() -> MsrpContentType.parse("text"))
                .isExactlyInstanceOf(InvalidMsrpHeaderException.class)
                .hasMessage("Invalid Content-Type header \"text\": missing '/' after type");
        assertThatThrownBy(() -> MsrpContentType.parse(null))
                .isExactlyInstanceOf(InvalidMsrpHeaderException.class)
                .hasMessage("Invalid Content-Type header (null): value is missing");
    }

    @Test
    void ofBuildsAMediaTypeWithoutParameters() {
        MsrpContentType type = MsrpContentType.of("Text", "Plain");

        assertThat(type.mediaType()).isEqualTo("text/plain");
        assertThat(type.parameters()).isEmpty();
        assertThat(type).isEqualTo(MsrpContentType.parse("text/plain"));
    }

    @Test
    void ofRejectsNonTokens() {
        assertThatThrownBy(() -> MsrpContentType.of("te xt", "plain"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid media type \"te xt/plain\": type and subtype must both be tokens (RFC 4975 §9)");
        assertThatThrownBy(() -> MsrpContentType.of("text", ""))
                .isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MsrpContentType.of("text", "a/b"))
                .isExactlyInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MsrpContentType.of(null, "plain")).isInstanceOf(NullPointerException.class);
    }

    @Test
    void withParameterAppendsOrReplacesInPlace() {
        MsrpContentType base = MsrpContentType.parse("text/plain;charset=us-ascii;format=flowed");

        MsrpContentType replaced = base.withParameter("CharSet", "UTF-8");
        MsrpContentType appended = base.withParameter("delsp", "yes");

        assertThat(replaced.toHeaderValue()).isEqualTo("text/plain;charset=UTF-8;format=flowed");
        assertThat(appended.toHeaderValue()).isEqualTo("text/plain;charset=us-ascii;format=flowed;delsp=yes");
        assertThat(base.toHeaderValue()).isEqualTo("text/plain;charset=us-ascii;format=flowed");
    }

    @Test
    void withParameterQuotesValuesThatAreNotTokens() {
        MsrpContentType type = MsrpContentType.of("multipart", "mixed")
                .withParameter("boundary", "a b")
                .withParameter("q", "say \"hi\" \\o/")
                .withParameter("flag", "");

        assertThat(type.toHeaderValue())
                .isEqualTo("multipart/mixed;boundary=\"a b\";q=\"say \\\"hi\\\" \\\\o/\";flag");
        assertThat(MsrpContentType.parse(type.toHeaderValue())).isEqualTo(type);
        assertThat(MsrpContentType.parse(type.toHeaderValue()).parameter("q")).isEqualTo("say \"hi\" \\o/");
    }

    @Test
    void withParameterRejectsBadNamesAndControlCharacters() {
        MsrpContentType type = MsrpContentType.of("text", "plain");

        assertThatThrownBy(() -> type.withParameter("a b", "x"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid Content-Type parameter name \"a b\": not a token (RFC 4975 §9)");
        assertThatThrownBy(() -> type.withParameter("a", "x\r\ny"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid value for Content-Type parameter \"a\": control character U+000D at index 1");
        assertThatThrownBy(() -> type.withParameter("a", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void parametersAreUnmodifiable() {
        MsrpContentType type = MsrpContentType.parse("text/plain;charset=UTF-8");

        assertThatThrownBy(() -> type.parameters().put("x", "y")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> MsrpContentType.of("a", "b").parameters().put("x", "y"))
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest(name = "[{index}] {0} matches {1}: {2}")
    @CsvSource({
        "text/plain, *, true",
        "text/plain, text/*, true",
        "text/plain, TEXT/*, true",
        "text/plain, text/plain, true",
        "Text/Plain, TEXT/PLAIN, true",
        "text/plain, text/html, false",
        "text/plain, image/*, false",
        "text/plain, plain/text, false",
        "text/plain;charset=UTF-8, text/plain, true",
        "text/plain, text/plain;charset=UTF-8, true",
        "text/plain, *;q=1, true",
        "message/cpim, */*, true",
        "text/plain, */plain, false",
    })
    void matchesAcceptTypesEntries(String contentType, String pattern, boolean expected) {
        assertThat(MsrpContentType.parse(contentType).matches(pattern)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "text", "text/", "/plain", "te xt/plain", "text/plain/x", "**"})
    void rejectsMalformedAcceptTypesEntries(String pattern) {
        MsrpContentType type = MsrpContentType.of("text", "plain");

        assertThatThrownBy(() -> type.matches(pattern))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessageEndingWith(": expected *, type/* or type/subtype (RFC 4975 §8.6)");
    }

    @Test
    void equalityIgnoresCaseOfNamesAndOrderOfParametersButNotValues() {
        MsrpContentType a = MsrpContentType.parse("TEXT/Plain;A=1;b=2");
        MsrpContentType b = MsrpContentType.parse("text/plain;b=2;a=1");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(MsrpContentType.parse("text/plain;a=1;b=3"));
        assertThat(a).isNotEqualTo(MsrpContentType.parse("text/plain;a=1"));
        assertThat(MsrpContentType.parse("text/plain;charset=utf-8"))
                .isNotEqualTo(MsrpContentType.parse("text/plain;charset=UTF-8"));
        assertThat(a).isNotEqualTo(MsrpContentType.parse("text/html;a=1;b=2"));
        assertThat(a).isNotEqualTo("text/plain;a=1;b=2");
    }
}
