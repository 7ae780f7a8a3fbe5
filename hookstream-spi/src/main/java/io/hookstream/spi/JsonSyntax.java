package io.hookstream.spi;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.BooleanSupplier;

/**
 * Tells whether bytes are one well-formed JSON value (RFC 8259, UTF-8): providers use it to pick a
 * content type for bodies that arrive without one, or to embed a body as JSON in a message. A
 * recursive-descent check, no tree built; nesting deeper than {@value #MAX_DEPTH} counts as not
 * JSON.
 */
public final class JsonSyntax {

  static final int MAX_DEPTH = 512;

  private final CharSequence text;
  private int pos;

  private JsonSyntax(CharSequence text) {
    this.text = text;
  }

  /** {@code s} as a JSON string literal (see {@link #quote(StringBuilder, String)}). */
  public static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2);
    quote(out, s);
    return out.toString();
  }

  /**
   * Appends {@code s} as a JSON string literal. Control characters, U+2028/9 and lone surrogates
   * are escaped, so the text is valid JSON for any consumer.
   */
  public static void quote(StringBuilder out, String s) {
    out.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          // PostgreSQL's json type, for one, rejects raw control characters.
          if (c < 0x20
              || c == 0x2028
              || c == 0x2029
              || Character.isSurrogate(c) && !validSurrogatePair(s, i)) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }

  private static boolean validSurrogatePair(String s, int i) {
    char c = s.charAt(i);
    if (Character.isHighSurrogate(c)) {
      return i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1));
    }
    return i > 0 && Character.isHighSurrogate(s.charAt(i - 1));
  }

  /** Whether {@code bytes} hold exactly one JSON value, surrounded by optional whitespace. */
  public static boolean isJson(byte[] bytes) {
    CharBuffer chars = decodeStrict(bytes);
    if (chars == null) {
      return false;
    }
    JsonSyntax parser = new JsonSyntax(chars);
    parser.skipWhitespace();
    if (!parser.value(0)) {
      return false;
    }
    parser.skipWhitespace();
    return parser.pos == chars.length();
  }

  /** {@code bytes} as text when they are well-formed UTF-8, else null. */
  public static String utf8(byte[] bytes) {
    CharBuffer chars = decodeStrict(bytes);
    return chars == null ? null : chars.toString();
  }

  private static CharBuffer decodeStrict(byte[] bytes) {
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes));
    } catch (CharacterCodingException e) {
      return null; // Not UTF-8, so not JSON.
    }
  }

  private boolean value(int depth) {
    if (depth > MAX_DEPTH || pos >= text.length()) {
      return false;
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return string();
      case 't':
        return literal("true");
      case 'f':
        return literal("false");
      case 'n':
        return literal("null");
      default:
        return number();
    }
  }

  private boolean object(int depth) {
    return sequence('}', () -> member(depth));
  }

  private boolean array(int depth) {
    return sequence(']', () -> value(depth));
  }

  /** A bracketed, comma-separated run of elements; {@code pos} is on the opening bracket. */
  private boolean sequence(char close, BooleanSupplier element) {
    pos++;
    skipWhitespace();
    if (peek() == close) {
      pos++;
      return true;
    }
    while (true) {
      skipWhitespace();
      if (!element.getAsBoolean()) {
        return false;
      }
      skipWhitespace();
      char next = peek();
      pos++;
      if (next == close) {
        return true;
      }
      if (next != ',') {
        return false;
      }
    }
  }

  private boolean member(int depth) {
    if (peek() != '"' || !string()) {
      return false;
    }
    skipWhitespace();
    if (peek() != ':') {
      return false;
    }
    pos++;
    skipWhitespace();
    return value(depth);
  }

  private boolean string() {
    pos++; // opening quote
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return true;
      }
      if (c < 0x20) {
        return false;
      }
      if (c == '\\') {
        if (pos >= text.length()) {
          return false;
        }
        char escaped = text.charAt(pos++);
        if (escaped == 'u') {
          for (int i = 0; i < 4; i++) {
            if (pos >= text.length() || Character.digit(text.charAt(pos++), 16) < 0) {
              return false;
            }
          }
        } else if ("\"\\/bfnrt".indexOf(escaped) < 0) {
          return false;
        }
      }
    }
    return false;
  }

  private boolean literal(String word) {
    if (text.length() - pos < word.length()
        || !text.subSequence(pos, pos + word.length()).toString().equals(word)) {
      return false;
    }
    pos += word.length();
    return true;
  }

  private boolean number() {
    int start = pos;
    if (peek() == '-') {
      pos++;
    }
    if (peek() == '0') {
      pos++;
    } else if (!digits()) {
      return false;
    }
    if (peek() == '.') {
      pos++;
      if (!digits()) {
        return false;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      pos++;
      if (peek() == '+' || peek() == '-') {
        pos++;
      }
      if (!digits()) {
        return false;
      }
    }
    return pos > start;
  }

  private boolean digits() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    return pos > start;
  }

  private char peek() {
    return pos < text.length() ? text.charAt(pos) : '\0';
  }

  private void skipWhitespace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }
}
