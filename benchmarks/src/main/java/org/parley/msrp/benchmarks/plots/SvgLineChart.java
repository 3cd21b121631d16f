package org.parley.msrp.benchmarks.plots;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.DoubleFunction;
import java.util.function.ToDoubleFunction;

/**
 * A line chart written as a standalone SVG document: a title, a plot area with grid lines, ticks and axis labels,
 * one line with point markers per series, a legend, and notes under the plot saying how the figures were measured.
 * Either axis may be logarithmic, for values that grow by powers (chunk sizes, numbers of sessions).
 *
 * <p>The document uses no scripts, no external fonts and no style sheets, so that it shows the same in a browser,
 * on a repository's web page and in an image viewer. Elements carry {@code class} attributes ({@code plot-area},
 * {@code series}, {@code x-tick}, ...) that name what they are, for readers of the source and for tests.
 *
 * @param title shown above the plot
 * @param xAxis the horizontal axis
 * @param yAxis the vertical axis
 * @param series the lines, drawn in this order and named in the legend in this order
 * @param notes lines of small text under the plot, wrapped at word boundaries when long
 */
public record SvgLineChart(String title, Axis xAxis, Axis yAxis, List<Series> series, List<String> notes) {

    /** Colours that stay distinct for the common kinds of colour blindness (the Okabe-Ito palette). */
    public static final String BLUE = "#0072B2";
    /** See {@link #BLUE}. */
    public static final String VERMILLION = "#D55E00";
    /** See {@link #BLUE}. */
    public static final String GREEN = "#009E73";
    /** See {@link #BLUE}. */
    public static final String PURPLE = "#CC79A7";
    /** For baselines, which are drawn dashed. */
    public static final String GREY = "#555555";

    static final int WIDTH = 820;
    private static final int PLOT_LEFT = 80;
    private static final int PLOT_TOP = 56;
    private static final int PLOT_WIDTH = 480;
    private static final int PLOT_HEIGHT = 300;
    private static final int PLOT_BOTTOM = PLOT_TOP + PLOT_HEIGHT;
    /**
     * Space inside the plot area to the left and right of the axis range, and above it, so that markers and their
     * labels at the ends stay clear of the frame.
     */
    private static final int INSET = 18;
    private static final int LEGEND_LEFT = PLOT_LEFT + PLOT_WIDTH + 20;
    private static final int LEGEND_LINE = 22;
    private static final int NOTE_LINE = 15;
    /** A generous average width of a character in the 10-pixel font of point labels. */
    private static final double POINT_LABEL_CHARACTER_WIDTH = 6;
    /** About what fits across the chart in the notes' 11-pixel font. */
    private static final int NOTE_CHARACTERS = 125;
    /** Linear axes get about this many intervals between ticks. */
    private static final int LINEAR_INTERVALS = 5;
    /** Log axes with more powers than this label every second (third, ...) power only. */
    private static final int MAX_LOG_TICKS = 11;
    /** Slack when taking the log of an exact power: Math.log(1000) / Math.log(10) is 2.9999999999999996. */
    private static final double LOG_SLACK = 1e-9;

    /**
     * Checks and copies the parts.
     *
     * @throws IllegalArgumentException if there is no series, or a logarithmic axis has a value at or below zero
     */
    public SvgLineChart {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xAxis, "xAxis");
        Objects.requireNonNull(yAxis, "yAxis");
        series = List.copyOf(series);
        notes = List.copyOf(notes);
        if (series.isEmpty()) {
            throw new IllegalArgumentException("a chart needs at least one series");
        }
    }

    /**
     * One axis: its label, its scale and how its tick values are written.
     *
     * @param label the axis title, with the unit
     * @param logBase the base of a logarithmic axis (ticks at its powers), or 0 for a linear axis
     * @param tickLabel writes a tick's value
     */
    public record Axis(String label, double logBase, DoubleFunction<String> tickLabel) {

        /**
         * Checks the parts.
         *
         * @throws IllegalArgumentException if {@code logBase} is neither 0 nor above 1
         */
        public Axis {
            Objects.requireNonNull(label, "label");
            Objects.requireNonNull(tickLabel, "tickLabel");
            if (logBase != 0 && !(logBase > 1)) {
                throw new IllegalArgumentException("logBase must be 0 (linear) or above 1: " + logBase);
            }
        }

        /**
         * A linear axis that starts at zero (or below, for negative values).
         *
         * @param label the axis title
         * @param tickLabel writes a tick's value
         * @return the axis
         */
        public static Axis linear(String label, DoubleFunction<String> tickLabel) {
            return new Axis(label, 0, tickLabel);
        }

        /**
         * A logarithmic axis with ticks at the powers of {@code base}.
         *
         * @param label the axis title
         * @param base the base, above 1
         * @param tickLabel writes a tick's value
         * @return the axis
         */
        public static Axis log(String label, double base, DoubleFunction<String> tickLabel) {
            return new Axis(label, base, tickLabel);
        }

        boolean logarithmic() {
            return logBase > 0;
        }
    }

    /**
     * One line of the chart.
     *
     * @param name shown in the legend
     * @param color an SVG colour, such as {@link #BLUE}
     * @param dashed whether the line is dashed (baselines are, by this project's convention)
     * @param points the points, joined in this order
     */
    public record Series(String name, String color, boolean dashed, List<Point> points) {

        /**
         * Checks and copies the parts.
         *
         * @throws IllegalArgumentException if there are no points
         */
        public Series {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(color, "color");
            points = List.copyOf(points);
            if (points.isEmpty()) {
                throw new IllegalArgumentException("series " + name + " has no points");
            }
        }
    }

    /**
     * One measured value.
     *
     * @param x its position on the horizontal axis
     * @param y its position on the vertical axis
     * @param label a short text written next to the marker, such as a ratio; empty for none
     * @param labelBelow whether the label goes under the marker instead of above it, to keep it off a line above
     */
    public record Point(double x, double y, String label, boolean labelBelow) {

        /**
         * Checks the parts.
         *
         * @throws IllegalArgumentException if a coordinate is not a finite number
         */
        public Point {
            Objects.requireNonNull(label, "label");
            if (!Double.isFinite(x) || !Double.isFinite(y)) {
                throw new IllegalArgumentException("not a finite point: (" + x + ", " + y + ")");
            }
        }

        /**
         * A point with its label above the marker.
         *
         * @param x its position on the horizontal axis
         * @param y its position on the vertical axis
         * @param label a short text written above the marker; empty for none
         */
        public Point(double x, double y, String label) {
            this(x, y, label, false);
        }

        /**
         * A point without a label.
         *
         * @param x its position on the horizontal axis
         * @param y its position on the vertical axis
         */
        public Point(double x, double y) {
            this(x, y, "");
        }
    }

    /** The values an axis spans and where its ticks are. */
    private record Range(double low, double high, List<Double> ticks) {
    }

    /**
     * Writes the chart as an SVG document.
     *
     * @return the document, starting with its XML declaration
     * @throws IllegalArgumentException if a logarithmic axis has a value at or below zero
     */
    public String toSvg() {
        Range xRange = range(xAxis, Point::x);
        Range yRange = range(yAxis, Point::y);
        List<String> noteLines = new ArrayList<>();
        notes.forEach(note -> noteLines.addAll(wrap(note)));
        int height = PLOT_BOTTOM + 66 + noteLines.size() * NOTE_LINE;

        Svg svg = new Svg();
        svg.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        svg.raw("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + WIDTH + "\" height=\"" + height
                + "\" viewBox=\"0 0 " + WIDTH + " " + height
                + "\" font-family=\"DejaVu Sans, Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        svg.element("title", title);
        svg.raw("\n<rect class=\"background\" x=\"0\" y=\"0\" width=\"" + WIDTH + "\" height=\"" + height
                + "\" fill=\"#ffffff\"/>\n");
        svg.text("title", WIDTH / 2.0, 28, "middle", "font-size=\"16\" font-weight=\"bold\"", title);

        svg.raw("<g class=\"grid\" stroke=\"#dddddd\" stroke-width=\"1\">\n");
        for (double tick : xRange.ticks()) {
            double x = xPixel(xRange, tick);
            svg.raw("<line x1=\"" + number(x) + "\" y1=\"" + PLOT_TOP + "\" x2=\"" + number(x) + "\" y2=\""
                    + PLOT_BOTTOM + "\"/>\n");
        }
        for (double tick : yRange.ticks()) {
            double y = yPixel(yRange, tick);
            svg.raw("<line x1=\"" + PLOT_LEFT + "\" y1=\"" + number(y) + "\" x2=\"" + (PLOT_LEFT + PLOT_WIDTH)
                    + "\" y2=\"" + number(y) + "\"/>\n");
        }
        svg.raw("</g>\n");
        svg.raw("<rect class=\"plot-area\" x=\"" + PLOT_LEFT + "\" y=\"" + PLOT_TOP + "\" width=\"" + PLOT_WIDTH
                + "\" height=\"" + PLOT_HEIGHT + "\" fill=\"none\" stroke=\"#333333\"/>\n");
        for (double tick : xRange.ticks()) {
            svg.text("x-tick", xPixel(xRange, tick), PLOT_BOTTOM + 18, "middle", "",
                    xAxis.tickLabel().apply(tick));
        }
        for (double tick : yRange.ticks()) {
            // dy centres the text on the tick, so that its y is the tick's.
            svg.text("y-tick", PLOT_LEFT - 8, yPixel(yRange, tick), "end", "dy=\"0.35em\"",
                    yAxis.tickLabel().apply(tick));
        }
        svg.text("x-label", PLOT_LEFT + PLOT_WIDTH / 2.0, PLOT_BOTTOM + 40, "middle", "", xAxis.label());
        double yLabelY = PLOT_TOP + PLOT_HEIGHT / 2.0;
        svg.text("y-label", 22, yLabelY, "middle", "transform=\"rotate(-90 22 " + number(yLabelY) + ")\"",
                yAxis.label());

        for (Series line : series) {
            drawSeries(svg, line, xRange, yRange);
        }
        drawLegend(svg);

        double noteY = PLOT_BOTTOM + 66;
        for (String note : noteLines) {
            svg.text("note", 16, noteY, "start", "font-size=\"11\" fill=\"#444444\"", note);
            noteY += NOTE_LINE;
        }
        svg.raw("</svg>\n");
        return svg.toString();
    }

    /**
     * Writes the chart to a file, creating missing parent directories.
     *
     * @param file where to write, replaced if it exists
     * @throws IOException if the file cannot be written
     */
    public void write(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(file, toSvg(), StandardCharsets.UTF_8);
    }

    /**
     * Writes a number as briefly as it reads well: at most 4 significant digits, no exponent, no trailing zeros.
     *
     * @param value the number
     * @return for example {@code 1000}, {@code 0.25} or {@code 2.5}
     */
    public static String plainNumber(double value) {
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(4)).stripTrailingZeros();
        return rounded.scale() < 0 ? rounded.setScale(0).toPlainString() : rounded.toPlainString();
    }

    private void drawSeries(Svg svg, Series line, Range xRange, Range yRange) {
        String dash = line.dashed() ? " stroke-dasharray=\"6 4\"" : "";
        svg.raw("<g class=\"series\" data-name=\"" + escape(line.name()) + "\" stroke=\"" + escape(line.color())
                + "\" fill=\"" + escape(line.color()) + "\">\n");
        StringBuilder points = new StringBuilder();
        for (Point point : line.points()) {
            if (points.length() > 0) {
                points.append(' ');
            }
            points.append(number(xPixel(xRange, point.x()))).append(',').append(number(yPixel(yRange, point.y())));
        }
        svg.raw("<polyline points=\"" + points + "\" fill=\"none\" stroke-width=\"2\"" + dash + "/>\n");
        for (Point point : line.points()) {
            double x = xPixel(xRange, point.x());
            double y = yPixel(yRange, point.y());
            svg.raw("<circle cx=\"" + number(x) + "\" cy=\"" + number(y) + "\" r=\"3.5\">");
            svg.element("title", line.name() + ": " + xAxis.tickLabel().apply(point.x()) + ", "
                    + plainNumber(point.y()));
            svg.raw("</circle>\n");
            if (!point.label().isEmpty()) {
                // Above: 8 pixels over the centre; below: far enough for the text's height under the marker.
                drawPointLabel(svg, x, point.labelBelow() ? y + 16 : y - 8, point.label());
            }
        }
        svg.raw("</g>\n");
    }

    /**
     * Centred on the marker's x, or starting or ending near it where a centred label would cross the plot area's
     * side; {@code baseline} is the text's y.
     */
    private static void drawPointLabel(Svg svg, double x, double baseline, String label) {
        double halfWidth = label.length() * POINT_LABEL_CHARACTER_WIDTH / 2;
        String anchor = "middle";
        double at = x;
        if (x + halfWidth > PLOT_LEFT + PLOT_WIDTH) {
            anchor = "end";
            at = x + 4;
        } else if (x - halfWidth < PLOT_LEFT) {
            anchor = "start";
            at = x - 4;
        }
        svg.text("point-label", at, baseline, anchor, "font-size=\"10\" stroke=\"none\"", label);
    }

    private void drawLegend(Svg svg) {
        svg.raw("<g class=\"legend\">\n");
        double y = PLOT_TOP + 10;
        for (Series line : series) {
            String dash = line.dashed() ? " stroke-dasharray=\"6 4\"" : "";
            svg.raw("<line x1=\"" + LEGEND_LEFT + "\" y1=\"" + number(y) + "\" x2=\"" + (LEGEND_LEFT + 26)
                    + "\" y2=\"" + number(y) + "\" stroke=\"" + escape(line.color()) + "\" stroke-width=\"2\"" + dash
                    + "/>\n");
            svg.raw("<circle cx=\"" + (LEGEND_LEFT + 13) + "\" cy=\"" + number(y) + "\" r=\"3.5\" fill=\""
                    + escape(line.color()) + "\"/>\n");
            svg.text("legend-entry", LEGEND_LEFT + 34, y + 4, "start", "", line.name());
            y += LEGEND_LINE;
        }
        svg.raw("</g>\n");
    }

    private Range range(Axis axis, ToDoubleFunction<Point> coordinate) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (Series line : series) {
            for (Point point : line.points()) {
                double value = coordinate.applyAsDouble(point);
                min = Math.min(min, value);
                max = Math.max(max, value);
            }
        }
        return axis.logarithmic() ? logRange(axis, min, max) : linearRange(min, max);
    }

    /** From the power of the base at or below the least value to the one at or above the greatest. */
    private static Range logRange(Axis axis, double min, double max) {
        if (!(min > 0)) {
            throw new IllegalArgumentException("axis '" + axis.label() + "' is logarithmic but has the value " + min);
        }
        int lowPower = (int) Math.floor(log(axis, min) + LOG_SLACK);
        int highPower = (int) Math.ceil(log(axis, max) - LOG_SLACK);
        if (highPower == lowPower) {
            highPower++;
        }
        int every = (highPower - lowPower) / MAX_LOG_TICKS + 1;
        // The range ends on a tick.
        highPower = lowPower + (highPower - lowPower + every - 1) / every * every;
        List<Double> ticks = new ArrayList<>();
        for (int power = lowPower; power <= highPower; power += every) {
            ticks.add(Math.pow(axis.logBase(), power));
        }
        return new Range(Math.pow(axis.logBase(), lowPower), Math.pow(axis.logBase(), highPower), ticks);
    }

    /** From zero (or a round value below the least, if negative) to a round value at or above the greatest. */
    private static Range linearRange(double min, double max) {
        double low = Math.min(0, min);
        double high = Math.max(0, max);
        double step = roundStep((high - low) / LINEAR_INTERVALS);
        long lowSteps = (long) Math.floor(low / step);
        long highSteps = Math.max((long) Math.ceil(high / step), lowSteps + 1);
        List<Double> ticks = new ArrayList<>();
        for (long i = lowSteps; i <= highSteps; i++) {
            // Multiplied, not summed, so that rounding errors do not add up along the axis.
            ticks.add(i * step);
        }
        return new Range(lowSteps * step, highSteps * step, ticks);
    }

    /** The 1, 2 or 5 times a power of ten nearest above {@code raw}. */
    private static double roundStep(double raw) {
        if (!(raw > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double fraction = raw / power;
        double round = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
        return round * power;
    }

    private double xPixel(Range range, double value) {
        return PLOT_LEFT + INSET + share(xAxis, range, value) * (PLOT_WIDTH - 2 * INSET);
    }

    private double yPixel(Range range, double value) {
        return PLOT_BOTTOM - share(yAxis, range, value) * (PLOT_HEIGHT - INSET);
    }

    /** Where a value lies between the range's ends: 0 at the low end, 1 at the high end. */
    private static double share(Axis axis, Range range, double value) {
        if (axis.logarithmic()) {
            return (log(axis, value) - log(axis, range.low())) / (log(axis, range.high()) - log(axis, range.low()));
        }
        return (value - range.low()) / (range.high() - range.low());
    }

    private static double log(Axis axis, double value) {
        return Math.log(value) / Math.log(axis.logBase());
    }

    /** Splits a note at spaces into lines of at most {@link #NOTE_CHARACTERS}; a longer word keeps its own line. */
    private static List<String> wrap(String note) {
        List<String> lines = new ArrayList<>();
        StringBuilder line = new StringBuilder();
        for (String word : note.split(" ")) {
            if (line.length() > 0 && line.length() + 1 + word.length() > NOTE_CHARACTERS) {
                lines.add(line.toString());
                line.setLength(0);
            }
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(word);
        }
        lines.add(line.toString());
        return lines;
    }

    private static String number(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** The document being written. */
    private static final class Svg {
        private final StringBuilder out = new StringBuilder();

        void raw(String markup) {
            out.append(markup);
        }

        void element(String name, String content) {
            out.append('<').append(name).append('>').append(escape(content)).append("</").append(name).append('>');
        }

        void text(String cssClass, double x, double y, String anchor, String attributes, String content) {
            out.append("<text class=\"").append(cssClass).append("\" x=\"").append(number(x)).append("\" y=\"")
                    .append(number(y)).append("\" text-anchor=\"").append(anchor).append('"');
            if (!attributes.isEmpty()) {
                out.append(' ').append(attributes);
            }
            out.append('>').append(escape(content)).append("</text>\n");
        }

        @Override
        public String toString() {
            return out.toString();
        }
    }
}
