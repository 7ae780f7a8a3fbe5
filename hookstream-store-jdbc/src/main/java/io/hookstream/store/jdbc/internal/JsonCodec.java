package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.JsonSyntax;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal JSON writer and reader for the shapes the store persists itself (header maps, string
 * lists, small settings objects): strings, numbers, booleans, null, lists and maps. Objects parse
 * to {@link LinkedHashMap} so key order is kept; integers parse to {@link Long}. Kept here so the
 * store module needs no JSON library.
 */
public final class JsonCodec {

  private JsonCodec() {}

  /** Writes {@code value} (String, Number, Boolean, null, List, Map with String keys). */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    writeValue(out, value);
    return out.toString();
  }

  /** Parses one JSON value; throws IllegalArgumentException on malformed input. */
  public static Object parse(String json) {
    Reader reader = new Reader(json);
    reader.skipWhitespace();
    Object value = reader.value();
    reader.skipWhitespace();
    if (reader.pos != json.length()) {
      throw reader.error("trailing characters");
    }
    return value;
  }

  /** Encodes a header or query map; null stays null. */
  public static String writeMultimap(Map<String, List<String>> map) {
    return map == null ? null : write(map);
  }

  /** Decodes a map written by {@link #writeMultimap}; null stays null. */
  public static Map<String, List<String>> readMultimap(String json) {
    if (json == null) {
      return null;
    }
    Map<String, List<String>> result = new LinkedHashMap<>();
    for (Map.Entry<String, Object> e : asMap(parse(json)).entrySet()) {
      result.put(e.getKey(), readStrings(e.getValue()));
    }
    return result;
  }

  /** Encodes a string list; null stays null. */
  public static String writeStrings(List<String> list) {
    return list == null ? null : write(list);
  }

  /** Decodes a string list; null stays null. */
  public static List<String> readStrings(String json) {
    return json == null ? null : readStrings(parse(json));
  }

  private static List<String> readStrings(Object parsed) {
    if (!(parsed instanceof List<?> list)) {
      throw new IllegalArgumentException("not a JSON array: " + parsed);
    }
    List<String> result = new ArrayList<>(list.size());
    for (Object item : list) {
      result.add(item == null ? null : item.toString());
    }
    return result;
  }

  /** The parsed value as an object (map). */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> asMap(Object parsed) {
    if (!(parsed instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("not a JSON object: " + parsed);
    }
    return (Map<String, Object>) parsed;
  }

  private static void writeValue(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof String s) {
      JsonSyntax.quote(out, s);
    } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())) {
      throw new IllegalArgumentException("not a JSON number: " + d);
    } else if (value instanceof Number || value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : map.entrySet()) {
        if (!first) {
          out.append(',');
        }
        first = false;
        JsonSyntax.quote(out, (String) e.getKey());
        out.append(':');
        writeValue(out, e.getValue());
      }
      out.append('}');
    } else if (value instanceof List<?> list) {
      out.append('[');
      for (int i = 0; i < list.size(); i++) {
        if (i > 0) {
          out.append(',');
        }
        writeValue(out, list.get(i));
      }
      out.append(']');
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass().getName());
    }
  }

  private static final class Reader {
    private final String s;
    private int pos;

    Reader(String s) {
      this.s = s;
    }

    Object value() {
      if (pos >= s.length()) {
        throw error("unexpected end");
      }
      char c = s.charAt(pos);
      return switch (c) {
        case '{' -> object();
        case '[' -> array();
        case '"' -> string();
        case 't' -> literal("true", Boolean.TRUE);
        case 'f' -> literal("false", Boolean.FALSE);
        case 'n' -> literal("null", null);
        default -> number();
      };
    }

    private Map<String, Object> object() {
      Map<String, Object> map = new LinkedHashMap<>();
      pos++;
      skipWhitespace();
      if (peek() == '}') {
        pos++;
        return map;
      }
      while (true) {
        skipWhitespace();
        if (peek() != '"') {
          throw error("expected a string key");
        }
        String key = string();
        skipWhitespace();
        expect(':');
        skipWhitespace();
        map.put(key, value());
        skipWhitespace();
        char c = next();
        if (c == '}') {
          return map;
        }
        if (c != ',') {
          throw error("expected ',' or '}'");
        }
      }
    }

    private List<Object> array() {
      List<Object> list = new ArrayList<>();
      pos++;
      skipWhitespace();
      if (peek() == ']') {
        pos++;
        return list;
      }
      while (true) {
        skipWhitespace();
        list.add(value());
        skipWhitespace();
        char c = next();
        if (c == ']') {
          return list;
        }
        if (c != ',') {
          throw error("expected ',' or ']'");
        }
      }
    }

    private String string() {
      expect('"');
      StringBuilder out = new StringBuilder();
      while (true) {
        char c = next();
        if (c == '"') {
          return out.toString();
        }
        if (c != '\\') {
          out.append(c);
          continue;
        }
        char e = next();
        switch (e) {
          case '"', '\\', '/' -> out.append(e);
          case 'n' -> out.append('\n');
          case 'r' -> out.append('\r');
          case 't' -> out.append('\t');
          case 'b' -> out.append('\b');
          case 'f' -> out.append('\f');
          case 'u' -> {
            if (pos + 4 > s.length()) {
              throw error("short unicode escape");
            }
            try {
              out.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
            } catch (NumberFormatException ex) {
              throw error("bad unicode escape");
            }
            pos += 4;
          }
          default -> throw error("bad escape \\" + e);
        }
      }
    }

    private Object number() {
      int start = pos;
      while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
      String text = s.substring(start, pos);
      if (text.isEmpty()) {
        throw error("unexpected character");
      }
      try {
        if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
          return Long.parseLong(text);
        }
        return Double.parseDouble(text);
      } catch (NumberFormatException ex) {
        throw error("bad number " + text);
      }
    }

    private Object literal(String word, Object value) {
      if (!s.startsWith(word, pos)) {
        throw error("unexpected character");
      }
      pos += word.length();
      return value;
    }

    void skipWhitespace() {
      while (pos < s.length() && " \t\r\n".indexOf(s.charAt(pos)) >= 0) {
        pos++;
      }
    }

    private char peek() {
      if (pos >= s.length()) {
        throw error("unexpected end");
      }
      return s.charAt(pos);
    }

    private char next() {
      char c = peek();
      pos++;
      return c;
    }

    private void expect(char c) {
      if (next() != c) {
        throw error("expected '" + c + "'");
      }
    }

    IllegalArgumentException error(String what) {
      return new IllegalArgumentException("malformed JSON at " + pos + ": " + what);
    }
  }
}
