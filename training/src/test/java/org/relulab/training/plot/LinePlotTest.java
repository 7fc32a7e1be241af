package org.relulab.training.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link LinePlot}: lines, dashed lines and points, one legend entry per name, unplottable values skipped. */
class LinePlotTest {
    private static int count(String svg, String part) {
        return svg.split(java.util.regex.Pattern.quote(part), -1).length - 1;
    }

    @Test
    void pointsAreCirclesAndFitsAreDashedLines() {
        double[] x = {8, 16, 32}, y = {1, 8, 64};
        String svg = new LinePlot("time <to> eps", "d", "seconds", true)
                .addPoints("measured", x, y).addPoints("measured", new double[] {8}, new double[] {1.1})
                .addDashed("fit", x, y).add("flops", x, new double[] {2, 16, 128}).svg();
        assertTrue(svg.startsWith("<svg") && svg.endsWith("</svg>\n"), svg);
        assertEquals(3 + 1 + 1, count(svg, "<circle"), "three points, one more of the same name, one legend marker");
        assertEquals(2, count(svg, "<polyline"), "the dashed fit and the solid line");
        assertEquals(2, count(svg, "stroke-dasharray"), "the dashed fit and its legend entry");
        assertEquals(1, count(svg, ">measured</text>"), "one legend entry per name");
        assertTrue(svg.contains("time &lt;to&gt; eps"), "title escaped");
    }

    /** An estimate drawn in its measurement's color, with a legend entry of its own; the legend at the bottom left. */
    @Test
    void anEstimateTakesTheColorOfWhatItEstimates() {
        double[] x = {8, 16, 32};
        String svg = new LinePlot("t", "d", "loss", true).legendBottomLeft().add("a", x, x).add("b", x, x)
                .addDashed("b: estimate", "b", x, x).addPoints("b: steps", "b", x, x).svg();
        assertEquals(4, count(svg, "text-anchor=\"start\""), "four legend entries: " + svg);
        assertEquals(1, count(svg, ">b: estimate</text>"));
        assertEquals(1, count(svg, ">b: steps</text>"));
        assertEquals(0, count(svg, "#2ca02c"), "no third color: " + svg);
        assertEquals(2 + 2 + 3 + 1, count(svg, "#d62728"), "b's line, the estimate, the points, and their legend");
        // bottom left: the last entry's text sits 8 px above the frame's bottom edge (420 − 50 − 8)
        assertTrue(svg.contains("<text x=\"104.0\" y=\"362.0\" text-anchor=\"start\" font-size=\"11\">b: steps<"),
                svg);
    }

    @Test
    void aUnitAxisPlotsZeroAndTenthsFromZeroToOne() {
        double[] x = {1, 2, 4};
        String svg = new LinePlot("t", "m/d", "fraction", false).unitY().addPoints("p", x, new double[] {0, 0.5, 1})
                .addBand("p", x, new double[] {0, 0.2, 0.8}, new double[] {0.2, 0.8, 1}).svg();
        assertEquals(3 + 1, count(svg, "<circle"), "0 is plotted too: three points and the legend marker");
        for (String tick : new String[] {"0", "0.1", "0.5", "1"})
            assertTrue(svg.contains(">" + tick + "</text>"), tick);
        assertTrue(!svg.contains(">1e0</text>"), svg);
        // y = 1 at the top of the frame, 0 at its bottom: the points' y are TOP and H - BOTTOM
        assertTrue(svg.contains("cy=\"40.0\"") && svg.contains("cy=\"370.0\""), svg);
    }

    @Test
    void aLegendBelowGrowsThePicture() {
        double[] x = {1, 2};
        String svg = new LinePlot("t", "d", "s", true).legendBelow().add("a", x, x).add("b", x, x).svg();
        assertTrue(svg.contains("height=\"460\""), "420 and two legend lines of 16 and a margin of 8: " + svg);
        assertTrue(svg.contains("<text x=\"104.0\" y=\"428.0\"") && svg.contains(">b</text>"), svg);
    }

    @Test
    void logTicksHaveNoTrailingZeros() {
        String svg = new LinePlot("t", "x", "y", true).add("a", new double[] {0.25, 4}, new double[] {1, 2}).svg();
        assertTrue(svg.contains(">0.5</text>") && svg.contains(">2</text>") && !svg.contains("0.5000"), svg);
    }

    @Test
    void theLegendCanSitTopLeft() {
        double[] x = {1, 2};
        String right = new LinePlot("t", "d", "s", true).add("a", x, x).svg(),
                left = new LinePlot("t", "d", "s", true).legendLeft().add("a", x, x).svg();
        assertTrue(right.contains("<text x=\"564.0\"") && right.contains(">a</text>"), right);
        assertTrue(left.contains("<text x=\"104.0\"") && left.contains(">a</text>"), left);
    }

    @Test
    void nonPositiveValuesAreSkippedOnLogAxes() {
        String svg = new LinePlot("t", "d", "s", true).addPoints("p", new double[] {1, 0, 4}, new double[] {1, 2, -1})
                .svg();
        assertEquals(1 + 1, count(svg, "<circle"), "one usable point and the legend marker");
        String empty = new LinePlot("t", "d", "s", true).addPoints("p", new double[] {0}, new double[] {0}).svg();
        assertTrue(empty.contains("no finite positive values to plot"), empty);
    }

    @Test
    void aBandIsDrawnBehindTheLinesInTheirColorWithoutALegendEntryOfItsOwn() {
        double[] x = {1, 2, 4}, lo = {1, 0.5, 0.1}, mid = {2, 1, 0.2}, hi = {4, 2, 1e3};
        String svg = new LinePlot("t", "x", "y", true).add("a", x, mid).addBand("a", x, lo, hi)
                .add("b", x, hi).svg();
        assertEquals(1, count(svg, "<polygon"), "one band");
        assertTrue(svg.indexOf("<polygon") < svg.indexOf("<polyline"), "the band is behind the lines");
        assertTrue(svg.contains("<polygon fill=\"#1f77b4\" fill-opacity=\"0.2\""), "the color of line a: " + svg);
        assertEquals(1, count(svg, ">a</text>"), "one legend entry for the line and its band");
        assertTrue(svg.contains(">1e3</text>"), "the band's upper edge widens the y range: " + svg);
        String points = svg.substring(svg.indexOf("<polygon")).split("points=\"")[1].split("\"")[0];
        assertEquals(6, points.split(" ").length, "three points up, three back: " + points);
        String skipped = new LinePlot("t", "x", "y", true).addBand("a", x, new double[] {1, 0, 0.1}, hi).svg();
        String kept = skipped.substring(skipped.indexOf("<polygon")).split("points=\"")[1].split("\"")[0];
        assertEquals(4, kept.split(" ").length, "an x with a non-positive edge is left out: " + kept);
        assertEquals("a: 3 x values, 2 lower and 3 upper values", assertThrows(IllegalArgumentException.class,
                () -> new LinePlot("t", "x", "y", true).addBand("a", x, new double[] {1, 2}, hi)).getMessage());
    }

    @Test
    void mismatchedLengthsAreRefused() {
        assertEquals("p: 2 x values, 1 y values", assertThrows(IllegalArgumentException.class,
                () -> new LinePlot("t", "d", "s", true).addPoints("p", new double[] {1, 2}, new double[] {1}))
                .getMessage());
    }
}
