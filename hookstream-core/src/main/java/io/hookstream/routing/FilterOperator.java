package io.hookstream.routing;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The nine filter operators, each with its wire name (the {@code op} value in JSON). */
public enum FilterOperator {
  EQ("eq"),
  NEQ("neq"),
  CONTAINS("contains"),
  GT("gt"),
  GTE("gte"),
  LT("lt"),
  LTE("lte"),
  EXISTS("exists"),
  IN("in");

  /** The wire names, comma separated, for error messages. */
  public static final String WIRE_NAMES =
      Arrays.stream(values()).map(FilterOperator::wireName).collect(Collectors.joining(", "));

  private final String wireName;

  FilterOperator(String wireName) {
    this.wireName = wireName;
  }

  /** The name used in JSON, such as {@code gte}. */
  public String wireName() {
    return wireName;
  }

  /** The operator named {@code name} (exact lower-case wire name), or empty. */
  public static Optional<FilterOperator> fromWireName(String name) {
    for (FilterOperator op : values()) {
      if (op.wireName.equals(name)) {
        return Optional.of(op);
      }
    }
    return Optional.empty();
  }

  /** True for gt, gte, lt and lte. */
  public boolean isOrdering() {
    return this == GT || this == GTE || this == LT || this == LTE;
  }

  @Override
  public String toString() {
    return wireName;
  }
}
