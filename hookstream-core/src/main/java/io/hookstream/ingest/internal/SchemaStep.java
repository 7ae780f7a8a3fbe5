package io.hookstream.ingest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.ingest.IngestContext;
import io.hookstream.ingest.IngestResult;
import io.hookstream.ingest.IngestStep;
import io.hookstream.ingest.SchemaSettings;
import io.hookstream.internal.ExpiringCache;
import io.hookstream.internal.Json;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.SourceRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Validates the JSON body against the source's JSON schema when validation is enabled. A body that
 * is not JSON is invalid. With {@code reject} (the default) an invalid request fails with 422 and
 * {@code validation_errors} ({@code [{path, message}]}, JSON Pointer paths, at most {@value
 * #MAX_ERRORS}) and is not stored; with {@code warn} it is marked {@code schema_invalid} and goes
 * on. Compiled schemas are cached per source version. Thread-safe.
 */
public final class SchemaStep implements IngestStep {

  /** How many source versions keep their compiled schema. */
  public static final int DEFAULT_CACHE_SIZE = 1_000;

  /** The most violations one response lists. */
  public static final int MAX_ERRORS = 100;

  private final SchemaCompiler compiler;
  private final ExpiringCache<SourceVersion, CompiledSchema> cache;

  public SchemaStep() {
    this(new SchemaCompiler(), DEFAULT_CACHE_SIZE);
  }

  public SchemaStep(SchemaCompiler compiler, int cacheSize) {
    this.compiler = Objects.requireNonNull(compiler, "compiler");
    this.cache = new ExpiringCache<>(cacheSize);
  }

  @Override
  public IngestResult process(IngestContext context, Chain chain) {
    SourceRecord source = context.source();
    SourceRecord.Schema settings = source.schema();
    if (settings == null || !settings.enabled()) {
      return chain.proceed(context);
    }
    CompiledSchema schema = cache.load(SourceVersion.of(source), key -> compile(source));
    JsonNode body = context.json();
    List<SchemaViolation> violations =
        body == null
            ? List.of(new SchemaViolation("", "body is not JSON"))
            : validate(source, schema, body);
    if (violations.isEmpty()) {
      return chain.proceed(context);
    }
    if (SchemaSettings.WARN.equalsIgnoreCase(settings.action())) {
      context.verificationStatus("schema_invalid");
      return chain.proceed(context);
    }
    throw rejected(violations);
  }

  private static HookstreamException rejected(List<SchemaViolation> violations) {
    SchemaViolation first = violations.get(0);
    String where = first.path().isEmpty() ? "" : first.path() + ": ";
    String more = violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : "";
    List<Map<String, Object>> details =
        violations.stream().limit(MAX_ERRORS).map(SchemaViolation::toMap).toList();
    return new HookstreamException(
        ErrorCode.VALIDATION_FAILED,
        "payload does not match the source's JSON schema: " + where + first.message() + more,
        List.of(),
        Map.of("validation_errors", details),
        null);
  }

  private static List<SchemaViolation> validate(
      SourceRecord source, CompiledSchema schema, JsonNode body) {
    try {
      return schema.validate(body);
    } catch (IllegalArgumentException e) {
      throw invalidSchema(source, e);
    }
  }

  private static HookstreamException invalidSchema(
      SourceRecord source, IllegalArgumentException e) {
    return new HookstreamException(
        ErrorCode.INTERNAL,
        "source " + source.id() + " has an invalid json_schema: " + e.getMessage(),
        e);
  }

  /** A schema stored without validation fails closed: the source refuses every request (500). */
  private CompiledSchema compile(SourceRecord source) {
    JsonNode node =
        source.schema().jsonSchema() == null
            ? null
            : Json.parseOrNull(source.schema().jsonSchema().getBytes(StandardCharsets.UTF_8));
    try {
      return compiler.compile(node);
    } catch (IllegalArgumentException e) {
      throw invalidSchema(source, e);
    }
  }
}
