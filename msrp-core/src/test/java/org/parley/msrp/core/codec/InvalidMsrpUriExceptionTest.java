package org.parley.msrp.core.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InvalidMsrpUriExceptionTest {

    @Test
    void quotesTheUriAndGivesTheReason() {
        InvalidMsrpUriException e = new InvalidMsrpUriException("msrp://h", "missing transport parameter");

        assertThat(e).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Invalid MSRP URI \"msrp://h\": missing transport parameter");
        assertThat(e.uri()).isEqualTo("msrp://h");
    }

    @Test
    void describesAMissingUriAndEscapesLineBreaks() {
        assertThat(new InvalidMsrpUriException(null, "URI is missing"))
                .hasMessage("Invalid MSRP URI (null): URI is missing");
        InvalidMsrpUriException e = new InvalidMsrpUriException("msrp://h\r\n", "bad");
        assertThat(e).hasMessage("Invalid MSRP URI \"msrp://h\\r\\n\": bad");
        assertThat(e.uri()).isEqualTo("msrp://h\r\n");
    }

    @Test
    void requiresAReason() {
        assertThatThrownBy(() -> new InvalidMsrpUriException("x", null)).isInstanceOf(NullPointerException.class);
    }
}
