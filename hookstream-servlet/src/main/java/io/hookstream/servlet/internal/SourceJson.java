package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.json.ResourceJson;
import io.hookstream.source.Source;
import io.hookstream.source.SourceSpec;
import io.hookstream.verify.SourceTemplate;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * The JSON of a source: request fields → changes to a {@link SourceSpec.Builder}, and a stored
 * source → the response object. Secrets are never rendered, only whether one is set and its last
 * four characters. Stateless.
 */
final class SourceJson {

  private SourceJson() {}

  /**
   * Every field the request names, type-checked, as one change to apply to a builder (a new one for
   * create, the current settings for update). {@code verification_type: null} switches verification
   * off.
   */
  static UnaryOperator<SourceSpec.Builder> changes(Fields f) {
    Changes<SourceSpec.Builder> c = new Changes<>();
    f.readText(c.set(SourceSpec.Builder::name), "name");
    f.readText(c.set(SourceSpec.Builder::slug), "slug");
    f.readText(c.set(SourceSpec.Builder::description), "description");
    f.readText(c.set(SourceSpec.Builder::template), "template");
    f.readText(
        v -> c.add(v == null ? SourceSpec.Builder::noVerification : b -> b.verificationType(v)),
        "verification_type");
    f.readText(c.set(SourceSpec.Builder::verificationSecret), "verification_secret");
    f.readText(c.set(SourceSpec.Builder::verificationHeader), "verification_header");
    f.readText(c.set(SourceSpec.Builder::verificationEncoding), "verification_encoding");
    f.readText(c.set(SourceSpec.Builder::verificationPrefix), "verification_prefix");
    f.readText(
        c.set(SourceSpec.Builder::timestampHeader),
        "verification_timestamp_header",
        "timestamp_header");
    f.readInt(
        c.set(SourceSpec.Builder::toleranceSeconds),
        "verification_tolerance_seconds",
        "tolerance_seconds");
    f.readTextList(c.set(SourceSpec.Builder::ipAllowlist), true, "ip_allowlist");
    f.readTextList(c.set(SourceSpec.Builder::ipDenylist), true, "ip_denylist");
    f.readText(c.set(SourceSpec.Builder::dedupStrategy), "dedup_strategy");
    f.readText(c.set(SourceSpec.Builder::dedupField), "dedup_field");
    f.readInt(c.set(SourceSpec.Builder::dedupWindowSeconds), "dedup_window_seconds");
    f.readBool(c.set(SourceSpec.Builder::schemaValidationEnabled), "schema_validation_enabled");
    f.readJsonText(c.set(SourceSpec.Builder::jsonSchema), "json_schema");
    f.readText(c.set(SourceSpec.Builder::schemaAction), "schema_action");
    f.throwIfInvalid();
    return c.toOperator();
  }

  static ObjectNode render(Source s, String url, Long eventCount) {
    ObjectNode o = JsonIo.object();
    o.put("id", s.id());
    o.put("name", s.name());
    o.put("slug", s.slug());
    o.put("description", s.description());
    o.put("template", s.template());
    Source.Verification v = s.verification();
    o.put("verification_type", v == null ? null : v.type());
    o.put("verification_secret", v == null ? null : v.secret()); // masked by the service
    o.put("verification_header", v == null ? null : v.header());
    o.put("verification_encoding", v == null ? null : v.encoding());
    o.put("verification_prefix", v == null ? null : v.prefix());
    o.put("verification_timestamp_header", v == null ? null : v.timestampHeader());
    if (v == null || v.toleranceSeconds() == null) {
      o.putNull("verification_tolerance_seconds");
    } else {
      o.put("verification_tolerance_seconds", v.toleranceSeconds());
    }
    Source.Dedup d = s.dedup();
    o.put("dedup_strategy", d == null ? null : d.strategy());
    o.put("dedup_field", d == null ? null : d.field());
    if (d == null) {
      o.putNull("dedup_window_seconds");
    } else {
      o.put("dedup_window_seconds", d.windowSeconds());
    }
    ipList(o, "ip_allowlist", s.ipAllowlist());
    ipList(o, "ip_denylist", s.ipDenylist());
    Source.Schema schema = s.schema();
    o.put("schema_validation_enabled", schema != null && schema.enabled());
    JsonNode parsed = schema == null ? null : parseOrText(schema.jsonSchema());
    o.set("json_schema", parsed);
    o.put("schema_action", schema == null ? null : schema.action());
    if (eventCount != null) {
      o.put("event_count", eventCount);
    }
    o.put("url", url);
    ResourceJson.instant(o, "created_at", s.createdAt());
    ResourceJson.instant(o, "updated_at", s.updatedAt());
    return o;
  }

  static ObjectNode renderTemplate(SourceTemplate t) {
    ObjectNode o = JsonIo.object();
    o.put("id", t.id());
    o.put("name", t.name());
    o.put("verification_type", t.verificationType());
    o.put("verification_header", t.header());
    o.put("verification_encoding", t.encoding());
    o.put("verification_prefix", t.prefix());
    o.put("verification_timestamp_header", t.timestampHeader());
    if (t.toleranceSeconds() == null) {
      o.putNull("verification_tolerance_seconds");
    } else {
      o.put("verification_tolerance_seconds", t.toleranceSeconds());
    }
    o.put("description", t.description());
    o.put("docs_url", t.docsUrl());
    o.put("notes", t.notes());
    return o;
  }

  /** An empty list is rendered as null, as the seed's responses show. */
  private static void ipList(ObjectNode o, String field, List<String> entries) {
    if (entries.isEmpty()) {
      o.putNull(field);
    } else {
      entries.forEach(o.putArray(field)::add);
    }
  }

  private static JsonNode parseOrText(String json) {
    if (json == null) {
      return null;
    }
    try {
      return JsonIo.stored(json);
    } catch (RuntimeException e) {
      return JsonIo.MAPPER.getNodeFactory().textNode(json);
    }
  }
}
