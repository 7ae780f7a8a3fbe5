package io.hookstream.ingest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.ingest.DedupSettings;
import io.hookstream.ingest.IngestContext;
import io.hookstream.internal.Hashing;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Extracts the dedup key of a request: {@code dedup:<source id>:<strategy>:<sha256 hex>} of the raw
 * body, of a header's value, or of the JSON text of a body field. Empty when the value cannot be
 * extracted (header missing or blank, body not JSON, path missing or JSON null). Stateless.
 */
public final class DedupKeys {

  private DedupKeys() {}

  /** The key for {@code context} under {@code strategy} and {@code field}, if one exists. */
  public static Optional<String> key(IngestContext context, String strategy, String field) {
    String prefix = "dedup:" + context.source().id() + ":" + strategy + ":";
    if (strategy.equals(DedupSettings.PAYLOAD_HASH)) {
      return Optional.of(prefix + context.bodySha256()); // shared with the stored event
    }
    return value(context, strategy, field).map(v -> prefix + Hashing.sha256Hex(v));
  }

  /** The value a field strategy keys on (payload_hash needs none: it keys on the body hash). */
  private static Optional<byte[]> value(IngestContext context, String strategy, String field) {
    if (field == null) {
      return Optional.empty();
    }
    switch (strategy) {
      case DedupSettings.HEADER_FIELD:
        return context
            .request()
            .header(field)
            .filter(v -> !v.isBlank())
            .map(v -> v.getBytes(StandardCharsets.UTF_8));
      case DedupSettings.BODY_FIELD:
        return bodyField(context.json(), field).map(v -> v.getBytes(StandardCharsets.UTF_8));
      default:
        throw new HookstreamException(
            ErrorCode.INTERNAL,
            "source " + context.source().id() + " has an unknown dedup strategy: " + strategy);
    }
  }

  /** The compact JSON text at dot path {@code path}; numeric segments index arrays. */
  static Optional<String> bodyField(JsonNode root, String path) {
    JsonNode node = root;
    for (String segment : path.split("\\.", -1)) {
      if (node == null) {
        return Optional.empty();
      }
      if (node.isObject()) {
        node = node.get(segment);
      } else if (node.isArray() && isIndex(segment)) {
        node = node.get(Integer.parseInt(segment));
      } else {
        return Optional.empty();
      }
    }
    return node == null || node.isNull() ? Optional.empty() : Optional.of(node.toString());
  }

  private static boolean isIndex(String s) {
    return !s.isEmpty() && s.length() <= 9 && s.chars().allMatch(c -> c >= '0' && c <= '9');
  }
}
