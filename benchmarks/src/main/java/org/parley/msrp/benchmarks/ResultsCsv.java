package org.parley.msrp.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A benchmark's results as a small CSV file, so that plots can be drawn again from what was measured without running
 * the benchmark again. The file starts with {@code # key: value} lines saying how the figures were made (date,
 * command, machine), then a header row, then one row per measured point.
 *
 * <p>Fields are numbers and plain words: none may hold a comma, a quote or a line break, so no quoting is needed;
 * writing such a field fails instead of producing a file the reader would split wrongly.
 *
 * @param metadata how the figures were made, in the order written
 * @param columns the header row
 * @param rows the data rows, each with one field per column
 */
public record ResultsCsv(Map<String, String> metadata, List<String> columns, List<List<String>> rows) {

    private static final String METADATA_PREFIX = "# ";
    private static final String METADATA_SEPARATOR = ": ";

    /**
     * Checks and copies the parts.
     *
     * @throws IllegalArgumentException if a row's length differs from the header's, or a field or metadata entry
     *     cannot be written as plain CSV
     */
    public ResultsCsv {
        metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        columns = List.copyOf(columns);
        rows = rows.stream().map(List::copyOf).toList();
        metadata.forEach((key, value) -> {
            if (key.isEmpty() || key.indexOf(':') >= 0 || hasLineBreak(key) || hasLineBreak(value)) {
                throw new IllegalArgumentException("metadata cannot be written: " + key + METADATA_SEPARATOR + value);
            }
        });
        columns.forEach(ResultsCsv::checkField);
        for (List<String> row : rows) {
            if (row.size() != columns.size()) {
                throw new IllegalArgumentException("row " + row + " has " + row.size() + " fields, the header "
                        + columns.size());
            }
            row.forEach(ResultsCsv::checkField);
        }
    }

    /**
     * Reads a file written by {@link #write(Path)}.
     *
     * @param file the CSV file
     * @return its contents
     * @throws IOException if the file cannot be read or is not in this format
     */
    public static ResultsCsv read(Path file) throws IOException {
        Map<String, String> metadata = new LinkedHashMap<>();
        List<String> columns = null;
        List<List<String>> rows = new ArrayList<>();
        int lineNumber = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            lineNumber++;
            if (line.isBlank()) {
                continue;
            }
            if (line.startsWith(METADATA_PREFIX) && columns == null) {
                int separator = line.indexOf(METADATA_SEPARATOR, METADATA_PREFIX.length());
                if (separator < 0) {
                    throw new IOException(file + ":" + lineNumber + ": metadata line without '" + METADATA_SEPARATOR
                            + "'");
                }
                metadata.put(line.substring(METADATA_PREFIX.length(), separator),
                        line.substring(separator + METADATA_SEPARATOR.length()));
                continue;
            }
            // -1: keep empty trailing fields, so that a short row is reported instead of silently padded.
            List<String> fields = Arrays.asList(line.split(",", -1));
            if (columns == null) {
                columns = fields;
            } else if (fields.size() != columns.size()) {
                throw new IOException(file + ":" + lineNumber + ": " + fields.size() + " fields, the header has "
                        + columns.size());
            } else {
                rows.add(fields);
            }
        }
        if (columns == null) {
            throw new IOException(file + ": no header row");
        }
        return new ResultsCsv(metadata, columns, rows);
    }

    /**
     * Writes the file, replacing any file of that name and creating missing parent directories.
     *
     * @param file where to write
     * @throws IOException if the file cannot be written
     */
    public void write(Path file) throws IOException {
        StringBuilder out = new StringBuilder();
        metadata.forEach((key, value) -> out.append(METADATA_PREFIX).append(key).append(METADATA_SEPARATOR)
                .append(value).append('\n'));
        out.append(String.join(",", columns)).append('\n');
        rows.forEach(row -> out.append(String.join(",", row)).append('\n'));
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, out, StandardCharsets.UTF_8);
    }

    /**
     * Returns one field.
     *
     * @param row the row's index
     * @param column the column's name
     * @return the field
     * @throws IllegalArgumentException if there is no such column
     */
    public String field(int row, String column) {
        int index = columns.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("no column " + column + " in " + columns);
        }
        return rows.get(row).get(index);
    }

    /**
     * Returns one field as a number.
     *
     * @param row the row's index
     * @param column the column's name
     * @return the field's value
     * @throws IllegalArgumentException if there is no such column
     * @throws NumberFormatException if the field is not a number
     */
    public double number(int row, String column) {
        return Double.parseDouble(field(row, column));
    }

    /**
     * Returns a metadata entry.
     *
     * @param key its key
     * @return its value, or an empty string when the file has none
     */
    public String metadata(String key) {
        return metadata.getOrDefault(key, "");
    }

    /**
     * Says how a benchmark run was made, for the metadata of its results: {@code date} (UTC), {@code command} (as
     * it would be typed, with the JVM's options and class path) and {@code machine} (cores, processor, JVM, heap).
     *
     * @param benchmark the class whose {@code main} runs
     * @param arguments the arguments it was given
     * @return the three entries, in a map the caller may add to
     */
    public static Map<String, String> runMetadata(Class<?> benchmark, List<String> arguments) {
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put("date", LocalDate.now(ZoneOffset.UTC).toString());
        List<String> command = new ArrayList<>();
        command.add("java");
        command.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(benchmark.getName());
        command.addAll(arguments);
        metadata.put("command", String.join(" ", command));
        Runtime runtime = Runtime.getRuntime();
        metadata.put("machine", runtime.availableProcessors() + " cores (" + processorName() + "), "
                + System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version")
                + ", max heap " + runtime.maxMemory() / (1024 * 1024) + " MiB");
        return metadata;
    }

    /** The processor's model as Linux names it, or the architecture elsewhere. */
    private static String processorName() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(line -> line.startsWith("model name")).map(line -> line.substring(
                    line.indexOf(':') + 1).strip()).findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException | UncheckedIOException e) {
            return System.getProperty("os.arch");
        }
    }

    private static void checkField(String field) {
        if (field.indexOf(',') >= 0 || field.indexOf('"') >= 0 || hasLineBreak(field)) {
            throw new IllegalArgumentException("field cannot be written as plain CSV: " + field);
        }
    }

    private static boolean hasLineBreak(String text) {
        return text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0;
    }
}
