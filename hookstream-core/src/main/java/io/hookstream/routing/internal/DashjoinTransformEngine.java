package io.hookstream.routing.internal;

import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata;
import com.dashjoin.jsonata.Jsonata.Frame;
import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.routing.CompiledTransform;
import io.hookstream.routing.TransformBindings;
import io.hookstream.routing.TransformEngine;
import io.hookstream.routing.TransformException;
import io.hookstream.routing.TransformException.Reason;
import io.hookstream.spi.HookstreamException;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * {@link TransformEngine} on com.dashjoin:jsonata. A compiled dashjoin {@code Jsonata} holds the
 * parsed expression and is shared by all threads: every evaluation gets its own {@code Frame} for
 * bindings and the runaway guard, and dashjoin keeps its remaining per-evaluation state in a
 * per-thread copy (thread safety checked by our concurrency test). Evaluation runs on the calling
 * thread; an expression past the time limit or the depth limit stops with a {@link
 * TransformException}, and so does a Java stack overflow. Thread-safe.
 */
public final class DashjoinTransformEngine implements TransformEngine {

  /** Default wall-time limit of one evaluation. */
  public static final Duration DEFAULT_TIME_LIMIT = Duration.ofSeconds(1);

  /**
   * Default limit on nested evaluation steps; well under the depth at which a 1 MB thread stack
   * overflows (about 1,400 steps).
   */
  public static final int DEFAULT_MAX_DEPTH = 500;

  private static final String FIELD = "transform_expression";
  private static final String RUNAWAY_CODE = "U1001";

  private final long timeLimitNanos;
  private final int maxDepth;

  /** An engine with {@link #DEFAULT_TIME_LIMIT} and {@link #DEFAULT_MAX_DEPTH}. */
  public DashjoinTransformEngine() {
    this(DEFAULT_TIME_LIMIT, DEFAULT_MAX_DEPTH);
  }

  /**
   * An engine with the given limits per evaluation.
   *
   * @throws IllegalArgumentException if the time limit is not positive or the depth is below 1
   */
  public DashjoinTransformEngine(Duration timeLimit, int maxDepth) {
    Objects.requireNonNull(timeLimit, "timeLimit");
    if (timeLimit.isNegative() || timeLimit.isZero()) {
      throw new IllegalArgumentException("timeLimit must be positive: " + timeLimit);
    }
    if (maxDepth < 1) {
      throw new IllegalArgumentException("maxDepth must be at least 1: " + maxDepth);
    }
    this.timeLimitNanos = timeLimit.toNanos();
    this.maxDepth = maxDepth;
  }

  @Override
  public CompiledTransform compile(String expression) {
    if (expression == null || expression.isBlank()) {
      throw HookstreamException.invalid(FIELD, "is required when the transform is enabled");
    }
    Jsonata parsed;
    try {
      parsed = Jsonata.jsonata(expression);
    } catch (JException e) {
      throw HookstreamException.invalid(FIELD, "is not valid JSONata: " + describe(e));
    } catch (RuntimeException | StackOverflowError e) { // parser faults on odd input
      throw HookstreamException.invalid(FIELD, "is not valid JSONata: " + e);
    }
    // JSON null results stay NULL_VALUE so that they differ from "no result" (Java null).
    parsed.setOutputConvertNulls(false);
    return new DashjoinTransform(expression, parsed);
  }

  private static String describe(JException e) {
    StringBuilder sb = new StringBuilder(String.valueOf(e.getMessage()));
    if (e.getError() != null) {
      sb.append(" (code ").append(e.getError());
      if (e.getLocation() >= 0) {
        sb.append(", at position ").append(e.getLocation());
      }
      sb.append(')');
    }
    return sb.toString();
  }

  private final class DashjoinTransform implements CompiledTransform {
    private final String expression;
    private final Jsonata jsonata;

    DashjoinTransform(String expression, Jsonata jsonata) {
      this.expression = expression;
      this.jsonata = jsonata;
    }

    @Override
    public String expression() {
      return expression;
    }

    @Override
    public Optional<JsonNode> apply(JsonNode body, TransformBindings bindings) {
      Frame frame = jsonata.createFrame();
      bind(frame, bindings == null ? TransformBindings.none() : bindings);
      RunawayGuard guard = new RunawayGuard(timeLimitNanos, maxDepth);
      guard.install(frame);
      Object result;
      try {
        result = jsonata.evaluate(JsonataValues.toJava(body), frame);
      } catch (StackOverflowError e) {
        throw new TransformException(
            Reason.DEPTH_LIMIT,
            RUNAWAY_CODE,
            "transform recursed too deeply for the thread's stack (non-terminating recursion?)",
            null);
      } catch (RuntimeException e) {
        throw translate(e);
      }
      try {
        return Optional.ofNullable(JsonataValues.toJson(result, guard));
      } catch (IllegalArgumentException e) {
        throw new TransformException(
            Reason.EVALUATION_ERROR, null, "transform result is not JSON: " + e.getMessage(), e);
      } catch (RunawayGuard.Stop e) {
        throw translate(e);
      }
    }
  }

  private static TransformException translate(RuntimeException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof RunawayGuard.Stop stop) {
        return new TransformException(
            stop.timeLimit ? Reason.TIME_LIMIT : Reason.DEPTH_LIMIT,
            RUNAWAY_CODE,
            stop.getMessage(),
            null);
      }
    }
    if (e instanceof JException je) {
      return new TransformException(
          Reason.EVALUATION_ERROR, je.getError(), "transform failed: " + describe(je), je);
    }
    // dashjoin signals some type errors with plain Java exceptions (e.g. ClassCastException)
    return new TransformException(
        Reason.EVALUATION_ERROR,
        null,
        "transform failed: "
            + e.getClass().getSimpleName()
            + (e.getMessage() == null ? "" : ": " + e.getMessage()),
        e);
  }

  private static void bind(Frame frame, TransformBindings b) {
    Map<String, Object> event = new LinkedHashMap<>();
    putIfPresent(event, "id", b.eventId());
    putIfPresent(event, "source_id", b.sourceId());
    putIfPresent(
        event,
        "received_at",
        b.receivedAt() == null ? null : DateTimeFormatter.ISO_INSTANT.format(b.receivedAt()));
    putIfPresent(event, "method", b.method());
    putIfPresent(event, "content_type", b.contentType());
    putIfPresent(event, "source_ip", b.sourceIp());
    frame.bind("event", event);
    frame.bind("headers", headerObject(b.headers()));
    frame.bind("query", queryObject(b.query()));
    if (b.method() != null) {
      frame.bind("method", b.method());
    }
    b.variables().forEach((name, value) -> frame.bind(name, JsonataValues.toJava(value)));
  }

  private static void putIfPresent(Map<String, Object> map, String key, Object value) {
    if (value != null) {
      map.put(key, value);
    }
  }

  /** One string per header; repeated headers joined with ", " as HTTP combines them. */
  private static Map<String, Object> headerObject(Map<String, List<String>> headers) {
    Map<String, Object> object = new LinkedHashMap<>();
    headers.forEach(
        (name, values) -> {
          if (!values.isEmpty()) {
            object.put(name, String.join(", ", values));
          }
        });
    return object;
  }

  /** A string per parameter, or an array of strings when the parameter repeats. */
  private static Map<String, Object> queryObject(Map<String, List<String>> query) {
    Map<String, Object> object = new LinkedHashMap<>();
    query.forEach(
        (name, values) -> {
          if (!values.isEmpty()) {
            object.put(name, values.size() == 1 ? values.get(0) : List.copyOf(values));
          }
        });
    return object;
  }
}
