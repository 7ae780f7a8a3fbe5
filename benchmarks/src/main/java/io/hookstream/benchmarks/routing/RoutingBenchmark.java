package io.hookstream.benchmarks.routing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hookstream.benchmarks.support.Payloads;
import io.hookstream.routing.CompiledFilter;
import io.hookstream.routing.CompiledTransform;
import io.hookstream.routing.FilterInput;
import io.hookstream.routing.TransformBindings;
import io.hookstream.routing.TransformEngine;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The per-event routing cost on a 1 KB JSON body: parsing it (the baseline: every router must do
 * this), evaluating a connection's filter rules, and running a typical JSONata transform, each on
 * its own and as the router does it (parse, then filter or transform the parsed tree).
 */
@State(Scope.Benchmark)
@BenchmarkMode(org.openjdk.jmh.annotations.Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class RoutingBenchmark {

  /** Three rules, as a typical connection has: event type, an amount range, a country list. */
  static final String FILTER =
      "[{\"field\":\"body.type\",\"op\":\"eq\","
          + "\"value\":\"payment.succeeded\"},{\"field\":\"body.data.amount\",\"op\":\"gte\","
          + "\"value\":500},{\"field\":\"body.data.customer.country\",\"op\":\"in\","
          + "\"value\":[\"GB\",\"FR\",\"DE\"]}]";

  /** A typical reshaping: pick fields, rename, compute, add one header. */
  static final String TRANSFORM =
      "{\"t\": t, \"kind\": type, \"payment\": data.id,"
          + " \"cents\": data.amount, \"dollars\": data.amount / 100,"
          + " \"customer\": data.customer.email, \"tags\": $join(data.tags, \",\"),"
          + " \"topic\": $headers.\"x-topic\"}";

  private final ObjectMapper mapper = new ObjectMapper();
  private byte[] body;
  private JsonNode parsed;
  private CompiledFilter filter;
  private CompiledTransform transform;
  private TransformBindings bindings;
  private Map<String, List<String>> headers;

  @Setup(Level.Trial)
  public void setUp() throws IOException {
    body = Payloads.json(4242, Payloads.ONE_KB);
    parsed = mapper.readTree(body);
    filter = CompiledFilter.compile(FILTER);
    transform = TransformEngine.jsonata().compile(TRANSFORM);
    headers = Map.of("x-topic", List.of("payments"), "content-type", List.of("application/json"));
    bindings =
        TransformBindings.builder()
            .method("POST")
            .contentType("application/json")
            .headers(headers)
            .build();
    if (!filter(parsed) || transform.apply(parsed, bindings).isEmpty()) {
      throw new IllegalStateException("the filter must match and the transform must produce");
    }
  }

  @Benchmark
  public JsonNode parseJson() throws IOException {
    return mapper.readTree(body);
  }

  @Benchmark
  public boolean filterParsed() {
    return filter(parsed);
  }

  @Benchmark
  public Optional<JsonNode> transformParsed() {
    return transform.apply(parsed, bindings);
  }

  @Benchmark
  public boolean parseAndFilter() throws IOException {
    return filter(mapper.readTree(body));
  }

  @Benchmark
  public Optional<JsonNode> parseFilterAndTransform() throws IOException {
    JsonNode tree = mapper.readTree(body);
    return filter(tree) ? transform.apply(tree, bindings) : Optional.empty();
  }

  private boolean filter(JsonNode tree) {
    return filter.matches(new FilterInput(tree, headers, "POST", "application/json", "127.0.0.1"));
  }
}
