package io.hookstream.providers.aws.internal;

import io.hookstream.spi.JsonSyntax;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Writes the bits of JSON the message formats need, with no JSON library. Stateless. */
public final class JsonText {

  private JsonText() {}

  /** {@code s} as a JSON string literal. */
  public static String quote(String s) {
    return JsonSyntax.quote(s);
  }

  /** Whether {@code body} is one JSON object. */
  public static boolean isObject(byte[] body) {
    return JsonSyntax.isJson(body)
        && new String(body, StandardCharsets.UTF_8).strip().startsWith("{");
  }

  /**
   * {@code body} as a JSON value: itself when it is JSON, else a string of its UTF-8 text, else
   * (binary) a string of its base64.
   */
  public static String value(byte[] body) {
    if (JsonSyntax.isJson(body)) {
      return new String(body, StandardCharsets.UTF_8).strip();
    }
    String text = JsonSyntax.utf8(body);
    return quote(text != null ? text : Base64.getEncoder().encodeToString(body));
  }
}
