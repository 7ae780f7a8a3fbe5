package io.hookstream.routing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.routing.FilterInput;
import io.hookstream.routing.FilterRule;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * One compiled filter rule: a {@link FieldPath} and a test on the value found there (null when
 * missing). Immutable and thread-safe.
 */
public final class RulePredicate {

  /** A test on the value at the rule's path; {@code value} is null when the path is missing. */
  private interface ValueTest {
    boolean test(JsonNode value);
  }

  private final FieldPath path;
  private final ValueTest test;

  private RulePredicate(FieldPath path, ValueTest test) {
    this.path = path;
    this.test = test;
  }

  /** Compiles a rule whose value has already passed the write-time checks. */
  public static RulePredicate compile(FilterRule rule) {
    JsonNode value = rule.value();
    ValueTest test =
        switch (rule.op()) {
          case EQ -> equalTo(value);
          case NEQ -> negate(equalTo(value));
          case IN -> anyOf(value);
          case CONTAINS -> contains(value.asText());
          case GT -> ordering(value.decimalValue(), c -> c > 0);
          case GTE -> ordering(value.decimalValue(), c -> c >= 0);
          case LT -> ordering(value.decimalValue(), c -> c < 0);
          case LTE -> ordering(value.decimalValue(), c -> c <= 0);
          case EXISTS -> exists(value.asBoolean());
        };
    return new RulePredicate(FieldPath.compile(rule.field()), test);
  }

  /** True when the event matches this rule. */
  public boolean test(FilterInput input) {
    return test.test(path.read(input));
  }

  /**
   * Equality decided by the rule value's type: a number compares numerically with a number or a
   * numeric string; a string, a boolean and null match only the same JSON type and value.
   */
  private static ValueTest equalTo(JsonNode expected) {
    if (expected.isNumber()) {
      BigDecimal number = expected.decimalValue();
      return v -> {
        BigDecimal actual = Numbers.of(v);
        return actual != null && actual.compareTo(number) == 0;
      };
    }
    if (expected.isTextual()) {
      String text = expected.textValue();
      return v -> v != null && v.isTextual() && v.textValue().equals(text);
    }
    if (expected.isBoolean()) {
      boolean bool = expected.booleanValue();
      return v -> v != null && v.isBoolean() && v.booleanValue() == bool;
    }
    return v -> v != null && v.isNull();
  }

  private static ValueTest negate(ValueTest test) {
    return v -> !test.test(v);
  }

  private static ValueTest anyOf(JsonNode candidates) {
    List<ValueTest> tests = new ArrayList<>(candidates.size());
    candidates.forEach(c -> tests.add(equalTo(c)));
    ValueTest[] array = tests.toArray(ValueTest[]::new);
    return v -> {
      for (ValueTest t : array) {
        if (t.test(v)) {
          return true;
        }
      }
      return false;
    };
  }

  private static ValueTest contains(String needle) {
    return v -> v != null && v.isTextual() && v.textValue().contains(needle);
  }

  private interface Comparison {
    boolean holds(int compareResult);
  }

  private static ValueTest ordering(BigDecimal bound, Comparison comparison) {
    return v -> {
      BigDecimal actual = Numbers.of(v);
      return actual != null && comparison.holds(actual.compareTo(bound));
    };
  }

  private static ValueTest exists(boolean expected) {
    return v -> (v != null && !v.isNull()) == expected;
  }
}
