package org.relulab.training.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A small JSON reader (RFC 8259), enough for JMH result files and run manifests. Values come back as {@link Map} (keys
 * in file order), {@link List}, {@link String}, {@link Double}, {@link Boolean} or {@code null}; a number is a
 * {@link Double}, except an integer beyond ±2^53 that a long holds (a seed), which a double would round: a
 * {@link Long}.
 */
public final class Json {
    /** 2^53: every integer below it is a double exactly. */
    private static final double EXACT_DOUBLE = 0x1p53;

    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /** The value {@code text} holds; throws {@link IllegalArgumentException} naming the offset of an error. */
    public static Object parse(String text) {
        Json p = new Json(text);
        p.skipSpace();
        Object v = p.value();
        p.skipSpace();
        if (p.pos < text.length()) throw p.error("end of input");
        return v;
    }

    private Object value() {
        if (pos >= text.length()) throw error("a value");
        char ch = text.charAt(pos);
        return switch (ch) {
            case '{' -> object();
            case '[' -> array();
            case '"' -> string();
            case 't' -> literal("true", Boolean.TRUE);
            case 'f' -> literal("false", Boolean.FALSE);
            case 'n' -> literal("null", null);
            default -> {
                if (ch == '-' || (ch >= '0' && ch <= '9')) yield number();
                throw error("a value");
            }
        };
    }

    private Map<String, Object> object() {
        Map<String, Object> map = new LinkedHashMap<>();
        pos++; // {
        skipSpace();
        if (take('}')) return map;
        do {
            skipSpace();
            if (pos >= text.length() || text.charAt(pos) != '"') throw error("a string key");
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            map.put(key, value());
            skipSpace();
        } while (take(','));
        if (!take('}')) throw error("',' or '}'");
        return map;
    }

    private List<Object> array() {
        List<Object> list = new ArrayList<>();
        pos++; // [
        skipSpace();
        if (take(']')) return list;
        do {
            skipSpace();
            list.add(value());
            skipSpace();
        } while (take(','));
        if (!take(']')) throw error("',' or ']'");
        return list;
    }

    private String string() {
        pos++; // "
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (pos >= text.length()) throw error("a closing '\"'");
            char ch = text.charAt(pos++);
            if (ch == '"') return sb.toString();
            if (ch < 0x20) {
                pos--;
                throw error("an escaped control character");
            }
            if (ch != '\\') {
                sb.append(ch);
                continue;
            }
            if (pos >= text.length()) throw error("an escape character");
            char esc = text.charAt(pos++);
            switch (esc) {
                case '"', '\\', '/' -> sb.append(esc);
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'n' -> sb.append('\n');
                case 'r' -> sb.append('\r');
                case 't' -> sb.append('\t');
                case 'u' -> {
                    if (pos + 4 > text.length()) throw error("4 hex digits");
                    int code = 0;
                    for (int i = 0; i < 4; i++) {
                        int d = Character.digit(text.charAt(pos), 16);
                        if (d < 0) throw error("a hex digit");
                        code = code * 16 + d;
                        pos++;
                    }
                    sb.append((char) code);
                }
                default -> {
                    pos--;
                    throw error("one of \"\\/bfnrtu after '\\'");
                }
            }
        }
    }

    private Number number() {
        int start = pos;
        take('-');
        if (!take('0')) {
            if (digits() == 0) throw error("a digit");
        }
        boolean integer = true;
        if (take('.')) {
            integer = false;
            if (digits() == 0) throw error("a digit after '.'");
        }
        if (take('e') || take('E')) {
            integer = false;
            if (!take('+')) take('-');
            if (digits() == 0) throw error("a digit in the exponent");
        }
        String literal = text.substring(start, pos);
        double x = Double.parseDouble(literal);
        if (integer && Math.abs(x) >= EXACT_DOUBLE && Math.abs(x) <= 0x1p63) {
            try {
                return Long.parseLong(literal);
            } catch (NumberFormatException e) {
                return x; // just beyond a long
            }
        }
        return x;
    }

    private int digits() {
        int start = pos;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') pos++;
        return pos - start;
    }

    private Object literal(String word, Object v) {
        if (!text.startsWith(word, pos)) throw error("'" + word + "'");
        pos += word.length();
        return v;
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char ch = text.charAt(pos);
            if (ch != ' ' && ch != '\t' && ch != '\n' && ch != '\r') return;
            pos++;
        }
    }

    private boolean take(char ch) {
        if (pos < text.length() && text.charAt(pos) == ch) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(char ch) {
        if (!take(ch)) throw error("'" + ch + "'");
    }

    private IllegalArgumentException error(String expected) {
        String found = pos >= text.length() ? "end of input" : "'" + text.charAt(pos) + "'";
        return new IllegalArgumentException("JSON: expected " + expected + " at offset " + pos + ", found " + found);
    }
}
