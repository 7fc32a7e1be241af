package org.relulab.training.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/** Checks that an SVG is well-formed XML (a real parser) with a viewBox that matches its size, for every test. */
public final class SvgCheck {
    private SvgCheck() {}

    /** Parses {@code svg} and returns its root, after checking it is an {@code <svg>} with a viewBox "0 0 W H". */
    public static Element parse(String svg) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            Element root = f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)))
                    .getDocumentElement();
            assertEquals("svg", root.getLocalName());
            assertEquals("http://www.w3.org/2000/svg", root.getNamespaceURI());
            assertEquals("0 0 " + root.getAttribute("width") + " " + root.getAttribute("height"),
                    root.getAttribute("viewBox"), "the viewBox spans the picture");
            return root;
        } catch (Exception e) {
            return fail("not well-formed SVG: " + e + "\n" + svg);
        }
    }

    /** Every {@code .svg} under {@code dir}, parsed by {@link #parse}, and its {@code .plot.csv} next to it. */
    public static int checkAll(Path dir) throws IOException {
        List<Path> svgs;
        try (Stream<Path> files = Files.walk(dir)) {
            svgs = files.filter(p -> p.toString().endsWith(".svg")).toList();
        }
        for (Path p : svgs) {
            parse(Files.readString(p));
            assertTrue(Files.readString(PlotCsv.path(p)).startsWith(PlotCsv.HEADER + "\n"), "the data of " + p);
        }
        return svgs.size();
    }
}
