package io.hookstream.collection;

import java.util.List;

/**
 * The shape of a collection's records, inferred from a sample of up to {@code 200} of them: one
 * field per path (dot notation, objects flattened; arrays are one field of type {@code array}), in
 * path order. {@code type} is {@code string}, {@code number}, {@code boolean}, {@code object} (an
 * empty object), {@code array} or {@code null}; several seen types are joined with {@code |}. A
 * field is {@code nullable} when some sampled record lacks it or holds null there.
 */
public record InferredSchema(List<Field> fields, int sampleCount) {

  public InferredSchema {
    fields = List.copyOf(fields);
  }

  /** One field of the inferred schema. */
  public record Field(String name, String type, boolean nullable) {}
}
