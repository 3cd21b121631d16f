package org.parley.msrp.core.cpim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class CpimAddressTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        // display name          | header value
        "Winnie the Pooh         | Winnie the Pooh <im:pooh@100akerwood.com>",
        "Dr. O'Brien             | Dr. O'Brien <im:pooh@100akerwood.com>",
        "Zo\u00eb                | Zo\u00eb <im:pooh@100akerwood.com>",
        "Doe, John               | \"Doe, John\" <im:pooh@100akerwood.com>",
        "`two  spaces`           | \"two  spaces\" <im:pooh@100akerwood.com>",
        "`say \"hi\" \\ now`     | \"say \\\"hi\\\" \\\\ now\" <im:pooh@100akerwood.com>",
        "a@b                     | \"a@b\" <im:pooh@100akerwood.com>",
        // U+3000 (ideographic space) is a TOKENCHAR, not the SP that Formal-name trims (RFC 3862 §3.6).
        "`\u3000Zo\u00eb\u3000`    | `\u3000Zo\u00eb\u3000 <im:pooh@100akerwood.com>`"})
    void writesTokensBareAndAnythingElseAsAQuotedString(String displayName, String headerValue) {
        CpimAddress address = CpimAddress.of(displayName, "im:pooh@100akerwood.com");

        assertThat(address.toHeaderValue()).isEqualTo(headerValue);
        assertThat(CpimAddress.parse(headerValue)).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"sip:bob@example.com", "im:pooh@100akerwood.com", "tel:+1-201-555-0123",
        "mid:MessageFeatures@id.foo.com", "http://example.com/a?b=c"})
    void writesAnAddressWithoutDisplayNameInAngleBrackets(String uri) {
        CpimAddress address = CpimAddress.of(uri);

        assertThat(address.displayName()).isNull();
        assertThat(address.toHeaderValue()).isEqualTo("<" + uri + ">");
        assertThat(CpimAddress.parse(address.toHeaderValue())).isEqualTo(address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"bob@example.com", "sip:", "1sip:bob@example.com", "sip:bob @example.com",
        "sip:<bob>@example.com", "sip:\"bob\"@example.com", ""})
    void refusesWhatIsNotAnAbsoluteUri(String uri) {
        assertThatThrownBy(() -> CpimAddress.of(uri))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Invalid CPIM address: URI ")
                .hasMessageEndingWith("(RFC 3862 §3.6 URI)");
    }

    @Test
    void refusesAnEmptyDisplayName() {
        assertThatThrownBy(() -> CpimAddress.of("", "sip:a@example.com"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Empty display name");
    }

    @Test
    void quotesABlankDisplayNameSoThatItSurvives() {
        CpimAddress blank = CpimAddress.of(" ", "sip:a@example.com");

        assertThat(blank.toHeaderValue()).isEqualTo("\" \" <sip:a@example.com>");
        assertThat(CpimAddress.parse(blank.toHeaderValue())).isEqualTo(blank);
    }
}
