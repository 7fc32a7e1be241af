package org.relulab.training.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * {@link LinePlot}: lines, dashed lines, points, bands, seeds and reference lines; markers where there are few points;
 * one legend entry per name, outside the plot area; scales said in the labels; a viewBox; the data beside the SVG.
 */
class LinePlotTest {
    /** The plot area's frame: the last rect with a black stroke. */
    private static final Pattern FRAME = Pattern.compile(
            "<rect x=\"(\\d+)\" y=\"(\\d+)\" width=\"(\\d+)\" height=\"(\\d+)\" fill=\"none\" stroke=\"black\"/>");

    private static int count(String svg, String part) {
        return svg.split(Pattern.quote(part), -1).length - 1;
    }

    /** x, y, width, height of the plot area. */
    private static int[] frame(String svg) {
        Matcher m = FRAME.matcher(svg);
        assertTrue(m.find(), svg);
        return new int[] {Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4))};
    }

    /** The text elements of the parsed SVG whose content is {@code s}. */
    private static List<Element> texts(Element root, String s) {
        List<Element> out = new ArrayList<>();
        NodeList all = root.getElementsByTagName("text");
        for (int i = 0; i < all.getLength(); i++)
            if (all.item(i).getTextContent().equals(s)) out.add((Element) all.item(i));
        return out;
    }

    private static double attr(Element e, String name) {
        return Double.parseDouble(e.getAttribute(name));
    }

    @Test
    void pointsHaveMarkersAndFitsAreDashedLines() {
        double[] x = {8, 16, 32}, y = {1, 8, 64};
        String svg = new LinePlot("time <to> eps", "d", "seconds", true)
                .addPoints("measured", x, y).addPoints("measured", new double[] {8}, new double[] {1.1})
                .addDashed("fit", x, y).svg();
        SvgCheck.parse(svg);
        assertEquals(3 + 1 + 1, count(svg, "<circle"), "three points, one more of the same name, one legend marker");
        assertEquals(1, count(svg, "<polyline"), "the dashed fit");
        assertEquals(2, count(svg, "stroke-dasharray"), "the dashed fit and its legend entry");
        assertEquals(1, count(svg, ">measured</text>"), "one legend entry per name");
        assertTrue(svg.contains("time &lt;to&gt; eps"), "title escaped");
        assertTrue(svg.contains(">d (log scale)</text>") && svg.contains(">seconds (log scale)</text>"), svg);
    }

    @Test
    void aLineWithFewPointsHasMarkersAndALongOneNone() {
        double[] few = new double[LinePlot.MARKED_POINTS], many = new double[LinePlot.MARKED_POINTS + 1];
        for (int i = 0; i < many.length; i++) many[i] = i + 1;
        for (int i = 0; i < few.length; i++) few[i] = i + 1;
        String svg = new LinePlot("t", "step", "loss", false).add("few", few, few).add("many", many, many).svg();
        SvgCheck.parse(svg);
        assertEquals(LinePlot.MARKED_POINTS + 1, count(svg, "<circle"), "few's points and its legend marker");
        assertEquals(1, count(svg, "<rect x="), "the frame alone: no (square) markers on many's line");
        String single = new LinePlot("t", "x", "y", false).addDashed("theory", new double[] {1}, new double[] {2})
                .svg();
        assertEquals(1 + 1, count(single, "<circle"), "a dashed series of one point is a marker, and so its legend");
    }

    /** An estimate drawn in its measurement's colour, with a legend entry of its own. */
    @Test
    void anEstimateTakesTheColorOfWhatItEstimates() {
        double[] x = {8, 16, 32};
        String svg = new LinePlot("t", "d", "loss", true).add("a", x, x).add("b", x, x)
                .addDashed("b: estimate", "b", x, x).addPoints("b: steps", "b", x, x).svg();
        SvgCheck.parse(svg);
        assertEquals(4, count(svg, "text-anchor=\"start\""), "four legend entries: " + svg);
        assertEquals(0, count(svg, Look.COLORS[2]), "no third colour: " + svg);
        String b = Look.COLORS[1];
        assertEquals(1 + 3 + 2 + 1 + 1 + 3 + 1, count(svg, b),
                "b: line, markers, legend line and marker; the estimate and its legend; the points and their legend");
    }

    @Test
    void aUnitAxisPlotsZeroToOneInSteps() {
        double[] x = {1, 2, 4};
        String svg = new LinePlot("t", "m/d", "fraction", false).unitY().addPoints("p", x, new double[] {0, 0.5, 1})
                .addBand("p", x, new double[] {0, 0.2, 0.8}, new double[] {0.2, 0.8, 1}).svg();
        SvgCheck.parse(svg);
        assertEquals(3 + 1, count(svg, "<circle"), "0 is plotted too: three points and the legend marker");
        for (String tick : new String[] {"0", "0.2", "0.6", "1"})
            assertTrue(svg.contains(">" + tick + "</text>"), tick);
        assertTrue(svg.contains(">fraction</text>"), "a linear axis says nothing of its scale: " + svg);
        int[] f = frame(svg);
        assertTrue(svg.contains(String.format(java.util.Locale.ROOT, "cy=\"%.1f\"",
                f[1] + f[3] * (1 - Axis.MARGIN / (1 + 2 * Axis.MARGIN)))), "0 sits inside the frame, by the margin");
    }

    @Test
    void aLinearAxisStartsAtZeroAndReachesTheLargestValue() {
        String svg = new LinePlot("t", "threads", "speed-up (x)", false).linearY()
                .add("gemm", new double[] {1, 8, 16}, new double[] {1, 6, 11}).svg();
        SvgCheck.parse(svg);
        for (String tick : new String[] {"0", "5", "10"}) assertTrue(svg.contains(">" + tick + "</text>"), tick);
        assertFalse(svg.contains("log scale"), "a linear axis says nothing of its scale: " + svg);
        assertTrue(svg.contains("data-y-scale=\"linear\"") || svg.contains("y-scale=\"linear\""),
                "redraw.py reads the scale from the SVG: " + svg);
    }

    @Test
    void theLegendSitsRightOfThePlotAreaAndBelowItWhenItsNamesAreLong() {
        double[] x = {1, 2};
        String right = new LinePlot("t", "d", "s", true).add("a", x, x).add("b", x, x).svg();
        Element root = SvgCheck.parse(right);
        int[] f = frame(right);
        assertTrue(attr(texts(root, "b").get(0), "x") > f[0] + f[2], "right of the frame: " + right);
        assertTrue(attr(root, "width") >= attr(texts(root, "b").get(0), "x") + 10, "inside the picture");
        String name = "a name far too long to sit beside the plot without squeezing it: " + "x".repeat(40);
        String below = new LinePlot("t", "d", "s", true).add(name, x, x).add("b", x, x).svg();
        Element r2 = SvgCheck.parse(below);
        int[] g = frame(below);
        double y = attr(texts(r2, name).get(0), "y");
        assertTrue(y > g[1] + g[3] + 40 && y < attr(r2, "height"), "below the frame and its x label: " + below);
        String longer = "x".repeat(120);
        Element r4 = SvgCheck.parse(new LinePlot("t", "d", "s", true).add(longer, x, x).svg());
        assertTrue(attr(texts(r4, longer).get(0), "x") + Svg.width(longer, 11) <= attr(r4, "width"),
                "a name wider than the plot widens the picture");
        String forced = new LinePlot("t", "d", "s", true).legendBelow().add("a", x, x).svg();
        Element r3 = SvgCheck.parse(forced);
        assertTrue(attr(texts(r3, "a").get(0), "y") > frame(forced)[1] + frame(forced)[3], forced);
    }

    @Test
    void manySeriesLookDifferent() {
        LinePlot p = new LinePlot("t", "x", "y", false);
        int n = 2 * Look.COLORS.length;
        for (int k = 0; k < n; k++) p.add("s" + k, new double[] {0, 100}, new double[] {1 + k, 2 + k});
        String svg = p.svg();
        SvgCheck.parse(svg);
        Matcher m = Pattern.compile("<polyline fill=\"none\" stroke=\"(#\\w+)\"[^>]*?(stroke-dasharray=\"([^\"]+)\")?"
                + " points=").matcher(svg);
        Set<String> looks = new HashSet<>();
        int lines = 0;
        while (m.find()) {
            looks.add(m.group(1) + "|" + m.group(3));
            lines++;
        }
        assertEquals(n, lines);
        assertEquals(n, looks.size(), "no two series share a colour and a dash pattern: " + looks);
    }

    @Test
    void seedsAreAMedianLineWithAMinMaxBand() throws Exception {
        LinePlot p = new LinePlot("t", "d", "loss", true).addSeed("net", new double[] {8, 16}, new double[] {1, 10})
                .addSeed("net", new double[] {8, 16}, new double[] {3, 20}).addSeed("net", new double[] {8},
                        new double[] {2});
        String svg = p.svg();
        SvgCheck.parse(svg);
        assertEquals(1, count(svg, "<polyline"), "one line, not one per seed");
        assertEquals(1, count(svg, "<polygon fill="), "one band");
        assertTrue(svg.indexOf("<polygon fill=") < svg.indexOf("<polyline"), "the band is behind the line");
        assertEquals(1, count(svg, ">net</text>"));
        assertEquals("""
                series,style,color_of,x,y,lo,hi
                net,line,net,8.0,2.0,,
                net,line,net,16.0,15.0,,
                net,band,net,8.0,,1.0,3.0
                net,band,net,16.0,,10.0,20.0
                """, p.csv(), "the median of 1, 3, 2 and of 10, 20");
        assertEquals("net: 2 x values, 1 y values", assertThrows(IllegalArgumentException.class,
                () -> new LinePlot("t", "d", "s", true).addSeed("net", new double[] {1, 2}, new double[] {1}))
                .getMessage());
        String one = new LinePlot("t", "d", "s", true).addSeed("one", new double[] {1, 2}, new double[] {1, 2}).svg();
        assertEquals(0, count(one, "<polygon fill="), "one seed, no band");
        String apart = new LinePlot("t", "n", "s", true).addSeed("a", new double[] {1}, new double[] {1})
                .addSeed("a", new double[] {2}, new double[] {2}).svg();
        assertEquals(0, count(apart, "<polygon fill="), "one seed at each x, no band");
        assertEquals("t (median of 2–3 seeds, min–max band)", p.title(), "how many seeds each point has");
        assertTrue(svg.contains("t (median of 2–3 seeds, min–max band)</text>"), svg);
        assertEquals("t (one seed)", new LinePlot("t", "d", "s", true).addSeed("one", new double[] {1, 2},
                new double[] {1, 2}).title(), "one seed is not called a median");
        assertEquals("t (median of 2 seeds, min–max band)", new LinePlot("t", "d", "s", true)
                .addSeed("a", new double[] {1}, new double[] {1}).addSeed("a", new double[] {1}, new double[] {3})
                .title());
        assertEquals("t", new LinePlot("t", "d", "s", true).add("a", new double[] {1}, new double[] {1}).title(),
                "no seeds, no note");
    }

    @Test
    void aReferenceIsADashedLabelledLineAcrossThePlot() {
        String svg = new LinePlot("t", "d", "loss", true).add("a", new double[] {1, 4}, new double[] {0.1, 0.2})
                .addReference("1 − 2/π: the constant", 1 - 2 / Math.PI).svg();
        Element root = SvgCheck.parse(svg);
        int[] f = frame(svg);
        assertEquals(2, texts(root, "1 − 2/π: the constant").size(), "on the line and in the legend");
        assertTrue(svg.contains(String.format(java.util.Locale.ROOT, "<line x1=\"%d\" y1=", f[0])), svg);
        assertTrue(svg.contains("stroke=\"" + "#555555" + "\" stroke-width=\"1.3\" stroke-dasharray"), svg);
        Matcher line = Pattern.compile("<line x1=\"" + f[0] + "\" y1=\"([\\d.]+)\"").matcher(svg);
        assertTrue(line.find(), svg);
        double label = texts(root, "1 − 2/π: the constant").stream().mapToDouble(e -> attr(e, "y")).min().orElseThrow();
        assertTrue(label > Double.parseDouble(line.group(1)), "on top of the data, by the frame: its name under it");
    }

    @Test
    void aLongTitleWrapsInsteadOfShrinking() {
        String title = "word ".repeat(60).trim();
        Element root = SvgCheck.parse(new LinePlot(title, "x", "y", false).add("a", new double[] {1, 2},
                new double[] {1, 2}).svg());
        NodeList texts = root.getElementsByTagName("text");
        int lines = 0;
        for (int i = 0; i < texts.getLength(); i++) {
            Element t = (Element) texts.item(i);
            if (!t.getTextContent().startsWith("word")) continue;
            lines++;
            assertEquals(Svg.MIN_TITLE_SIZE, Integer.parseInt(t.getAttribute("font-size")));
            assertTrue(Svg.width(t.getTextContent(), Svg.MIN_TITLE_SIZE) <= attr(root, "width"), "fits");
        }
        assertTrue(lines >= 2, "wrapped: " + lines);
        assertEquals(List.of("a b", "m = 48"), Svg.wrap("a b m = 48", Svg.width("a b m", 12), 12), "not at \" = \"");
        assertEquals(title, root.getElementsByTagName("title").item(0).getTextContent());
    }

    @Test
    void nonPositiveValuesAreSkippedOnLogAxes() {
        String svg = new LinePlot("t", "d", "s", true).addPoints("p", new double[] {1, 0, 4}, new double[] {1, 2, -1})
                .svg();
        assertEquals(1 + 1, count(svg, "<circle"), "one usable point and the legend marker");
        String empty = new LinePlot("t", "d", "s", true).addPoints("p", new double[] {0}, new double[] {0}).svg();
        SvgCheck.parse(empty);
        assertTrue(empty.contains("no finite positive values to plot"), empty);
    }

    @Test
    void aBandWithAnUnplottableEdgeLeavesThatXOut() {
        double[] x = {1, 2, 4}, hi = {4, 2, 1e3};
        String skipped = new LinePlot("t", "x", "y", true).addBand("a", x, new double[] {1, 0, 0.1}, hi).svg();
        String kept = skipped.substring(skipped.indexOf("<polygon fill=")).split("points=\"")[1].split("\"")[0];
        assertEquals(4, kept.split(" ").length, "an x with a non-positive edge is left out: " + kept);
        assertTrue(skipped.contains(">10³</text>") || skipped.contains(">10²</text>"), skipped);
        assertEquals("a: 3 x values, 2 lower and 3 upper values", assertThrows(IllegalArgumentException.class,
                () -> new LinePlot("t", "x", "y", true).addBand("a", x, new double[] {1, 2}, hi)).getMessage());
        assertEquals("p: 2 x values, 1 y values", assertThrows(IllegalArgumentException.class,
                () -> new LinePlot("t", "d", "s", true).addPoints("p", new double[] {1, 2}, new double[] {1}))
                .getMessage());
    }

    @Test
    void writeWritesTheSvgAndItsDataBesideIt(@TempDir Path dir) throws Exception {
        new LinePlot("t", "d", "s", true).add("a, quoted \"b\"", new double[] {1, Double.NaN}, new double[] {2, 3})
                .addReference("floor", 0.5).write(dir.resolve("fig.svg"));
        Element root = SvgCheck.parse(Files.readString(dir.resolve("fig.svg")));
        assertEquals("log", root.getAttribute("data-x-scale"));
        assertEquals("d", root.getAttribute("data-x-label"));
        assertEquals("""
                series,style,color_of,x,y,lo,hi
                "a, quoted ""b\""\",line,"a, quoted ""b\""\",1.0,2.0,,
                "a, quoted ""b\""\",line,"a, quoted ""b\""\",,3.0,,
                floor,reference,floor,,0.5,,
                """, Files.readString(dir.resolve("fig.plot.csv")));
        assertEquals(1, SvgCheck.checkAll(dir));
        assertEquals("x.txt: expected a file name ending in .svg",
                assertThrows(IllegalArgumentException.class, () -> PlotCsv.path(Path.of("x.txt"))).getMessage());
    }
}
