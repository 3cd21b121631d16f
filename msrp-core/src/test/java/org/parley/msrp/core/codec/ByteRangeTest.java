package org.parley.msrp.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class ByteRangeTest {

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource({
        "1-*/8, 1, -1, 8",
        "5-8/8, 5, 8, 8",
        "1-25/*, 1, 25, -1",
        "1-*/*, 1, -1, -1",
        "1-0/0, 1, 0, 0",
        "3-2/10, 3, 2, 10",
        "2049-4096/4096, 2049, 4096, 4096",
        "9223372036854775807-*/*, 9223372036854775807, -1, -1",
        "1-9223372036854775807/9223372036854775807, 1, 9223372036854775807, 9223372036854775807",
    })
    void parsesValidRangesAndFormatsThemBack(String value, long start, long end, long total) {
        ByteRange range = ByteRange.parse(value);

        assertThat(range.start()).isEqualTo(start);
        assertThat(range.end()).isEqualTo(end);
        assertThat(range.total()).isEqualTo(total);
        assertThat(range.isEndKnown()).isEqualTo(end != ByteRange.UNKNOWN);
        assertThat(range.isTotalKnown()).isEqualTo(total != ByteRange.UNKNOWN);
        assertThat(range.toHeaderValue()).isEqualTo(value);
        assertThat(range).isEqualTo(ByteRange.of(start, end, total));
    }

    @Test
    void dropsLeadingZeros() {
        ByteRange range = ByteRange.parse("0001-0005/0010");

        assertThat(range).isEqualTo(ByteRange.of(1, 5, 10));
        assertThat(range.toHeaderValue()).isEqualTo("1-5/10");
    }

    @Test
    void describesAnEmptyBodyAsInSection7Point1Point1() {
        ByteRange empty = ByteRange.of(1, 0, 0);

        assertThat(empty.toHeaderValue()).isEqualTo("1-0/0");
        assertThat(empty.isEndKnown()).isTrue();
        assertThat(empty.isTotalKnown()).isTrue();
    }

    @Test
    void reportsTheExactMessageForAnUnparsableEnd() {
        InvalidMsrpHeaderException e = catchThrowableOfType(InvalidMsrpHeaderException.class,
                () -> ByteRange.parse("1-x/5"));

        assertThat(e).hasMessage("Invalid Byte-Range header \"1-x/5\": range-end is not a number or '*'");
        assertThat(e.headerName()).isEqualTo("Byte-Range");
        assertThat(e.headerValue()).isEqualTo("1-x/5");
    }

    static Stream<Arguments> malformedValues() {
        return Stream.of(
                Arguments.of("", "missing '-' between range-start and range-end"),
                Arguments.of("15", "missing '-' between range-start and range-end"),
                Arguments.of("1/5", "missing '-' between range-start and range-end"),
                Arguments.of("1-5", "missing '/' between range-end and total"),
                Arguments.of("1/2-5", "missing '/' between range-end and total"),
                Arguments.of("-5/5", "range-start is not a number"),
                Arguments.of("*-5/5", "range-start is not a number"),
                Arguments.of("a-5/5", "range-start is not a number"),
                Arguments.of("+1-5/5", "range-start is not a number"),
                Arguments.of(" 1-5/5", "range-start is not a number"),
                Arguments.of("1-/5", "range-end is not a number or '*'"),
                Arguments.of("1--5/5", "range-end is not a number or '*'"),
                Arguments.of("1-+5/5", "range-end is not a number or '*'"),
                Arguments.of("1-**/5", "range-end is not a number or '*'"),
                Arguments.of("1-\u0665/5", "range-end is not a number or '*'"),
                Arguments.of("1-5/", "total is not a number or '*'"),
                Arguments.of("1-5/x", "total is not a number or '*'"),
                Arguments.of("1-5/5/5", "total is not a number or '*'"),
                Arguments.of("1-5/5 ", "total is not a number or '*'"),
                Arguments.of("1-5/-5", "total is not a number or '*'"),
                Arguments.of("0-5/5", "range-start 0 is less than 1"),
                Arguments.of("0-*/*", "range-start 0 is less than 1"),
                Arguments.of("5-3/10", "range-end 3 is less than range-start minus one (4)"),
                Arguments.of("1-10/8", "range-end 10 is greater than total 8"),
                Arguments.of("1-1/0", "range-end 1 is greater than total 0"),
                Arguments.of("9223372036854775808-*/*", "range-start does not fit in a 64-bit integer"),
                Arguments.of("1-99999999999999999999/*", "range-end does not fit in a 64-bit integer"),
                Arguments.of("1-*/18446744073709551616", "total does not fit in a 64-bit integer"));
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @MethodSource("malformedValues")
    void rejectsMalformedValues(String value, String reason) {
        InvalidMsrpHeaderException e = catchThrowableOfType(InvalidMsrpHeaderException.class,
                () -> ByteRange.parse(value));

        assertThat(e).isExactlyInstanceOf(InvalidMsrpHeaderException.class);
        assertThat(e.headerName()).isEqualTo("Byte-Range");
        assertThat(e.headerValue()).isEqualTo(value);
        assertThat(e).hasMessage("Invalid Byte-Range header \"" + value + "\": " + reason);
    }

    @Test
    void rejectsNull() {
        InvalidMsrpHeaderException e = catchThrowableOfType(InvalidMsrpHeaderException.class,
                () -> ByteRange.parse(null));

        assertThat(e.headerValue()).isNull();
        assertThat(e).hasMessage("Invalid Byte-Range header (null): value is missing");
    }

    static Stream<Arguments> impossibleRanges() {
        return Stream.of(
                Arguments.of(0, 5, 5, "range-start 0 is less than 1"),
                Arguments.of(-1, -1, -1, "range-start -1 is less than 1"),
                Arguments.of(5, 3, 10, "range-end 3 is less than range-start minus one (4)"),
                Arguments.of(1, -2, 5, "range-end -2 is less than range-start minus one (0)"),
                Arguments.of(1, 5, -2, "total -2 is negative"),
                Arguments.of(1, -1, Long.MIN_VALUE, "total -9223372036854775808 is negative"),
                Arguments.of(1, 10, 8, "range-end 10 is greater than total 8"));
    }

    @ParameterizedTest(name = "[{index}] {0}-{1}/{2}")
    @MethodSource("impossibleRanges")
    void refusesToBuildImpossibleRanges(long start, long end, long total, String reason) {
        assertThatThrownBy(() -> ByteRange.of(start, end, total))
                .isExactlyInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid byte range: " + reason);
    }

    @Test
    void comparesAllThreeFields() {
        ByteRange range = ByteRange.of(1, 5, 10);

        assertThat(range).isEqualTo(ByteRange.of(1, 5, 10)).hasSameHashCodeAs(ByteRange.of(1, 5, 10));
        assertThat(range).isNotEqualTo(ByteRange.of(2, 5, 10));
        assertThat(range).isNotEqualTo(ByteRange.of(1, 6, 10));
        assertThat(range).isNotEqualTo(ByteRange.of(1, 5, ByteRange.UNKNOWN));
        assertThat(range).isNotEqualTo("1-5/10");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-*/8", "5-8/8", "1-25/*"})
    void printsTheHeaderValueAsToString(String value) {
        assertThat(ByteRange.parse(value).toString()).isEqualTo(value);
    }

    @Test
    void unknownIsMinusOne() {
        assertThat(ByteRange.UNKNOWN).isEqualTo(-1L);
        assertThat(ByteRange.of(1, ByteRange.UNKNOWN, ByteRange.UNKNOWN).toHeaderValue()).isEqualTo("1-*/*");
    }
}
