package io.hookstream.ingest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.networknt.schema.AbsoluteIri;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import com.networknt.schema.resource.InputStreamSource;
import com.networknt.schema.resource.ResourceLoader;
import io.hookstream.spi.FieldError;
import java.io.FileNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles sources' JSON schemas with networknt json-schema-validator: drafts 4, 6, 7, 2019-09 and
 * 2020-12, chosen by {@code $schema}, draft 7 when it is absent. Nothing is fetched over the
 * network: a {@code $ref} can reach only the meta-schemas bundled with the library and the local
 * folders this compiler is given (the conformance suite's {@code remotes/}); any other remote
 * reference fails to compile. Each schema gets its own registry, so one source's {@code $id} never
 * resolves to another source's schema. Errors are located with JSON Pointers. Immutable and safe
 * for concurrent use.
 */
public final class SchemaCompiler {

  /** The dialect of a schema without {@code $schema}. */
  public static final SpecificationVersion DEFAULT_DIALECT = SpecificationVersion.DRAFT_7;

  /** Small instances every schema is tried on at write time, to refuse $ref loops early. */
  private static final List<JsonNode> LOOP_PROBES =
      List.of(
          NullNode.getInstance(),
          BooleanNode.TRUE,
          IntNode.valueOf(0),
          TextNode.valueOf(""),
          JsonNodeFactory.instance.objectNode(),
          JsonNodeFactory.instance.arrayNode());

  private final SpecificationVersion defaultDialect;
  private final Map<String, Path> localResources;
  private final SchemaRegistryConfig config =
      SchemaRegistryConfig.builder().pathType(PathType.JSON_POINTER).build();

  /** Draft 7 by default, no local resources: what the engine uses. */
  public SchemaCompiler() {
    this(DEFAULT_DIALECT, Map.of());
  }

  /**
   * A compiler with another default dialect and IRI prefixes served from local folders, such as
   * {@code http://localhost:1234/} mapped to the JSON Schema Test Suite's {@code remotes/}.
   */
  public SchemaCompiler(SpecificationVersion defaultDialect, Map<String, Path> localResources) {
    this.defaultDialect = defaultDialect;
    this.localResources = new LinkedHashMap<>(localResources);
  }

  /**
   * Compiles {@code schema} (an object, or a boolean schema), resolving every {@code $ref} now.
   *
   * @throws IllegalArgumentException if it is neither or does not compile
   */
  public CompiledSchema compile(JsonNode schema) {
    if (schema == null || !(schema.isObject() || schema.isBoolean())) {
      throw new IllegalArgumentException("must be a JSON object");
    }
    Optional<String> unsupported =
        schema.isObject() ? unsupportedDialect(schema) : Optional.empty();
    if (unsupported.isPresent()) {
      throw new IllegalArgumentException(unsupported.get());
    }
    try {
      Schema compiled = newRegistry().getSchema(schema);
      compiled.initializeValidators();
      return new CompiledSchema(compiled);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(describe(e), e);
    }
  }

  /**
   * What is wrong with {@code schema} as a source's JSON schema, named under {@code field}: not an
   * object, an unsupported {@code $schema}, keyword values its dialect's meta-schema rejects
   * ({@code json_schema.properties.id.type: ...}), or a failure to compile (a bad regular
   * expression, an unresolvable {@code $ref}). Empty when it compiles cleanly.
   */
  public List<FieldError> check(JsonNode schema, String field) {
    List<FieldError> errors = new ArrayList<>();
    if (schema == null || !schema.isObject()) {
      errors.add(new FieldError(field, "must be a JSON object"));
      return errors;
    }
    Optional<String> unsupported = unsupportedDialect(schema);
    if (unsupported.isPresent()) {
      errors.add(new FieldError(field + ".$schema", unsupported.get()));
      return errors;
    }
    SpecificationVersion dialect =
        SpecificationVersion.fromSchemaNode(schema).orElse(defaultDialect);
    try {
      CompiledSchema meta =
          new CompiledSchema(newRegistry().getSchema(SchemaLocation.of(dialect.getDialectId())));
      for (SchemaViolation v : meta.validate(schema)) {
        errors.add(new FieldError(field + dotPath(v.path()), v.message()));
      }
    } catch (RuntimeException e) {
      errors.add(
          new FieldError(
              field, "cannot check against the " + dialect + " meta-schema: " + describe(e)));
    }
    if (errors.isEmpty()) {
      try {
        CompiledSchema compiled = compile(schema);
        for (JsonNode probe : LOOP_PROBES) {
          compiled.validate(probe);
        }
      } catch (IllegalArgumentException e) {
        errors.add(new FieldError(field, e.getMessage()));
      }
    }
    return errors;
  }

  private SchemaRegistry newRegistry() {
    return SchemaRegistry.withDefaultDialect(
        defaultDialect,
        builder ->
            builder
                .schemaRegistryConfig(config)
                .schemaLoader(
                    loader -> {
                      loader.fetchRemoteResources(false);
                      if (!localResources.isEmpty()) {
                        loader.resourceLoaders(r -> r.add(new LocalFolders(localResources)));
                      }
                    }));
  }

  private static Optional<String> unsupportedDialect(JsonNode schema) {
    JsonNode id = schema.get("$schema");
    if (id == null) {
      return Optional.empty();
    }
    if (!id.isTextual()) {
      return Optional.of("must be a string");
    }
    String text = id.asText();
    String other = text.endsWith("#") ? text.substring(0, text.length() - 1) : text + "#";
    if (SpecificationVersion.fromDialectId(text).isPresent()
        || SpecificationVersion.fromDialectId(other).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(
        "unsupported dialect \"" + text + "\" (supported: drafts 4, 6, 7, 2019-09, 2020-12)");
  }

  /** {@code /properties/id/type} as {@code .properties.id.type}. */
  private static String dotPath(String pointer) {
    if (pointer.isEmpty()) {
      return "";
    }
    StringBuilder sb = new StringBuilder();
    for (String token : pointer.substring(1).split("/", -1)) {
      sb.append('.').append(token.replace("~1", "/").replace("~0", "~"));
    }
    return sb.toString();
  }

  private static String describe(RuntimeException e) {
    Throwable cause = e.getCause();
    if (cause instanceof FileNotFoundException) {
      return "cannot load \"" + cause.getMessage() + "\": remote references are not fetched";
    }
    String message =
        cause != null && cause.getMessage() != null ? cause.getMessage() : e.getMessage();
    return message == null ? e.toString() : message.lines().findFirst().orElse(message);
  }

  /** Serves IRIs under configured prefixes from local folders, never outside them. */
  private static final class LocalFolders implements ResourceLoader {
    private final Map<String, Path> roots;

    LocalFolders(Map<String, Path> roots) {
      this.roots = roots;
    }

    @Override
    public InputStreamSource getResource(AbsoluteIri iri) {
      String text = iri.toString();
      for (Map.Entry<String, Path> root : roots.entrySet()) {
        if (text.startsWith(root.getKey())) {
          Path base = root.getValue().toAbsolutePath().normalize();
          Path file = base.resolve(text.substring(root.getKey().length())).normalize();
          if (file.startsWith(base) && Files.isRegularFile(file)) {
            return () -> Files.newInputStream(file);
          }
        }
      }
      return null;
    }
  }
}
