package org.parley.msrp.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InvalidMsrpHeaderExceptionTest {

    @Test
    void namesHeaderValueAndReason() {
        InvalidMsrpHeaderException e = new InvalidMsrpHeaderException("Byte-Range", "1-x/5",
                "range-end is not a number or '*'");

        assertThat(e).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid Byte-Range header \"1-x/5\": range-end is not a number or '*'")
                .hasNoCause();
        assertThat(e.headerName()).isEqualTo("Byte-Range");
        assertThat(e.headerValue()).isEqualTo("1-x/5");
    }

    @Test
    void keepsTheCause() {
        RuntimeException cause = new RuntimeException("inner");

        InvalidMsrpHeaderException e = new InvalidMsrpHeaderException("To-Path", "x", "bad URI", cause);

        assertThat(e).hasCause(cause).hasMessage("Invalid To-Path header \"x\": bad URI");
    }

    @Test
    void describesAMissingValue() {
        InvalidMsrpHeaderException e = new InvalidMsrpHeaderException("Status", null, "value is missing");

        assertThat(e).hasMessage("Invalid Status header (null): value is missing");
        assertThat(e.headerValue()).isNull();
    }

    @Test
    void escapesControlCharactersButKeepsTheRawValue() {
        String value = "a\r\nb\t\u0000\u007f";

        InvalidMsrpHeaderException e = new InvalidMsrpHeaderException("X", value, "bad");

        assertThat(e).hasMessage("Invalid X header \"a\\r\\nb\\t\\u0000\\u007f\": bad");
        assertThat(e.headerValue()).isEqualTo(value);
    }

    @Test
    void shortensVeryLongValuesInTheMessage() {
        String value = "v".repeat(10_000);

        InvalidMsrpHeaderException e = new InvalidMsrpHeaderException("X", value, "too long");

        assertThat(e).hasMessage("Invalid X header \"" + "v".repeat(200) + "...\": too long");
        assertThat(e.headerValue()).hasSize(10_000);
    }

    @Test
    void requiresNameAndReason() {
        assertThatThrownBy(() -> new InvalidMsrpHeaderException(null, "v", "r"))
                .isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new InvalidMsrpHeaderException("X", "v", null, null))
                .isInstanceOf(NullPointerException.class);
    }
}
