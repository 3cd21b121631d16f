package org.parley.msrp.core.codec;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

/** The RFC 4975 wire examples, copied into this module's test resources under {@code wire/}. */
final class WireExamples {

    /** Every example file; each holds one frame with CRLF line ends. */
    static final List<String> ALL = List.of(
            "rfc4975-4-fig2-send.msrp",
            "rfc4975-4-fig2-200ok.msrp",
            "rfc4975-5.1-fig3-chunk1-send.msrp",
            "rfc4975-5.1-fig3-chunk2-send.msrp",
            "rfc4975-11.1-step4-send.msrp",
            "rfc4975-11.1-step5-200ok.msrp",
            "rfc4975-11.1-step6-send.msrp",
            "rfc4975-11.1-step7-200ok.msrp",
            "rfc4975-11.2-fig13-send-xhtml.msrp",
            "rfc4975-11.4-fig14-chunk1-send-cpim.msrp",
            "rfc4975-11.4-fig15-chunk2-send-cpim.msrp",
            "rfc4975-11.5-send-system-message.msrp",
            "rfc4975-11.6-fig16-send-success-report-yes.msrp",
            "rfc4975-11.6-fig17-report.msrp");

    /** RFC 4975 Figure 3 shows chunks without To-Path and From-Path: a fragment, not a valid request. */
    static boolean isPathlessFragment(String name) {
        return name.contains("fig3");
    }

    static byte[] read(String name) {
        try (InputStream in = WireExamples.class.getResourceAsStream("/wire/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no test resource wire/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private WireExamples() {
    }
}
