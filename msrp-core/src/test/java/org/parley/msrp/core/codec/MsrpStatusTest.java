package org.parley.msrp.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class MsrpStatusTest {

    static Stream<Arguments> constants() {
        return Stream.of(
                Arguments.of(MsrpStatus.OK, 200, "OK"),
                Arguments.of(MsrpStatus.BAD_REQUEST, 400, "Bad Request"),
                Arguments.of(MsrpStatus.UNAUTHORIZED, 401, "Unauthorized"),
                Arguments.of(MsrpStatus.FORBIDDEN, 403, "Forbidden"),
                Arguments.of(MsrpStatus.REQUEST_TIMEOUT, 408, "Request Timeout"),
                Arguments.of(MsrpStatus.STOP_SENDING_MESSAGE, 413, "Stop Sending Message"),
                Arguments.of(MsrpStatus.UNSUPPORTED_MEDIA_TYPE, 415, "Unsupported Media Type"),
                Arguments.of(MsrpStatus.INTERVAL_OUT_OF_BOUNDS, 423, "Interval Out-of-Bounds"),
                Arguments.of(MsrpStatus.NO_SUCH_SESSION, 481, "No Such Session"),
                Arguments.of(MsrpStatus.NOT_IMPLEMENTED, 501, "Not Implemented"),
                Arguments.of(MsrpStatus.SESSION_ALREADY_BOUND, 506, "Session Already Bound"));
    }

    @ParameterizedTest(name = "[{index}] {1} {2}")
    @MethodSource("constants")
    void definesTheCodesOfRfc4975AndRfc4976InNamespaceZero(MsrpStatus status, int code, String comment) {
        assertThat(status.namespace()).isZero();
        assertThat(status.code()).isEqualTo(code);
        assertThat(status.comment()).isEqualTo(comment);
        assertThat(status.isSuccess()).isEqualTo(code == 200);
        assertThat(status.toHeaderValue()).isEqualTo("000 " + code + " " + comment);
        assertThat(MsrpStatus.valueOf(code)).isSameAs(status);
    }

    @Test
    void valueOfAnUnknownCodeHasNoComment() {
        MsrpStatus status = MsrpStatus.valueOf(299);

        assertThat(status.namespace()).isZero();
        assertThat(status.code()).isEqualTo(299);
        assertThat(status.comment()).isNull();
        assertThat(status.isSuccess()).isTrue();
        assertThat(status.toHeaderValue()).isEqualTo("000 299");
    }

    @ParameterizedTest
    @ValueSource(ints = {Integer.MIN_VALUE, -200, 0, 99, 1000, Integer.MAX_VALUE})
    void valueOfRejectsCodesThatAreNotThreeDigits(int code) {
        assertThatThrownBy(() -> MsrpStatus.valueOf(code))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid MSRP status code " + code + ": not in 100..999");
    }

    @ParameterizedTest
    @ValueSource(ints = {100, 199, 300, 999})
    void onlyTwoHundredsAreSuccess(int code) {
        assertThat(MsrpStatus.valueOf(code).isSuccess()).isFalse();
    }

    @Test
    void ofBuildsAnyNamespaceAndZeroPadsIt() {
        MsrpStatus status = MsrpStatus.of(7, 250, "Custom");

        assertThat(status.namespace()).isEqualTo(7);
        assertThat(status.code()).isEqualTo(250);
        assertThat(status.comment()).isEqualTo("Custom");
        assertThat(status.toHeaderValue()).isEqualTo("007 250 Custom");
        assertThat(MsrpStatus.of(999, 100, null).toHeaderValue()).isEqualTo("999 100");
    }

    @Test
    void ofTreatsAnEmptyCommentAsNone() {
        assertThat(MsrpStatus.of(0, 200, "").comment()).isNull();
        assertThat(MsrpStatus.of(0, 200, "").toHeaderValue()).isEqualTo("000 200");
    }

    @Test
    void ofRejectsOutOfRangeNumbers() {
        assertThatThrownBy(() -> MsrpStatus.of(-1, 200, null))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid MSRP status namespace -1: not in 0..999");
        assertThatThrownBy(() -> MsrpStatus.of(1000, 200, null))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid MSRP status namespace 1000: not in 0..999");
        assertThatThrownBy(() -> MsrpStatus.of(0, 99, null))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid MSRP status code 99: not in 100..999");
    }

    @Test
    void rejectsCommentsThatWouldBreakTheLine() {
        assertThatThrownBy(() -> MsrpStatus.of(0, 200, "OK\r\nTo-Path: x"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid MSRP status comment: control character U+000D at index 2");
        assertThatThrownBy(() -> MsrpStatus.OK.withComment("a\u007fb"))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid MSRP status comment: control character U+007F at index 1");
    }

    @Test
    void parsesAStatusHeaderWithComment() {
        MsrpStatus status = MsrpStatus.parseHeader("000 200 OK");

        assertThat(status.namespace()).isZero();
        assertThat(status.code()).isEqualTo(200);
        assertThat(status.comment()).isEqualTo("OK");
        assertThat(status).isEqualTo(MsrpStatus.OK);
    }

    @Test
    void parsesAStatusHeaderWithoutComment() {
        MsrpStatus status = MsrpStatus.parseHeader("000 413");

        assertThat(status.code()).isEqualTo(413);
        assertThat(status.comment()).isNull();
        assertThat(status).isEqualTo(MsrpStatus.STOP_SENDING_MESSAGE);
    }

    @Test
    void aTrailingSpaceAfterTheCodeMeansNoComment() {
        assertThat(MsrpStatus.parseHeader("000 200 ").comment()).isNull();
    }

    @Test
    void keepsTheCommentExactlyIncludingSpacesTabsAndNonAscii() {
        assertThat(MsrpStatus.parseHeader("123 456  two  spaces\tand tab ").comment())
                .isEqualTo(" two  spaces\tand tab ");
        assertThat(MsrpStatus.parseHeader("000 200 Zugestellt \u00fcber Relais").comment())
                .isEqualTo("Zugestellt \u00fcber Relais");
        assertThat(MsrpStatus.parseHeader("123 456 x").namespace()).isEqualTo(123);
    }

    @ParameterizedTest
    @ValueSource(strings = {"000 200 OK", "000 413", "000 481 No Such Session", "123 999 a b c", "999 100"})
    void roundTripsHeaderValues(String value) {
        MsrpStatus status = MsrpStatus.parseHeader(value);

        assertThat(status.toHeaderValue()).isEqualTo(value);
        assertThat(status.toString()).isEqualTo(value);
        assertThat(MsrpStatus.parseHeader(status.toHeaderValue()).comment()).isEqualTo(status.comment());
    }

    static Stream<Arguments> malformedHeaders() {
        return Stream.of(
                Arguments.of("", "namespace is not three digits"),
                Arguments.of("00", "namespace is not three digits"),
                Arguments.of("00 200", "namespace is not three digits"),
                Arguments.of("abc 200", "namespace is not three digits"),
                Arguments.of(" 000 200", "namespace is not three digits"),
                Arguments.of("200", "missing space after namespace"),
                Arguments.of("000200", "missing space after namespace"),
                Arguments.of("0000 200", "missing space after namespace"),
                Arguments.of("000\t200", "missing space after namespace"),
                Arguments.of("000 ", "status-code is not three digits"),
                Arguments.of("000 20", "status-code is not three digits"),
                Arguments.of("000  200", "status-code is not three digits"),
                Arguments.of("000 20x", "status-code is not three digits"),
                Arguments.of("000 +20", "status-code is not three digits"),
                Arguments.of("000 2000", "missing space between status-code and comment"),
                Arguments.of("000 200OK", "missing space between status-code and comment"),
                Arguments.of("000 200\tOK", "missing space between status-code and comment"),
                Arguments.of("000 099 Low", "status-code 099 is not in 100..999"),
                Arguments.of("000 000", "status-code 000 is not in 100..999"),
                Arguments.of("000 200 OK\u0000", "comment contains a control character"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("malformedHeaders")
    void rejectsMalformedStatusHeaders(String value, String reason) {
        InvalidMsrpHeaderException e = catchThrowableOfType(InvalidMsrpHeaderException.class,
                () -> MsrpStatus.parseHeader(value));

        assertThat(e).isExactlyInstanceOf(InvalidMsrpHeaderException.class);
        assertThat(e.headerName()).isEqualTo("Status");
        assertThat(e.headerValue()).isEqualTo(value);
        assertThat(e.getMessage()).startsWith("Invalid Status header \"").endsWith("\": " + reason);
    }

    @Test
    void escapesLineBreaksOfARejectedHeaderInTheMessage() {
        assertThatThrownBy(() -> MsrpStatus.parseHeader("000 200 OK\r\nX: y"))
                .isExactlyInstanceOf(InvalidMsrpHeaderException.class)
                .hasMessage("Invalid Status header \"000 200 OK\\r\\nX: y\": comment contains a control character");
    }

    @Test
    void rejectsNull() {
        assertThatThrownBy(() -> MsrpStatus.parseHeader(null))
                .isExactlyInstanceOf(InvalidMsrpHeaderException.class)
                .hasMessage("Invalid Status header (null): value is missing");
    }

    @Test
    void equalityIgnoresTheComment() {
        MsrpStatus done = MsrpStatus.of(0, 200, "Done");

        assertThat(done).isEqualTo(MsrpStatus.OK).hasSameHashCodeAs(MsrpStatus.OK);
        assertThat(MsrpStatus.parseHeader("000 200")).isEqualTo(MsrpStatus.OK);
        assertThat(done).isNotEqualTo(MsrpStatus.of(1, 200, "Done"));
        assertThat(done).isNotEqualTo(MsrpStatus.valueOf(202));
        assertThat(done).isNotEqualTo("000 200 Done");
    }

    @Test
    void withCommentKeepsNamespaceAndCode() {
        MsrpStatus status = MsrpStatus.of(5, 481, "x").withComment("Gone");

        assertThat(status.namespace()).isEqualTo(5);
        assertThat(status.code()).isEqualTo(481);
        assertThat(status.comment()).isEqualTo("Gone");
        assertThat(status.withComment(null).toHeaderValue()).isEqualTo("005 481");
        assertThat(MsrpStatus.OK.comment()).isEqualTo("OK");
    }
}
