package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.connection.Connection;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.json.ResourceJson;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The JSON of a connection. {@code filter_rules} must be an array; its rules (with {@code op} or
 * {@code operator}) are checked by the engine, which stores them with {@code op}. Ids in the body
 * that cannot be ids are a 422 naming the field. {@code ordering_key} is a filter field path (null
 * clears it). Stateless.
 */
final class ConnectionJson {

  private ConnectionJson() {}

  static UnaryOperator<ConnectionSpec.Builder> changes(Fields f) {
    Changes<ConnectionSpec.Builder> c = new Changes<>();
    f.readText(c.set(ConnectionSpec.Builder::name), "name");
    readId(f, c.set(ConnectionSpec.Builder::sourceId), "source_id", "src", "source");
    readId(f, c.set(ConnectionSpec.Builder::destinationId), "destination_id", "dst", "destination");
    f.readArrayText(c.set(ConnectionSpec.Builder::filterRulesJson), "filter_rules");
    f.readText(c.set(ConnectionSpec.Builder::transformExpression), "transform_expression");
    f.readBool(c.set(ConnectionSpec.Builder::transformEnabled), "transform_enabled");
    f.readBool(c.set(ConnectionSpec.Builder::enabled), "enabled");
    f.readText(c.set(ConnectionSpec.Builder::orderingKey), "ordering_key");
    f.throwIfInvalid();
    return c.toOperator();
  }

  /** An id field; text that cannot be an id is refused here, before any store lookup. */
  private static void readId(
      Fields f, Consumer<String> to, String field, String prefix, String what) {
    f.readText(
        v -> {
          if (v != null && !ResourceIds.looksLike(prefix, v)) {
            f.error(field, "no " + what + " " + ResourceIds.abbreviate(v) + " in this environment");
          }
          to.accept(v);
        },
        field);
  }

  static ObjectNode render(Connection c, String sourceName, String destinationName) {
    ObjectNode o = JsonIo.object();
    o.put("id", c.id());
    o.put("name", c.name());
    o.put("source_id", c.sourceId());
    o.put("destination_id", c.destinationId());
    o.put("source_name", sourceName);
    o.put("destination_name", destinationName);
    JsonNode rules = JsonIo.stored(c.filterRulesJson());
    o.set("filter_rules", rules == null ? JsonIo.MAPPER.createArrayNode() : rules);
    o.put("transform_expression", c.transformExpression());
    o.put("transform_enabled", c.transformEnabled());
    o.put("enabled", c.enabled());
    o.put("ordering_key", c.orderingKey());
    ResourceJson.instant(o, "created_at", c.createdAt());
    ResourceJson.instant(o, "updated_at", c.updatedAt());
    return o;
  }
}
