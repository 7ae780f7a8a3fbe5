package io.hookstream.ingest.internal;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One reason a payload failed its source's JSON schema: where ({@code path}, a JSON Pointer into
 * the body, {@code ""} for the body itself) and why.
 */
public record SchemaViolation(String path, String message) {

  /** The {@code {path, message}} object of a {@code validation_errors} response entry. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("path", path);
    map.put("message", message);
    return map;
  }
}
