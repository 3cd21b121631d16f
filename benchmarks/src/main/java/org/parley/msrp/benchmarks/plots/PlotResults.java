package org.parley.msrp.benchmarks.plots;

import org.parley.msrp.benchmarks.ResultsCsv;
import org.parley.msrp.benchmarks.plots.SvgLineChart.Axis;
import org.parley.msrp.benchmarks.plots.SvgLineChart.Point;
import org.parley.msrp.benchmarks.plots.SvgLineChart.Series;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Draws the plots of {@code docs/performance.md} from the CSV files the benchmarks wrote, without running anything:
 * <ul>
 *   <li>{@value #CHUNK_CSV} (from {@code SessionBenchmark --csv=... chunks}) becomes {@value #CHUNK_SVG}: file
 *       transfer throughput by chunk size, with the raw TCP copy measured next to each point; and
 *       {@value #CHUNK_RATIO_SVG}: Parley's share of the raw rate by chunk size, against the goal;</li>
 *   <li>{@code comedia-setup-udp.csv} and {@code comedia-setup-tcp.csv} (from
 *       {@code ComediaSetupBenchmark --concurrency=... --csv=...}, one per SIP transport) become
 *       {@code comedia-setup-latency-udp.svg} and {@code comedia-setup-latency-tcp.svg}: COMEDIA set-up latency p50
 *       and p99 by the number of sessions started at once, with the SIP-only call measured in the same rounds.</li>
 * </ul>
 * Each plot's notes carry the date, command and machine recorded in its CSV file.
 *
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar org.parley.msrp.benchmarks.plots.PlotResults [results-dir] [plots-dir]
 * </pre>
 * The directories default to {@code benchmarks/results} and {@code docs/plots}, for a run from the reactor root.
 */
public final class PlotResults {

    static final String CHUNK_CSV = "chunk-throughput.csv";
    static final String CHUNK_SVG = "chunk-throughput.svg";
    static final String CHUNK_RATIO_SVG = "chunk-throughput-ratio.svg";
    /** The goal for a file transfer: at least this share of raw TCP's rate. */
    static final double FILE_GOAL = 0.70;
    /** One per SIP transport: {@code comedia-setup-udp.csv} becomes {@code comedia-setup-latency-udp.svg}. */
    static final List<String> SETUP_TRANSPORTS = List.of("udp", "tcp");

    private PlotResults() {
    }

    /**
     * Reads the CSV files and writes the SVG files; exits with 1 if a file cannot be read or written.
     *
     * @param args optionally the results directory and the plots directory
     */
    public static void main(String[] args) {
        Path results = Path.of(args.length > 0 ? args[0] : "benchmarks/results");
        Path plots = Path.of(args.length > 1 ? args[1] : "docs/plots");
        try {
            ResultsCsv chunks = ResultsCsv.read(results.resolve(CHUNK_CSV));
            write(chunkThroughput(chunks), plots.resolve(CHUNK_SVG));
            write(chunkRatio(chunks), plots.resolve(CHUNK_RATIO_SVG));
            for (String transport : SETUP_TRANSPORTS) {
                write(setupLatency(ResultsCsv.read(results.resolve("comedia-setup-" + transport + ".csv"))),
                        plots.resolve("comedia-setup-latency-" + transport + ".svg"));
            }
        } catch (IOException | RuntimeException e) {
            System.err.println("PlotResults: " + e);
            System.exit(1);
        }
    }

    private static void write(SvgLineChart chart, Path file) throws IOException {
        chart.write(file);
        System.out.println("wrote " + file);
    }

    /** Parley's and the raw copy's median MB/s per chunk size. */
    static SvgLineChart chunkThroughput(ResultsCsv csv) {
        List<Point> parley = new ArrayList<>();
        List<Point> baseline = new ArrayList<>();
        for (int row = 0; row < csv.rows().size(); row++) {
            double chunk = csv.number(row, "chunk_bytes");
            parley.add(new Point(chunk, csv.number(row, "parley_mb_per_s")));
            baseline.add(new Point(chunk, csv.number(row, "baseline_mb_per_s")));
        }
        return new SvgLineChart("MSRP file transfer over loopback: throughput by chunk size",
                Axis.log("chunk size (log scale)", 2, PlotResults::binarySize),
                Axis.linear("MB/s (median of the runs)", SvgLineChart::plainNumber),
                List.of(new Series("Parley", SvgLineChart.BLUE, false, parley),
                        new Series("raw TCP copy (baseline)", SvgLineChart.GREY, true, baseline)),
                notes(csv));
    }

    /** The ratio column per chunk size, each point labelled with it, and the goal as a flat line. */
    static SvgLineChart chunkRatio(ResultsCsv csv) {
        List<Point> ratios = new ArrayList<>();
        List<Point> goal = new ArrayList<>();
        for (int row = 0; row < csv.rows().size(); row++) {
            double chunk = csv.number(row, "chunk_bytes");
            double ratio = csv.number(row, "ratio");
            ratios.add(new Point(chunk, ratio, String.format(Locale.ROOT, "%.2f", ratio)));
            goal.add(new Point(chunk, FILE_GOAL));
        }
        return new SvgLineChart("MSRP file transfer over loopback: share of raw TCP's rate by chunk size",
                Axis.log("chunk size (log scale)", 2, PlotResults::binarySize),
                Axis.linear("Parley MB/s / raw TCP MB/s, same run", SvgLineChart::plainNumber),
                List.of(new Series("Parley / raw TCP copy", SvgLineChart.BLUE, false, ratios),
                        new Series("goal: " + FILE_GOAL, SvgLineChart.GREEN, true, goal)),
                notes(csv));
    }

    /**
     * Parley's and the SIP-only call's p50 and p99 per level; Parley's points labelled with their ratios, and the p50
     * points of either with the calls that failed, if any: the percentiles are of the calls that succeeded.
     */
    static SvgLineChart setupLatency(ResultsCsv csv) {
        List<Point> parleyP50 = new ArrayList<>();
        List<Point> parleyP99 = new ArrayList<>();
        List<Point> baselineP50 = new ArrayList<>();
        List<Point> baselineP99 = new ArrayList<>();
        for (int row = 0; row < csv.rows().size(); row++) {
            double sessions = csv.number(row, "concurrency");
            double p50 = csv.number(row, "parley_p50_ms");
            double p99 = csv.number(row, "parley_p99_ms");
            double sipP50 = csv.number(row, "baseline_p50_ms");
            double sipP99 = csv.number(row, "baseline_p99_ms");
            String calls = csv.field(row, "calls");
            // A ratio below 1 puts the baseline's marker above Parley's: the label then goes below.
            parleyP50.add(new Point(sessions, p50, String.format(Locale.ROOT, "%.2f", p50 / sipP50)
                    + failures(csv.field(row, "parley_failed"), calls, ", "), p50 < sipP50));
            parleyP99.add(new Point(sessions, p99, String.format(Locale.ROOT, "%.2f", p99 / sipP99), p99 < sipP99));
            baselineP50.add(new Point(sessions, sipP50, failures(csv.field(row, "baseline_failed"), calls, "")));
            baselineP99.add(new Point(sessions, sipP99));
        }
        String transport = csv.rows().isEmpty() ? "" : csv.field(0, "transport").toUpperCase(Locale.ROOT);
        return new SvgLineChart("COMEDIA set-up through SIP/" + transport + ": latency by sessions started at once",
                Axis.log("sessions started at once (log scale)", 10, SvgLineChart::plainNumber),
                Axis.log("set-up latency, ms (log scale)", 10, SvgLineChart::plainNumber),
                List.of(new Series("Parley p99 (labels: / SIP p99)", SvgLineChart.VERMILLION, false, parleyP99),
                        new Series("SIP-only call p99 (baseline)", SvgLineChart.VERMILLION, true, baselineP99),
                        new Series("Parley p50 (labels: / SIP p50)", SvgLineChart.BLUE, false, parleyP50),
                        new Series("SIP-only call p50 (baseline)", SvgLineChart.BLUE, true, baselineP50)),
                notes(csv));
    }

    /** For example ", 388 of 3000 failed"; empty when none failed. */
    private static String failures(String failed, String calls, String separator) {
        return Long.parseLong(failed) == 0 ? "" : separator + failed + " of " + calls + " failed";
    }

    private static List<String> notes(ResultsCsv csv) {
        List<String> notes = new ArrayList<>();
        notes.add("Measured " + csv.metadata("date") + " on " + csv.metadata("machine") + ".");
        notes.add("Command: " + csv.metadata("command"));
        if (!csv.metadata("baseline").isEmpty()) {
            notes.add("Baseline: " + csv.metadata("baseline"));
        }
        if (!csv.metadata("method").isEmpty()) {
            notes.add("Method: " + csv.metadata("method"));
        }
        return notes;
    }

    /** Tick labels for byte counts that are powers of two: 512 B, 2 KiB, 1 MiB. */
    static String binarySize(double bytes) {
        if (bytes >= 1 << 20) {
            return SvgLineChart.plainNumber(bytes / (1 << 20)) + " MiB";
        }
        if (bytes >= 1 << 10) {
            return SvgLineChart.plainNumber(bytes / (1 << 10)) + " KiB";
        }
        return SvgLineChart.plainNumber(bytes) + " B";
    }
}
