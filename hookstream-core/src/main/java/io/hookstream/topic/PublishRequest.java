package io.hookstream.topic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * What is published: the body exactly as it is stored and delivered, its content type, and headers
 * kept with the event (names lower case) for filters and transforms to read.
 */
public record PublishRequest(byte[] body, String contentType, Map<String, List<String>> headers) {

  public PublishRequest {
    Objects.requireNonNull(body, "body");
    headers = lowerCase(headers == null ? Map.of() : headers);
  }

  /** A JSON body ({@code application/json}) without headers. */
  public static PublishRequest json(String body) {
    return new PublishRequest(
        Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8),
        "application/json",
        Map.of());
  }

  private static Map<String, List<String>> lowerCase(Map<String, List<String>> headers) {
    Map<String, List<String>> copy = new LinkedHashMap<>();
    headers.forEach(
        (name, values) ->
            copy.computeIfAbsent(name.toLowerCase(Locale.ROOT), k -> new ArrayList<>())
                .addAll(values));
    copy.replaceAll((k, v) -> List.copyOf(v));
    return java.util.Collections.unmodifiableMap(copy);
  }
}
