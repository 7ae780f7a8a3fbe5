package io.hookstream.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.json.HookstreamJson;
import io.hookstream.testsession.TestEvent;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * A fluent check of what a {@link TestSession} received: narrow the requests with {@code with...},
 * say how many must match with {@link #count} or {@link #atLeast}, then wait for it with {@link
 * #within}, which fails with a list of what did arrive. Not thread-safe; one per assertion.
 */
public final class ReceivedAssert {

  private final Supplier<List<TestEvent>> received;
  private final List<Predicate<TestEvent>> filters = new ArrayList<>();
  private final List<String> described = new ArrayList<>();
  private int expected = 1;
  private boolean exact;

  ReceivedAssert(Supplier<List<TestEvent>> received) {
    this.received = received;
  }

  /** Only requests with this HTTP method (any case). */
  public ReceivedAssert withMethod(String method) {
    String m = method.toUpperCase(Locale.ROOT);
    return filter("method " + m, e -> m.equals(e.method()));
  }

  /** Only requests with header {@code name} (any case) whose first value is {@code value}. */
  public ReceivedAssert withHeader(String name, String value) {
    return filter("header " + name + ": " + value, e -> value.equals(e.header(name)));
  }

  /** Only requests that carry header {@code name}. */
  public ReceivedAssert withHeader(String name) {
    return filter("header " + name, e -> e.header(name) != null);
  }

  /**
   * Only requests whose JSON body has {@code expected} at {@code path}: dot-separated names and
   * {@code [i]} indexes, with or without a leading {@code $.}, such as {@code data.items[0].id}.
   * Strings compare as text, numbers by value, booleans and null as themselves.
   */
  public ReceivedAssert withJsonPath(String path, Object expected) {
    return filter(
        "JSON " + path + " = " + expected, e -> JsonPath.matches(JsonPath.read(e, path), expected));
  }

  /** Exactly {@code n} matching requests (waits for them, then fails if more arrived). */
  public ReceivedAssert count(int n) {
    requireNonNegative(n);
    expected = n;
    exact = true;
    return this;
  }

  /** At least {@code n} matching requests. */
  public ReceivedAssert atLeast(int n) {
    requireNonNegative(n);
    expected = n;
    exact = false;
    return this;
  }

  /**
   * Waits up to {@code timeout} for the expected number of matching requests and returns them,
   * oldest first; throws {@link AssertionError} naming what arrived when they do not.
   */
  public List<TestEvent> within(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      List<TestEvent> all = received.get();
      List<TestEvent> matching = all.stream().filter(this::matches).toList();
      if (matching.size() >= expected) {
        if (exact && matching.size() > expected) {
          throw failure("exactly " + expected, matching.size(), all, timeout);
        }
        return matching;
      }
      if (System.nanoTime() > deadline) {
        throw failure((exact ? "exactly " : "at least ") + expected, matching.size(), all, timeout);
      }
      LockSupport.parkNanos(5_000_000);
    }
  }

  private ReceivedAssert filter(String what, Predicate<TestEvent> p) {
    described.add(what);
    filters.add(p);
    return this;
  }

  private boolean matches(TestEvent e) {
    return filters.stream().allMatch(f -> f.test(e));
  }

  private AssertionError failure(String wanted, int got, List<TestEvent> all, Duration timeout) {
    String which = described.isEmpty() ? "" : " with " + String.join(", ", described);
    String arrived =
        all.isEmpty()
            ? "nothing"
            : all.stream()
                .map(ReceivedAssert::describe)
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    return new AssertionError(
        "expected "
            + wanted
            + " request(s)"
            + which
            + " within "
            + timeout
            + ", got "
            + got
            + "; received: "
            + arrived);
  }

  private static String describe(TestEvent e) {
    String body = new String(e.body(), StandardCharsets.UTF_8);
    return e.method()
        + " "
        + e.path()
        + " "
        + (body.length() > 200 ? body.substring(0, 200) + "..." : body);
  }

  private static void requireNonNegative(int n) {
    if (n < 0) {
      throw new IllegalArgumentException("count must not be negative: " + n);
    }
  }

  /** The small JSON path of {@link #withJsonPath}. */
  static final class JsonPath {

    private JsonPath() {}

    /** The node at {@code path} in the event's JSON body; null when absent or not JSON. */
    static JsonNode read(TestEvent e, String path) {
      JsonNode node = HookstreamJson.parseOrNull(e.body());
      String p = path.startsWith("$") ? path.substring(1) : path;
      for (String step : p.split("\\.")) {
        if (node == null) {
          return null;
        }
        if (step.isEmpty()) {
          continue;
        }
        int bracket = step.indexOf('[');
        String name = bracket < 0 ? step : step.substring(0, bracket);
        if (!name.isEmpty()) {
          node = node.get(name);
        }
        while (node != null && bracket >= 0) {
          int close = step.indexOf(']', bracket);
          node = node.get(Integer.parseInt(step.substring(bracket + 1, close)));
          bracket = step.indexOf('[', close);
        }
      }
      return node;
    }

    static boolean matches(JsonNode node, Object expected) {
      if (node == null) {
        return false;
      }
      if (expected == null) {
        return node.isNull();
      }
      if (expected instanceof Number n) {
        return node.isNumber() && node.decimalValue().compareTo(new BigDecimal(n.toString())) == 0;
      }
      if (expected instanceof Boolean b) {
        return node.isBoolean() && node.booleanValue() == b;
      }
      return node.isValueNode() && Objects.equals(node.asText(), expected.toString());
    }
  }
}
