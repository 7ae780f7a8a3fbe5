package io.hookstream.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** The engine's one JSON mapper and small helpers around it. Stateless and thread-safe. */
public final class Json {

  /** Shared mapper: rejects trailing tokens, keeps big numbers exact, limits nesting depth. */
  public static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .build();

  static {
    MAPPER
        .getFactory()
        .setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(500).build());
  }

  private Json() {}

  /** Parses {@code bytes} as JSON, or returns null if empty or not JSON. */
  public static JsonNode parseOrNull(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return null;
    }
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Parses JSON text that the engine itself wrote; a failure is a bug, so it is unchecked. */
  public static JsonNode parse(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Serializes {@code value} to JSON text. */
  public static String write(Object value) {
    try {
      return MAPPER.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON object as plain Java maps and lists, as providers receive their config. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> toMap(String jsonObject) {
    if (jsonObject == null || jsonObject.isBlank()) {
      return Map.of();
    }
    try {
      return MAPPER.readValue(jsonObject, Map.class);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }
}
