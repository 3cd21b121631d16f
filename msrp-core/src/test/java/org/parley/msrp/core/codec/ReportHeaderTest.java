package org.parley.msrp.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ReportHeaderTest {

    @Test
    void defaultsAreThoseOfSection7Point1Point1() {
        assertThat(SuccessReport.DEFAULT).isSameAs(SuccessReport.NO);
        assertThat(FailureReport.DEFAULT).isSameAs(FailureReport.YES);
    }

    @Test
    void headerValuesAreLowerCaseTokens() {
        assertThat(SuccessReport.YES.headerValue()).isEqualTo("yes");
        assertThat(SuccessReport.NO.headerValue()).isEqualTo("no");
        assertThat(FailureReport.YES.headerValue()).isEqualTo("yes");
        assertThat(FailureReport.NO.headerValue()).isEqualTo("no");
        assertThat(FailureReport.PARTIAL.headerValue()).isEqualTo("partial");
    }

    @ParameterizedTest
    @CsvSource({"yes, YES", "YES, YES", "Yes, YES", "no, NO", "NO, NO", "nO, NO"})
    void parsesSuccessReportIgnoringCase(String value, SuccessReport expected) {
        assertThat(SuccessReport.parse(value)).isSameAs(expected);
    }

    @ParameterizedTest
    @CsvSource({"yes, YES", "YES, YES", "no, NO", "No, NO", "partial, PARTIAL", "PARTIAL, PARTIAL",
        "Partial, PARTIAL"})
    void parsesFailureReportIgnoringCase(String value, FailureReport expected) {
        assertThat(FailureReport.parse(value)).isSameAs(expected);
    }

    @Test
    void headerValuesRoundTrip() {
        for (SuccessReport value : SuccessReport.values()) {
            assertThat(SuccessReport.parse(value.headerValue())).isSameAs(value);
        }
        for (FailureReport value : FailureReport.values()) {
            assertThat(FailureReport.parse(value.headerValue())).isSameAs(value);
        }
    }

    // "ye\u017f" ends in LATIN SMALL LETTER LONG S, which String.equalsIgnoreCase would match with "yes".
    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "y", "n", "true", "maybe", " yes", "yes ", "partial", "ye\u017f", "yes\r\n"})
    void rejectsOtherSuccessReportValues(String value) {
        InvalidMsrpHeaderException e = catchThrowableOfType(InvalidMsrpHeaderException.class,
                () -> SuccessReport.parse(value));

        assertThat(e).isExactlyInstanceOf(InvalidMsrpHeaderException.class);
        assertThat(e.headerName()).isEqualTo("Success-Report");
        assertThat(e.headerValue()).isEqualTo(value);
        assertThat(e.getMessage()).startsWith("Invalid Success-Report header \"")
                .endsWith("\": expected \"yes\" or \"no\"");
    }

    @ParameterizedTest(name = "[{index}] \"{0}\"")
    @ValueSource(strings = {"", "y", "part", "partially", "maybe", " no", "no ", "partia\u212a", "ye\u017f"})
    void rejectsOtherFailureReportValues(String value) {
        InvalidMsrpHeaderException e = catchThrowableOfType(InvalidMsrpHeaderException.class,
                () -> FailureReport.parse(value));

        assertThat(e).isExactlyInstanceOf(InvalidMsrpHeaderException.class);
        assertThat(e.headerName()).isEqualTo("Failure-Report");
        assertThat(e.headerValue()).isEqualTo(value);
        assertThat(e.getMessage()).startsWith("Invalid Failure-Report header \"")
                .endsWith("\": expected \"yes\", \"no\" or \"partial\"");
    }

    @Test
    void reportsExactMessages() {
        assertThat(catchThrowableOfType(InvalidMsrpHeaderException.class, () -> SuccessReport.parse("maybe")))
                .hasMessage("Invalid Success-Report header \"maybe\": expected \"yes\" or \"no\"");
        assertThat(catchThrowableOfType(InvalidMsrpHeaderException.class, () -> FailureReport.parse("all")))
                .hasMessage("Invalid Failure-Report header \"all\": expected \"yes\", \"no\" or \"partial\"");
    }

    @Test
    void rejectsNull() {
        InvalidMsrpHeaderException success = catchThrowableOfType(InvalidMsrpHeaderException.class,
                () -> SuccessReport.parse(null));
        InvalidMsrpHeaderException failure = catchThrowableOfType(InvalidMsrpHeaderException.class,
                () -> FailureReport.parse(null));

        assertThat(success).hasMessage("Invalid Success-Report header (null): expected \"yes\" or \"no\"");
        assertThat(success.headerValue()).isNull();
        assertThat(failure).hasMessage("Invalid Failure-Report header (null): expected \"yes\", \"no\" or \"partial\"");
        assertThat(failure.headerValue()).isNull();
    }
}
