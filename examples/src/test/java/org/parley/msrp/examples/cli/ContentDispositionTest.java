package org.parley.msrp.examples.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContentDispositionTest {

    @Test
    void anAsciiNameIsQuoted() {
        assertThat(ContentDisposition.attachment("report.pdf")).isEqualTo("attachment; filename=\"report.pdf\"");
        assertThat(ContentDisposition.attachment("say \"hi\"\\.txt"))
                .isEqualTo("attachment; filename=\"say \\\"hi\\\"\\\\.txt\"");
    }

    @Test
    void anyOtherNameAlsoGoesInUtf8AsFilenameStar() {
        String header = ContentDisposition.attachment("Grüße 100%.txt");
        assertThat(header).isEqualTo("attachment; filename=\"Gr__e 100%.txt\"; filename*=UTF-8''Gr%C3%BC%C3%9Fe%20100%25.txt");
        assertThat(header).doesNotContain("\r", "\n");
        assertThat(ContentDisposition.fileName(header)).isEqualTo("Grüße 100%.txt");
    }

    @Test
    void readsWhatItWrites() {
        for (String name : new String[] {"a.bin", "say \"hi\"\\.txt", "ä;b=c.txt", "x\u0001y"}) {
            assertThat(ContentDisposition.fileName(ContentDisposition.attachment(name))).isEqualTo(name);
        }
    }

    @Test
    void readsPeersForms() {
        assertThat(ContentDisposition.fileName("attachment; filename=report.pdf")).isEqualTo("report.pdf");
        assertThat(ContentDisposition.fileName("render; FileName = \"a;b.txt\" ; size=12")).isEqualTo("a;b.txt");
        assertThat(ContentDisposition.fileName("attachment; filename*=utf-8'en'%E2%82%AC.txt; filename=\"EUR.txt\""))
                .isEqualTo("€.txt");
        assertThat(ContentDisposition.fileName("attachment; filename=\"../../etc/passwd\""))
                .isEqualTo("../../etc/passwd");
    }

    @Test
    void noNameWhereThereIsNone() {
        assertThat(ContentDisposition.fileName(null)).isNull();
        assertThat(ContentDisposition.fileName("inline")).isNull();
        assertThat(ContentDisposition.fileName("attachment; size=3")).isNull();
        // Broken filename* falls back to filename.
        assertThat(ContentDisposition.fileName("attachment; filename*=nonsense; filename=b.txt")).isEqualTo("b.txt");
        assertThat(ContentDisposition.fileName("attachment; filename*=UTF-8''%G1")).isNull();
    }
}
