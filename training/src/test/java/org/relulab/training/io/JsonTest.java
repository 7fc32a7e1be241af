package org.relulab.training.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
    @Test
    void readsEveryKindOfValueKeepingKeyOrder() {
        Object v = Json.parse(" {\"b\": [1, -2.5e3, 0.25, 0], \"a\": {\"t\": true, \"f\": false, \"n\": null},"
                + " \"s\": \"x\", \"e\": {}, \"l\": [] }\n");
        Map<String, Object> want = new LinkedHashMap<>();
        want.put("b", List.of(1.0, -2500.0, 0.25, 0.0));
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("t", true);
        inner.put("f", false);
        inner.put("n", null);
        want.put("a", inner);
        want.put("s", "x");
        want.put("e", Map.of());
        want.put("l", List.of());
        assertEquals(want, v);
        assertEquals(List.of("b", "a", "s", "e", "l"), new ArrayList<>(((Map<?, ?>) v).keySet()));
    }

    /** A double rounds an integer beyond 2^53 (a seed): such an integer comes back as the exact long. */
    @Test
    void keepsIntegersBeyondADoubleExact() {
        assertEquals(9007199254740991.0, Json.parse("9007199254740991"), "below 2^53: a double holds it");
        assertEquals(9007199254740993L, Json.parse("9007199254740993"));
        assertEquals(Long.MIN_VALUE, Json.parse("-9223372036854775808"));
        assertEquals(1e19, Json.parse("10000000000000000000"), "beyond a long: the nearest double");
        assertEquals(1e16, Json.parse("1e16"), "not an integer literal");
    }

    @Test
    void decodesEscapes() {
        assertEquals("q\" b\\ s/ \b\f\n\r\t ±", Json.parse("\"q\\\" b\\\\ s\\/ \\b\\f\\n\\r\\t \\u00B1\""));
    }

    @Test
    void readsScalarsAtTopLevel() {
        assertEquals(-0.0, Json.parse("-0"));
        assertEquals(1e-7, Json.parse("1E-7"));
        assertNull(Json.parse("null"));
    }

    @Test
    void errorsNameWhatWasExpectedAndWhere() {
        assertError("{\"a\" 1}", "expected ':' at offset 5, found '1'");
        assertError("[1, 2", "expected ',' or ']' at offset 5, found end of input");
        assertError("{\"a\": 1 \"b\": 2}", "expected ',' or '}' at offset 8, found '\"'");
        assertError("[1] x", "expected end of input at offset 4, found 'x'");
        assertError("\"abc", "expected a closing '\"' at offset 4");
        assertError("tru", "expected 'true' at offset 0");
        assertError("{1: 2}", "expected a string key at offset 1");
        assertError("-", "expected a digit at offset 1");
        assertError("1.", "expected a digit after '.' at offset 2");
        assertError("\"\\x\"", "expected one of");
        assertError("\"\\u12g4\"", "expected a hex digit at offset 5");
        assertError("", "expected a value at offset 0");
    }

    private static void assertError(String json, String message) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Json.parse(json));
        assertTrue(e.getMessage().contains(message), () -> "for " + json + ": " + e.getMessage());
    }
}
