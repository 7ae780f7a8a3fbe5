package io.hookstream.architecture;

/** Java source text reduced to code: comments, strings and char literals become blanks. */
final class JavaText {

  private JavaText() {}

  /** {@code source} with the same length and line breaks, and only code left visible. */
  static String codeOnly(String source) {
    StringBuilder out = new StringBuilder(source.length());
    int i = 0;
    while (i < source.length()) {
      int close = skipped(source, i);
      if (close == i) {
        out.append(source.charAt(i++));
        continue;
      }
      for (; i < close; i++) {
        out.append(source.charAt(i) == '\n' ? '\n' : ' ');
      }
    }
    return out.toString();
  }

  /** The end of the comment or literal that starts at {@code i}, or {@code i} if none does. */
  private static int skipped(String source, int i) {
    if (source.startsWith("//", i)) {
      int nl = source.indexOf('\n', i);
      return nl < 0 ? source.length() : nl;
    }
    if (source.startsWith("/*", i)) {
      int end = source.indexOf("*/", i + 2);
      return end < 0 ? source.length() : end + 2;
    }
    if (source.startsWith("\"\"\"", i)) {
      return literalEnd(source, i + 3, "\"\"\"");
    }
    char c = source.charAt(i);
    return c == '"' || c == '\'' ? literalEnd(source, i + 1, String.valueOf(c)) : i;
  }

  /** The index just past the literal's closing {@code quote}, skipping escapes. */
  private static int literalEnd(String source, int from, String quote) {
    int i = from;
    while (i < source.length()) {
      if (source.charAt(i) == '\\') {
        i += 2;
      } else if (source.startsWith(quote, i)) {
        return i + quote.length();
      } else {
        i++;
      }
    }
    return source.length();
  }
}
