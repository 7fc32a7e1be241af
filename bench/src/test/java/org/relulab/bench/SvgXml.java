package org.relulab.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;

/** bench's figures parsed by a real XML parser: an {@code <svg>} root with a viewBox spanning the picture. */
final class SvgXml {
    private SvgXml() {}

    static Element parse(String svg) {
        try {
            Element root = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8))).getDocumentElement();
            assertEquals("svg", root.getTagName());
            assertEquals("0 0 " + root.getAttribute("width") + " " + root.getAttribute("height"),
                    root.getAttribute("viewBox"));
            return root;
        } catch (Exception e) {
            return fail("not well-formed SVG: " + e + "\n" + svg);
        }
    }
}
