package io.hookstream.ingest.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import java.util.ArrayList;
import java.util.List;

/** A JSON schema compiled by {@link SchemaCompiler}. Immutable and safe for concurrent use. */
public final class CompiledSchema {

  private final Schema schema;

  CompiledSchema(Schema schema) {
    this.schema = schema;
  }

  /**
   * Every violation of the schema by {@code instance}, in the validator's order; empty if valid.
   *
   * @throws IllegalArgumentException if the schema loops without end on this instance (a {@code
   *     $ref} cycle that never descends into the payload), which the library would otherwise answer
   *     with a stack overflow
   */
  public List<SchemaViolation> validate(JsonNode instance) {
    List<Error> errors;
    try {
      errors = schema.validate(instance);
    } catch (StackOverflowError e) {
      // The library's per-call state is discarded with the unwound stack; nothing is left
      // half-done.
      throw new IllegalArgumentException(
          "the schema recurses without end (a $ref cycle that never descends into the payload)", e);
    }
    List<SchemaViolation> out = new ArrayList<>(errors.size());
    for (Error e : errors) {
      out.add(new SchemaViolation(e.getInstanceLocation().toString(), e.getMessage()));
    }
    return out;
  }
}
