package org.parley.msrp.benchmarks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResultsCsvTest {

    @TempDir
    Path directory;

    @Test
    void writesMetadataHeaderAndRowsAndReadsThemBack() throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("date", "2026-11-23");
        metadata.put("command", "java -cp a.jar Main --csv=x.csv chunks");
        ResultsCsv written = new ResultsCsv(metadata, List.of("chunk_bytes", "ratio"),
                List.of(List.of("2048", "0.12"), List.of("4096", "0.25")));
        Path file = directory.resolve("sub/results.csv");

        written.write(file);
        ResultsCsv read = ResultsCsv.read(file);

        assertThat(Files.readString(file)).isEqualTo("""
                # date: 2026-11-23
                # command: java -cp a.jar Main --csv=x.csv chunks
                chunk_bytes,ratio
                2048,0.12
                4096,0.25
                """);
        assertThat(read).isEqualTo(written);
        assertThat(read.metadata("command")).isEqualTo("java -cp a.jar Main --csv=x.csv chunks");
        assertThat(read.metadata("missing")).isEmpty();
        assertThat(read.number(1, "ratio")).isEqualTo(0.25);
        assertThatThrownBy(() -> read.field(0, "nope")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void refusesFieldsThatPlainCsvCannotHold() {
        assertThatThrownBy(() -> new ResultsCsv(Map.of(), List.of("a"), List.of(List.of("1,5"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResultsCsv(Map.of(), List.of("a", "b"), List.of(List.of("1"))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ResultsCsv(Map.of("a", "two\nlines"), List.of("a"), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void readingARowOfTheWrongLengthFails() throws IOException {
        Path file = directory.resolve("short.csv");
        Files.writeString(file, "a,b\n1,2\n3\n");

        assertThatThrownBy(() -> ResultsCsv.read(file)).isInstanceOf(IOException.class).hasMessageContaining(":3:");
    }
}
