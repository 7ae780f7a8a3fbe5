package io.hookstream.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.ingest.internal.SchemaCompiler;
import io.hookstream.internal.Json;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Checks and normalizes a source's schema validation settings ({@code schema_validation_enabled},
 * {@code json_schema}, {@code schema_action}) when a source is written. The schema must be a JSON
 * object that its dialect's meta-schema accepts and that compiles without fetching anything remote;
 * a missing {@code $schema} means draft 7. The action defaults to {@code reject}. Stateless and
 * safe for concurrent use.
 */
public final class SchemaSettings {

  /** Invalid payloads are answered 422 and not stored. */
  public static final String REJECT = "reject";

  /** Invalid payloads are stored and routed, marked {@code schema_invalid}. */
  public static final String WARN = "warn";

  public static final List<String> ACTIONS = List.of(REJECT, WARN);
  public static final String DEFAULT_ACTION = REJECT;

  private SchemaSettings() {}

  /**
   * Every problem with the given settings, named by API field; empty when valid. {@code jsonSchema}
   * is JSON text, as {@code SourceRecord.Schema} holds it; the action is matched in any case.
   */
  public static List<FieldError> validate(Boolean enabled, String jsonSchema, String action) {
    List<FieldError> errors = new ArrayList<>();
    if (jsonSchema == null) {
      if (Boolean.TRUE.equals(enabled)) {
        errors.add(
            new FieldError("json_schema", "required when schema_validation_enabled is true"));
      }
    } else {
      JsonNode node = Json.parseOrNull(jsonSchema.getBytes(StandardCharsets.UTF_8));
      if (node == null) {
        errors.add(new FieldError("json_schema", "not valid JSON"));
      } else {
        errors.addAll(new SchemaCompiler().check(node, "json_schema"));
      }
    }
    if (action != null && !ACTIONS.contains(canonical(action))) {
      errors.add(
          new FieldError("schema_action", "must be one of " + ACTIONS + ": \"" + action + "\""));
    }
    return errors;
  }

  /**
   * The stored form of valid settings (schema as compact JSON text, action lower case and
   * defaulted), or null when all three are absent.
   *
   * @throws HookstreamException {@code VALIDATION_FAILED} (422) as {@link #validate} reports
   */
  public static SourceRecord.Schema toRecord(Boolean enabled, String jsonSchema, String action) {
    List<FieldError> errors = validate(enabled, jsonSchema, action);
    if (!errors.isEmpty()) {
      throw HookstreamException.invalid(errors);
    }
    if (enabled == null && jsonSchema == null && action == null) {
      return null;
    }
    return new SourceRecord.Schema(
        Boolean.TRUE.equals(enabled),
        jsonSchema == null ? null : Json.write(Json.parse(jsonSchema)),
        action == null ? DEFAULT_ACTION : canonical(action));
  }

  private static String canonical(String action) {
    return action.trim().toLowerCase(Locale.ROOT);
  }
}
