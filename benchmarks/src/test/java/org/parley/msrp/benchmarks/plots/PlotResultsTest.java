package org.parley.msrp.benchmarks.plots;

import org.junit.jupiter.api.Test;
import org.parley.msrp.benchmarks.ResultsCsv;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PlotResultsTest {

    private static final Map<String, String> METADATA = Map.of("date", "2026-11-23", "machine", "2 cores",
            "command", "java Bench");

    private static final ResultsCsv CHUNKS = new ResultsCsv(METADATA, List.of("chunk_bytes", "parley_mb_per_s",
            "baseline_mb_per_s", "ratio"), List.of(List.of("2048", "100", "1000", "0.1049"),
            List.of("1048576", "900", "1000", "0.9")));

    @Test
    void chunkChartDrawsBothRatesAndTheBaselineDashed() {
        SvgLineChart chart = PlotResults.chunkThroughput(CHUNKS);

        assertThat(chart.series()).hasSize(2);
        assertThat(chart.series().get(0).points()).extracting(SvgLineChart.Point::y).containsExactly(100.0, 900.0);
        assertThat(chart.series().get(1).dashed()).isTrue();
        assertThat(chart.series().get(1).points()).extracting(SvgLineChart.Point::y).containsExactly(1000.0, 1000.0);
        assertThat(chart.notes()).contains("Measured 2026-11-23 on 2 cores.", "Command: java Bench");
    }

    @Test
    void chunkRatioChartLabelsEachRatioAndDrawsTheGoal() {
        SvgLineChart chart = PlotResults.chunkRatio(CHUNKS);

        assertThat(chart.series().get(0).points()).extracting(SvgLineChart.Point::label)
                .containsExactly("0.10", "0.90");
        assertThat(chart.series().get(1).points()).extracting(SvgLineChart.Point::y).containsOnly(0.70);
    }

    @Test
    void setupChartLabelsParleyWithRatiosToTheSipOnlyCall() {
        ResultsCsv csv = new ResultsCsv(METADATA, List.of("concurrency", "calls", "transport", "parley_p50_ms",
                "parley_p99_ms", "baseline_p50_ms", "baseline_p99_ms", "parley_failed", "baseline_failed"),
                List.of(List.of("10", "30", "tcp", "2", "8", "1", "2", "0", "0"),
                        List.of("100", "300", "tcp", "3", "9", "1", "3", "7", "2")));

        SvgLineChart chart = PlotResults.setupLatency(csv);

        assertThat(chart.title()).contains("SIP/TCP");
        assertThat(chart.series().get(2).points()).extracting(SvgLineChart.Point::label)
                .containsExactly("2.00", "3.00, 7 of 300 failed");
        assertThat(chart.series().get(3).points()).extracting(SvgLineChart.Point::label)
                .containsExactly("", "2 of 300 failed");
        assertThat(chart.series()).extracting(SvgLineChart.Series::name).containsExactly(
                "Parley p99 (labels: / SIP p99)", "SIP-only call p99 (baseline)", "Parley p50 (labels: / SIP p50)",
                "SIP-only call p50 (baseline)");
        assertThat(chart.series().get(0).points().get(0).label()).isEqualTo("4.00");
        assertThat(chart.series().get(2).points().get(0).label()).isEqualTo("2.00");
    }

    @Test
    void binarySizesUseTheLargestWholeUnit() {
        assertThat(PlotResults.binarySize(512)).isEqualTo("512 B");
        assertThat(PlotResults.binarySize(2048)).isEqualTo("2 KiB");
        assertThat(PlotResults.binarySize(262144)).isEqualTo("256 KiB");
        assertThat(PlotResults.binarySize(1 << 20)).isEqualTo("1 MiB");
    }
}
