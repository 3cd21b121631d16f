package org.parley.msrp.benchmarks.plots;

import org.junit.jupiter.api.Test;
import org.parley.msrp.benchmarks.plots.SvgLineChart.Axis;
import org.parley.msrp.benchmarks.plots.SvgLineChart.Point;
import org.parley.msrp.benchmarks.plots.SvgLineChart.Series;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class SvgLineChartTest {

    private static final String SVG = "http://www.w3.org/2000/svg";
    private static final Axis LOG2_X = Axis.log("chunk", 2, SvgLineChart::plainNumber);
    private static final Axis LINEAR_Y = Axis.linear("MB/s", SvgLineChart::plainNumber);

    @Test
    void documentIsSvgWithTitleAxesOneGroupPerSeriesAndALegend() throws Exception {
        SvgLineChart chart = new SvgLineChart("Throughput", LOG2_X, LINEAR_Y, List.of(
                new Series("Parley", SvgLineChart.BLUE, false,
                        List.of(new Point(2048, 10, "0.10"), new Point(4096, 20, "0.20"))),
                new Series("raw", SvgLineChart.GREY, true, List.of(new Point(2048, 100), new Point(4096, 100)))),
                List.of("Measured today."));

        Document svg = parse(chart.toSvg());

        Element root = svg.getDocumentElement();
        assertThat(root.getNamespaceURI()).isEqualTo(SVG);
        assertThat(root.getLocalName()).isEqualTo("svg");
        assertThat(root.getAttribute("viewBox")).isEqualTo("0 0 " + root.getAttribute("width") + " "
                + root.getAttribute("height"));
        assertThat(text(elements(svg, "text", "title"))).containsExactly("Throughput");
        assertThat(text(elements(svg, "text", "x-label"))).containsExactly("chunk");
        assertThat(text(elements(svg, "text", "y-label"))).containsExactly("MB/s");
        assertThat(elements(svg, "rect", "plot-area")).hasSize(1);
        List<Element> series = elements(svg, "g", "series");
        assertThat(series).extracting(g -> g.getAttribute("data-name")).containsExactly("Parley", "raw");
        assertThat(series.get(0).getElementsByTagNameNS(SVG, "circle").getLength()).isEqualTo(2);
        assertThat(series.get(0).getElementsByTagNameNS(SVG, "polyline").getLength()).isEqualTo(1);
        assertThat(((Element) series.get(0).getElementsByTagNameNS(SVG, "polyline").item(0))
                .hasAttribute("stroke-dasharray")).isFalse();
        assertThat(((Element) series.get(1).getElementsByTagNameNS(SVG, "polyline").item(0))
                .getAttribute("stroke-dasharray")).isNotEmpty();
        assertThat(text(elements(svg, "text", "point-label"))).containsExactly("0.10", "0.20");
        assertThat(text(elements(svg, "text", "legend-entry"))).containsExactly("Parley", "raw");
        assertThat(text(elements(svg, "text", "note"))).containsExactly("Measured today.");
    }

    @Test
    void pointsLandAtTheirShareOfALogXAndALinearYAxis() throws Exception {
        // x spans 2^11..2^13, so 4096 is half-way; y gets ticks of 20 up to 100, so 50 is half-way.
        SvgLineChart chart = new SvgLineChart("t", LOG2_X, LINEAR_Y, List.of(new Series("s", SvgLineChart.BLUE,
                false, List.of(new Point(2048, 0), new Point(4096, 50), new Point(8192, 100)))), List.of());

        Document svg = parse(chart.toSvg());

        Span x = xSpan(svg);
        Span y = ySpan(svg);
        List<double[]> circles = circles(elements(svg, "g", "series").get(0));
        assertThat(circles).hasSize(3);
        assertAt(circles.get(0), x.low(), y.low());
        assertAt(circles.get(1), x.at(0.5), y.at(0.5));
        assertAt(circles.get(2), x.high(), y.high());
        // Inset from the frame at the sides and the top, so that end markers and their labels stay clear of it.
        assertThat(x.low()).isGreaterThan(plotArea(svg).left());
        assertThat(plotArea(svg).contains(x.high(), y.high())).isTrue();
        String expectedLine = String.join(" ", List.of(circles.get(0), circles.get(1), circles.get(2)).stream()
                .map(c -> String.format(Locale.ROOT, "%.1f,%.1f", c[0], c[1])).toList());
        Element polyline = (Element) elements(svg, "g", "series").get(0).getElementsByTagNameNS(SVG, "polyline")
                .item(0);
        assertThat(polyline.getAttribute("points")).isEqualTo(expectedLine);
        assertThat(text(elements(svg, "text", "y-tick"))).containsExactly("0", "20", "40", "60", "80", "100");
        assertThat(text(elements(svg, "text", "x-tick"))).containsExactly("2048", "4096", "8192");
    }

    @Test
    void logYAxisRunsFromThePowerBelowTheLeastToThePowerAboveTheGreatest() throws Exception {
        Axis log10 = Axis.log("ms", 10, SvgLineChart::plainNumber);
        SvgLineChart chart = new SvgLineChart("t", log10, log10, List.of(new Series("s", SvgLineChart.BLUE, false,
                List.of(new Point(1, 3), new Point(10, 30), new Point(1000, 300)))), List.of());

        Document svg = parse(chart.toSvg());

        // Both axes span 1..1000, three decades.
        Span x = xSpan(svg);
        Span y = ySpan(svg);
        List<double[]> circles = circles(elements(svg, "g", "series").get(0));
        assertAt(circles.get(0), x.low(), y.at(Math.log10(3) / 3));
        assertAt(circles.get(1), x.at(1.0 / 3), y.at(Math.log10(30) / 3));
        assertAt(circles.get(2), x.high(), y.at(Math.log10(300) / 3));
        assertThat(text(elements(svg, "text", "y-tick"))).containsExactly("1", "10", "100", "1000");
        List<Element> xTicks = elements(svg, "text", "x-tick");
        assertThat(text(xTicks)).containsExactly("1", "10", "100", "1000");
        assertThat(Double.parseDouble(xTicks.get(2).getAttribute("x"))).isCloseTo(x.at(2.0 / 3), within(0.1));
    }

    @Test
    void aLogAxisOverManyPowersLabelsEveryFewAndEndsOnATick() throws Exception {
        SvgLineChart chart = new SvgLineChart("t", LOG2_X, LINEAR_Y, List.of(new Series("s", SvgLineChart.BLUE, false,
                List.of(new Point(1, 1), new Point(1 << 29, 2)))), List.of());

        Document svg = parse(chart.toSvg());

        // 2^0..2^29 is 29 intervals, more than 11 ticks: every third power, so the range ends at 2^30.
        List<String> ticks = text(elements(svg, "text", "x-tick"));
        assertThat(ticks).hasSize(11).startsWith("1", "8", "64").endsWith(SvgLineChart.plainNumber(1 << 30));
        List<double[]> circles = circles(elements(svg, "g", "series").get(0));
        assertAt(circles.get(1), xSpan(svg).at(29.0 / 30), ySpan(svg).high());
    }

    @Test
    void longPointLabelsAtTheSidesStayInsideThePlotArea() throws Exception {
        String label = "5.98, 388 of 3000 failed";
        SvgLineChart chart = new SvgLineChart("t", LOG2_X, LINEAR_Y, List.of(new Series("s", SvgLineChart.BLUE, false,
                List.of(new Point(2, 1, label), new Point(4, 1, "0.5"), new Point(8, 1, label)))), List.of());

        Document svg = parse(chart.toSvg());

        List<Element> labels = elements(svg, "text", "point-label");
        assertThat(labels).extracting(l -> l.getAttribute("text-anchor")).containsExactly("start", "middle", "end");
        List<double[]> circles = circles(elements(svg, "g", "series").get(0));
        assertThat(Double.parseDouble(labels.get(1).getAttribute("x"))).isEqualTo(circles.get(1)[0]);
    }

    @Test
    void aLabelGoesBelowItsMarkerWhenAsked() throws Exception {
        SvgLineChart chart = new SvgLineChart("t", LOG2_X, LINEAR_Y, List.of(new Series("s", SvgLineChart.BLUE, false,
                List.of(new Point(2, 1, "above"), new Point(4, 1, "below", true)))), List.of());

        Document svg = parse(chart.toSvg());

        List<Element> labels = elements(svg, "text", "point-label");
        List<double[]> circles = circles(elements(svg, "g", "series").get(0));
        assertThat(Double.parseDouble(labels.get(0).getAttribute("y"))).isLessThan(circles.get(0)[1]);
        assertThat(Double.parseDouble(labels.get(1).getAttribute("y"))).isGreaterThan(circles.get(1)[1]);
    }

    @Test
    void textIsEscapedAndLongNotesAreWrappedAtSpaces() throws Exception {
        String note = "word ".repeat(60).strip();
        SvgLineChart chart = new SvgLineChart("a < b & \"c\"", LOG2_X, LINEAR_Y, List.of(
                new Series("<Parley>", SvgLineChart.BLUE, false, List.of(new Point(2, 1)))), List.of(note));

        Document svg = parse(chart.toSvg());

        assertThat(text(elements(svg, "text", "title"))).containsExactly("a < b & \"c\"");
        assertThat(elements(svg, "g", "series").get(0).getAttribute("data-name")).isEqualTo("<Parley>");
        List<String> lines = text(elements(svg, "text", "note"));
        assertThat(lines).hasSizeGreaterThan(1)
                .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(125));
        assertThat(String.join(" ", lines)).isEqualTo(note);
    }

    @Test
    void refusesWhatItCannotDraw() {
        Series zero = new Series("s", SvgLineChart.BLUE, false, List.of(new Point(0, 1)));
        assertThatThrownBy(() -> new SvgLineChart("t", LOG2_X, LINEAR_Y, List.of(zero), List.of()).toSvg())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("logarithmic");
        assertThatThrownBy(() -> new SvgLineChart("t", LOG2_X, LINEAR_Y, List.of(), List.of()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Point(1, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Axis.log("x", 1, SvgLineChart::plainNumber))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void plainNumbersHaveNoExponentAndNoTrailingZeros() {
        assertThat(SvgLineChart.plainNumber(1000)).isEqualTo("1000");
        assertThat(SvgLineChart.plainNumber(0)).isEqualTo("0");
        assertThat(SvgLineChart.plainNumber(0.1)).isEqualTo("0.1");
        assertThat(SvgLineChart.plainNumber(2.50)).isEqualTo("2.5");
        assertThat(SvgLineChart.plainNumber(1048576)).isEqualTo("1049000");
        assertThat(SvgLineChart.plainNumber(0.30000000000000004)).isEqualTo("0.3");
    }

    private record PlotArea(double left, double top, double width, double height) {
        boolean contains(double x, double y) {
            return x > left && x < left + width && y > top && y < top + height;
        }
    }

    /** Where an axis's range runs on the page: from its first tick to its last. */
    private record Span(double low, double high) {
        double at(double share) {
            return low + share * (high - low);
        }
    }

    /** The x-tick labels are centred on their ticks. */
    private static Span xSpan(Document svg) {
        List<Element> ticks = elements(svg, "text", "x-tick");
        return new Span(Double.parseDouble(ticks.get(0).getAttribute("x")),
                Double.parseDouble(ticks.get(ticks.size() - 1).getAttribute("x")));
    }

    /** The y-tick labels are centred on their ticks, by dy. */
    private static Span ySpan(Document svg) {
        List<Element> ticks = elements(svg, "text", "y-tick");
        return new Span(Double.parseDouble(ticks.get(0).getAttribute("y")),
                Double.parseDouble(ticks.get(ticks.size() - 1).getAttribute("y")));
    }

    private static PlotArea plotArea(Document svg) {
        Element rect = elements(svg, "rect", "plot-area").get(0);
        return new PlotArea(Double.parseDouble(rect.getAttribute("x")), Double.parseDouble(rect.getAttribute("y")),
                Double.parseDouble(rect.getAttribute("width")), Double.parseDouble(rect.getAttribute("height")));
    }

    private static List<double[]> circles(Element group) {
        NodeList nodes = group.getElementsByTagNameNS(SVG, "circle");
        List<double[]> centres = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element circle = (Element) nodes.item(i);
            centres.add(new double[] {Double.parseDouble(circle.getAttribute("cx")),
                    Double.parseDouble(circle.getAttribute("cy"))});
        }
        return centres;
    }

    /** Coordinates are written with one decimal. */
    private static void assertAt(double[] centre, double x, double y) {
        assertThat(centre[0]).as("x").isCloseTo(x, within(0.05));
        assertThat(centre[1]).as("y").isCloseTo(y, within(0.05));
    }

    private static Document parse(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return factory.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    private static List<Element> elements(Document svg, String tag, String cssClass) {
        NodeList nodes = svg.getElementsByTagNameNS(SVG, tag);
        List<Element> found = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            Element element = (Element) nodes.item(i);
            if (cssClass.equals(element.getAttribute("class"))) {
                found.add(element);
            }
        }
        return found;
    }

    private static List<String> text(List<Element> elements) {
        return elements.stream().map(Element::getTextContent).toList();
    }
}
