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
    void mismatchedLengthsAreRefused() {
        assertEquals("p: 2 x values, 1 y values", assertThrows(IllegalArgumentException.class,
                () -> new LinePlot("t", "d", "s", true).addPoints("p", new double[] {1, 2}, new double[] {1}))
                .getMessage());
    }
}
