package io.hookstream.collection.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.collection.InferredSchema;
import io.hookstream.internal.Json;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Infers a collection's schema from sampled records: walks each record's JSON, naming leaves by dot
 * path (objects are descended into; arrays, scalars and empty objects are leaves), and merges the
 * types seen per path. Not thread-safe; one per inference.
 */
public final class SchemaInference {

  /** Records sampled at most. */
  public static final int SAMPLE = 200;

  private final Map<String, TreeSet<String>> types = new TreeMap<>();
  private final Map<String, Integer> present = new HashMap<>();
  private int samples;

  /** Adds one record's JSON text to the sample. */
  public void add(String json) {
    samples++;
    walk("", Json.parse(json));
  }

  public InferredSchema result() {
    List<InferredSchema.Field> fields = new ArrayList<>();
    types.forEach(
        (path, seen) -> {
          boolean nullable = seen.remove("null") | present.get(path) < samples;
          String type = seen.isEmpty() ? "null" : String.join("|", seen);
          fields.add(new InferredSchema.Field(path, type, nullable));
        });
    return new InferredSchema(fields, samples);
  }

  private void walk(String path, JsonNode node) {
    if (node.isObject() && node.size() > 0) {
      node.fields()
          .forEachRemaining(
              e -> walk(path.isEmpty() ? e.getKey() : path + "." + e.getKey(), e.getValue()));
      return;
    }
    String name = path.isEmpty() ? "$" : path;
    types.computeIfAbsent(name, k -> new TreeSet<>()).add(typeOf(node));
    present.merge(name, 1, Integer::sum);
  }

  private static String typeOf(JsonNode node) {
    return switch (node.getNodeType()) {
      case STRING, BINARY -> "string";
      case NUMBER -> "number";
      case BOOLEAN -> "boolean";
      case ARRAY -> "array";
      case OBJECT, POJO -> "object";
      default -> "null";
    };
  }
}
