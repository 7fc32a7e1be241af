package org.relulab.training.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict parser for the one Python literal an NPY header holds: a dict whose keys are strings and whose
 * values are strings, integers, True, False, None, tuples and lists, with Python's optional trailing
 * commas and free whitespace. Anything else (floats, names, prefixed or triple-quoted strings, nested
 * dicts, non-ASCII bytes, text after the closing brace) is a {@link SyntaxError} at a character position.
 *
 * <p>Values are Java objects: {@link String}, {@link Long}, {@link BigInt} (too long for a long),
 * {@link Boolean}, {@link None}, {@link Tuple}, {@link PyList}. As in Python, {@code (x)} without a comma
 * is {@code x} itself, not a tuple.
 */
final class PyLiteral {
    /** A Python tuple. */
    record Tuple(List<Object> items) {}

    /** A Python list. */
    record PyList(List<Object> items) {}

    /** An integer of more than 18 digits, kept as its text: only ever reported, never computed with. */
    record BigInt(String text) {}

    /** Python's None. */
    enum None { NONE }

    /** The header text is not such a literal: {@link #getMessage()} says why, {@link #position} where. */
    static final class SyntaxError extends Exception {
        /** Character index into the parsed text. */
        final int position;

        SyntaxError(String reason, int position) {
            super(reason, null, false, false);
            this.position = position;
        }
    }

    /** Deepest nesting of tuples and lists; a deeper header is garbage (and would overflow the stack). */
    static final int MAX_DEPTH = 8;
    /** Longest integer kept as a long: 18 digits never overflow. */
    private static final int LONG_DIGITS = 18;
    /** Longest repr in a message, in characters. */
    private static final int REPR_CHARS = 60;

    private final String text;
    private int pos;

    private PyLiteral(String text) {
        this.text = text;
    }

    /** Parses {@code text}: one dict literal, optionally surrounded by whitespace. Keys keep their order. */
    static Map<String, Object> parseDict(String text) throws SyntaxError {
        PyLiteral p = new PyLiteral(text);
        p.skipSpace();
        if (p.peek() != '{') throw p.error("expected '{' but found " + p.describeNext());
        Map<String, Object> dict = p.dict();
        p.skipSpace();
        if (p.pos < text.length()) throw p.error("unexpected " + p.describeNext() + " after the closing '}'");
        return dict;
    }

    private Map<String, Object> dict() throws SyntaxError {
        pos++; // '{'
        Map<String, Object> map = new LinkedHashMap<>();
        skipSpace();
        while (peek() != '}') {
            int keyAt = pos;
            Object key = value(1);
            if (!(key instanceof String k)) throw new SyntaxError("dict key " + repr(key) + " is not a string", keyAt);
            skipSpace();
            if (peek() != ':') throw error("expected ':' but found " + describeNext());
            pos++;
            skipSpace();
            Object v = value(1);
            if (map.containsKey(k)) throw new SyntaxError("key " + repr(k) + " appears twice", keyAt);
            map.put(k, v);
            skipSpace();
            if (peek() == ',') {
                pos++;
                skipSpace();
            } else if (peek() != '}') {
                throw error("expected ',' or '}' but found " + describeNext());
            }
        }
        pos++; // '}'
        return map;
    }

    private Object value(int depth) throws SyntaxError {
        if (depth > MAX_DEPTH) throw error("tuples or lists nested deeper than " + MAX_DEPTH + " levels");
        int c = peek();
        if (c == '\'' || c == '"') return string();
        if (c == '(') return sequence(')', depth);
        if (c == '[') return sequence(']', depth);
        if (c == '-' || isDigit(c)) return integer();
        if (isNameStart(c)) return name();
        if (c == '{') throw error("a nested dict is not an NPY header value");
        throw error("expected a value but found " + describeNext());
    }

    /** A tuple (closing ')') or list (closing ']'); a parenthesized single value without comma is that value. */
    private Object sequence(char close, int depth) throws SyntaxError {
        pos++; // '(' or '['
        List<Object> items = new ArrayList<>();
        boolean comma = false;
        skipSpace();
        while (peek() != close) {
            items.add(value(depth + 1));
            skipSpace();
            if (peek() == ',') {
                pos++;
                comma = true;
                skipSpace();
            } else if (peek() != close) {
                throw error("expected ',' or '" + close + "' but found " + describeNext());
            }
        }
        pos++;
        if (close == ']') return new PyList(List.copyOf(items));
        return items.size() == 1 && !comma ? items.get(0) : new Tuple(List.copyOf(items));
    }

    private Object integer() throws SyntaxError {
        int start = pos;
        if (peek() == '-') pos++;
        int digits = pos;
        while (isDigit(peek())) pos++;
        if (pos == digits) throw error("expected a digit after '-' but found " + describeNext());
        if (isNameStart(peek()) || peek() == '.') {
            throw new SyntaxError("number " + excerpt(start) + " is not a plain integer", start);
        }
        if (pos - digits > 1 && text.charAt(digits) == '0') {
            throw new SyntaxError("integer " + text.substring(start, pos) + " has a leading zero", start);
        }
        String s = text.substring(start, pos);
        if (pos - digits > LONG_DIGITS) return new BigInt(s);
        return Long.parseLong(s);
    }

    private Object name() throws SyntaxError {
        int start = pos;
        while (isNameStart(peek()) || isDigit(peek())) pos++;
        String word = text.substring(start, pos);
        return switch (word) {
            case "True" -> Boolean.TRUE;
            case "False" -> Boolean.FALSE;
            case "None" -> None.NONE;
            default -> throw new SyntaxError(peek() == '\'' || peek() == '"'
                    ? "string prefix " + word + " is not supported"
                    : "unknown name " + excerpt(start), start);
        };
    }

    private String string() throws SyntaxError {
        int start = pos;
        char quote = text.charAt(pos++);
        StringBuilder sb = new StringBuilder();
        while (true) {
            int c = peek();
            if (c == -1 || c == '\n' || c == '\r') throw new SyntaxError("string not closed", start);
            if (c == quote) break;
            if (c == '\\') {
                pos++;
                int e = peek();
                if (e != '\\' && e != '\'' && e != '"') {
                    throw error("a backslash before " + describeNext() + " (only \\\\, \\' and \\\" are supported)");
                }
                c = e;
            } else if (c < 0x20 || c > 0x7e) {
                throw error("unexpected " + describeNext() + " in a string");
            }
            sb.append((char) c);
            pos++;
        }
        pos++; // closing quote
        return sb.toString();
    }

    private void skipSpace() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c != ' ' && c != '\t' && c != '\n' && c != '\r' && c != '\f' && c != 0x0b) return;
            pos++;
        }
    }

    private int peek() {
        return pos < text.length() ? text.charAt(pos) : -1;
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isNameStart(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
    }

    private SyntaxError error(String reason) {
        return new SyntaxError(reason, pos);
    }

    /** The next character for a message: {@code 'x'}, {@code "'"}, {@code byte 0x93} or the end. */
    private String describeNext() {
        int c = peek();
        if (c == -1) return "the end of the header";
        if (c == '\'') return "\"'\"";
        if (c >= 0x20 && c <= 0x7e) return "'" + (char) c + "'";
        return String.format("byte 0x%02x", c);
    }

    /** The token starting at {@code start}, up to a delimiter, escaped and cut short. */
    private String excerpt(int start) {
        int end = start;
        while (end < text.length() && end - start < REPR_CHARS && ",:)]} \t\n".indexOf(text.charAt(end)) < 0) end++;
        return escape(text.substring(start, end));
    }

    /** {@code s} with every character outside printable ASCII written as \n, \t or \xNN: always one line. */
    static String escape(String s) {
        StringBuilder sb = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') sb.append("\\n");
            else if (c == '\t') sb.append("\\t");
            else if (c < 0x20 || c > 0x7e) sb.append(String.format("\\x%02x", (int) c & 0xff));
            else sb.append(c);
        }
        return sb.toString();
    }

    /** A value as Python would print it, on one line, cut to about {@value #REPR_CHARS} characters. */
    static String repr(Object v) {
        StringBuilder sb = new StringBuilder();
        repr(sb, v);
        return sb.length() <= REPR_CHARS ? sb.toString() : sb.substring(0, REPR_CHARS) + "...";
    }

    private static void repr(StringBuilder sb, Object v) {
        if (sb.length() > REPR_CHARS) return;
        switch (v) {
            case String s -> sb.append('\'').append(escape(s.replace("\\", "\\\\").replace("'", "\\'"))).append('\'');
            case Boolean b -> sb.append(b ? "True" : "False");
            case BigInt b ->
                sb.append(b.text().length() <= REPR_CHARS ? b.text() : b.text().substring(0, REPR_CHARS + 1));
            case Tuple t -> items(sb, "(", t.items(), t.items().size() == 1 ? ",)" : ")");
            case PyList l -> items(sb, "[", l.items(), "]");
            case None _ -> sb.append("None");
            default -> sb.append(v); // Long
        }
    }

    private static void items(StringBuilder sb, String open, List<Object> items, String close) {
        sb.append(open);
        for (int i = 0; i < items.size() && sb.length() <= REPR_CHARS; i++) {
            if (i > 0) sb.append(", ");
            repr(sb, items.get(i));
        }
        sb.append(close);
    }
}
