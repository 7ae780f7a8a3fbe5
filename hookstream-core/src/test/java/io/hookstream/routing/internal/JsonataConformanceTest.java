package io.hookstream.routing.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.internal.Json;
import io.hookstream.routing.CompiledTransform;
import io.hookstream.routing.TransformBindings;
import io.hookstream.routing.TransformEngine;
import io.hookstream.routing.TransformException;
import io.hookstream.spi.HookstreamException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Runs the JSONata reference suite (jsonata-js v2.2.2, {@code src/test/conformance/jsonata})
 * through our {@link TransformEngine} and JSON conversion. Every case outside {@code
 * jsonata-known-failures.txt} must pass; cases on that list that now pass are reported so the list
 * can shrink.
 */
class JsonataConformanceTest {

  /** Passes measured with com.dashjoin:jsonata 0.9.10; the suite must never do worse. */
  private static final int MIN_PASSES = 1653;

  private static final String DIR_PROPERTY = "hookstream.conformance.dir";

  // Cases without their own limits get a generous one: the limit is not what they test.
  private final TransformEngine suiteEngine =
      new DashjoinTransformEngine(
          Duration.ofSeconds(10), DashjoinTransformEngine.DEFAULT_MAX_DEPTH);
  private final Map<String, JsonNode> datasets = new HashMap<>();

  @Test
  void referenceSuitePassesExceptKnownFailures() throws IOException {
    Path suite = suiteDirectory();
    List<String> failures = new ArrayList<>();
    int total = 0;
    for (Path file : caseFiles(suite.resolve("groups"))) {
      String group = file.getParent().getFileName().toString();
      String name = file.getFileName().toString().replaceFirst("\\.json$", "");
      JsonNode content = Json.MAPPER.readTree(file.toFile());
      List<JsonNode> cases = new ArrayList<>();
      if (content.isArray()) {
        content.forEach(cases::add);
      } else {
        cases.add(content);
      }
      for (int i = 0; i < cases.size(); i++) {
        String id = group + "/" + name + (content.isArray() ? "[" + i + "]" : "");
        total++;
        Optional<String> problem = run(suite, file.getParent(), cases.get(i));
        problem.ifPresent(p -> failures.add(id + ": " + p));
      }
    }
    Set<String> known = knownFailures();
    Set<String> failedIds = new TreeSet<>();
    List<String> unexpected = new ArrayList<>();
    for (String failure : failures) {
      String id = failure.substring(0, failure.indexOf(": "));
      failedIds.add(id);
      if (!known.contains(id)) {
        unexpected.add(failure);
      }
    }
    Set<String> nowPassing = new TreeSet<>(known);
    nowPassing.removeAll(failedIds);
    int passes = total - failures.size();
    System.out.printf(
        "JSONata conformance: %d of %d cases pass (%.1f %%)%n",
        passes, total, 100.0 * passes / total);
    if (!nowPassing.isEmpty()) {
      System.out.println(
          "Known failures that now pass (remove them from "
              + "jsonata-known-failures.txt): "
              + nowPassing);
    }
    assertThat(total).as("cases found in %s", suite).isGreaterThanOrEqualTo(1686);
    assertThat(unexpected).as("cases failing outside jsonata-known-failures.txt").isEmpty();
    assertThat(passes).as("passing cases").isGreaterThanOrEqualTo(MIN_PASSES);
  }

  private static Path suiteDirectory() {
    String dir = System.getProperty(DIR_PROPERTY);
    if (dir == null || dir.isBlank()) {
      fail(
          "System property "
              + DIR_PROPERTY
              + " is not set; the core pom sets it to "
              + "src/test/conformance");
    }
    Path suite = Path.of(dir, "jsonata");
    if (!Files.isDirectory(suite.resolve("groups"))
        || !Files.isDirectory(suite.resolve("datasets"))) {
      fail(
          "JSONata conformance suite not found at "
              + suite.toAbsolutePath().normalize()
              + " (expected groups/ and datasets/); pass -D"
              + DIR_PROPERTY
              + "=<path to hookstream-core/src/test/conformance>");
    }
    return suite;
  }

  private static List<Path> caseFiles(Path groups) throws IOException {
    try (Stream<Path> files = Files.walk(groups, 2)) {
      return files.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
  }

  private Set<String> knownFailures() throws IOException {
    try (InputStream in = getClass().getResourceAsStream("/jsonata-known-failures.txt")) {
      assertThat(in).as("jsonata-known-failures.txt on the test class path").isNotNull();
      Set<String> ids = new TreeSet<>();
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String id = line.strip();
        if (!id.isEmpty() && !id.startsWith("#")) {
          ids.add(id);
        }
      }
      return ids;
    }
  }

  /** Runs one case; empty when it passes, otherwise what went wrong. */
  private Optional<String> run(Path suite, Path groupDir, JsonNode testCase) throws IOException {
    String expr =
        testCase.has("expr")
            ? testCase.get("expr").asText()
            : Files.readString(groupDir.resolve(testCase.get("expr-file").asText()));
    JsonNode input = input(suite, testCase);
    TransformBindings bindings = bindings(testCase.get("bindings"));
    TransformEngine engine = engineFor(testCase);
    boolean expectError = testCase.has("code") || testCase.has("error");
    Optional<JsonNode> result;
    try {
      CompiledTransform transform = engine.compile(expr);
      result = transform.apply(input, bindings);
    } catch (HookstreamException | TransformException e) {
      return expectError ? Optional.empty() : Optional.of("unexpected error " + e.getMessage());
    } catch (RuntimeException e) { // our interface must not leak other exceptions
      return Optional.of("escaped exception " + e);
    }
    if (expectError) {
      return Optional.of("expected error " + code(testCase) + " but got " + result);
    }
    if (testCase.path("undefinedResult").asBoolean(false)) {
      return result.isEmpty()
          ? Optional.empty()
          : Optional.of("expected undefined, got " + result.get());
    }
    JsonNode expected = testCase.get("result");
    if (expected == null) {
      return Optional.of("case has no expected result");
    }
    if (result.isEmpty()) {
      return Optional.of("expected " + expected + " but got undefined");
    }
    boolean unordered = testCase.path("unordered").asBoolean(false);
    return jsonEquals(expected, result.get(), unordered)
        ? Optional.empty()
        : Optional.of("expected " + expected + " but got " + result.get());
  }

  private static String code(JsonNode testCase) {
    return testCase.has("code")
        ? testCase.get("code").asText()
        : testCase.path("error").path("code").asText();
  }

  private JsonNode input(Path suite, JsonNode testCase) {
    if (testCase.has("data")) {
      return testCase.get("data"); // "data": null is a JSON null input
    }
    JsonNode dataset = testCase.get("dataset");
    if (dataset == null || dataset.isNull()) {
      return null;
    }
    return datasets.computeIfAbsent(
        dataset.asText(),
        name -> {
          try {
            return Json.MAPPER.readTree(suite.resolve("datasets").resolve(name + ".json").toFile());
          } catch (IOException e) {
            throw new IllegalStateException("cannot read dataset " + name, e);
          }
        });
  }

  private static TransformBindings bindings(JsonNode bindings) {
    TransformBindings.Builder builder = TransformBindings.builder();
    if (bindings != null && bindings.isObject()) {
      Iterator<Map.Entry<String, JsonNode>> fields = bindings.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> binding = fields.next();
        builder.variable(binding.getKey(), binding.getValue());
      }
    }
    return builder.build();
  }

  private TransformEngine engineFor(JsonNode testCase) {
    if (!testCase.has("timelimit") && !testCase.has("depth")) {
      return suiteEngine;
    }
    long millis = testCase.path("timelimit").asLong(10_000);
    int depth = testCase.path("depth").asInt(DashjoinTransformEngine.DEFAULT_MAX_DEPTH);
    return new DashjoinTransformEngine(Duration.ofMillis(millis), depth);
  }

  /** JSON equality with numbers compared by value (1 equals 1.0). */
  static boolean jsonEquals(JsonNode expected, JsonNode actual, boolean unorderedArrays) {
    if (expected.isNumber() && actual.isNumber()) {
      return decimal(expected).compareTo(decimal(actual)) == 0;
    }
    if (expected.isArray() && actual.isArray()) {
      if (expected.size() != actual.size()) {
        return false;
      }
      if (unorderedArrays) {
        List<JsonNode> remaining = new ArrayList<>();
        actual.forEach(remaining::add);
        for (JsonNode e : expected) {
          int match = -1;
          for (int i = 0; i < remaining.size() && match < 0; i++) {
            if (jsonEquals(e, remaining.get(i), true)) {
              match = i;
            }
          }
          if (match < 0) {
            return false;
          }
          remaining.remove(match);
        }
        return true;
      }
      for (int i = 0; i < expected.size(); i++) {
        if (!jsonEquals(expected.get(i), actual.get(i), false)) {
          return false;
        }
      }
      return true;
    }
    if (expected.isObject() && actual.isObject()) {
      if (expected.size() != actual.size()) {
        return false;
      }
      Iterator<Map.Entry<String, JsonNode>> fields = expected.fields();
      while (fields.hasNext()) {
        Map.Entry<String, JsonNode> field = fields.next();
        JsonNode other = actual.get(field.getKey());
        if (other == null || !jsonEquals(field.getValue(), other, unorderedArrays)) {
          return false;
        }
      }
      return true;
    }
    return expected.equals(actual);
  }

  private static BigDecimal decimal(JsonNode number) {
    return number.isDouble() || number.isFloat()
        ? BigDecimal.valueOf(number.doubleValue())
        : number.decimalValue();
  }
}
