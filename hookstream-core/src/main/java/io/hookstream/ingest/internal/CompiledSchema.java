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

  /** Every violation of the schema by {@code instance}, in the validator's order; empty if valid. */
  public List<SchemaViolation> validate(JsonNode instance) {
    List<Error> errors = schema.validate(instance);
    List<SchemaViolation> out = new ArrayList<>(errors.size());
    for (Error e : errors) {
      out.add(new SchemaViolation(e.getInstanceLocation().toString(), e.getMessage()));
    }
    return out;
  }
}
