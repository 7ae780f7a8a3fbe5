package io.hookstream.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.SpecificationVersion;
import io.hookstream.internal.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Runs the JSON Schema Test Suite (drafts 4, 6, 7, every non-optional file) through the compile and
 * validate path {@link SchemaStep} uses, with {@code http://localhost:1234/} served from the
 * suite's {@code remotes/} folder. Every case must pass (networknt 2.0.8 passes all of them).
 */
class JsonSchemaTestSuiteTest {

  private static final String REMOTE_PREFIX = "http://localhost:1234/";

  private static Path suite() {
    String dir = System.getProperty("hookstream.conformance.dir");
    if (dir == null) {
      fail(
          "system property hookstream.conformance.dir is not set (the core pom sets it for surefire)");
    }
    Path suite = Path.of(dir, "json-schema");
    if (!Files.isDirectory(suite.resolve("tests"))
        || !Files.isDirectory(suite.resolve("remotes"))) {
      fail(
          "JSON Schema Test Suite not found at "
              + suite.toAbsolutePath()
              + " (set -Dhookstream.conformance.dir to the folder holding json-schema/tests and json-schema/remotes)");
    }
    return suite;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"draft4, DRAFT_4", "draft6, DRAFT_6", "draft7, DRAFT_7"})
  void everyNonOptionalCasePasses(String draft, SpecificationVersion version) throws IOException {
    Path suite = suite();
    SchemaCompiler compiler =
        new SchemaCompiler(version, Map.of(REMOTE_PREFIX, suite.resolve("remotes")));
    List<Path> files;
    try (Stream<Path> list = Files.list(suite.resolve("tests").resolve(draft))) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).as("test files of " + draft).hasSizeGreaterThan(20);

    Set<String> failures = new TreeSet<>();
    int cases = 0;
    for (Path file : files) {
      JsonNode groups = Json.MAPPER.readTree(Files.readAllBytes(file));
      for (JsonNode group : groups) {
        String groupName =
            draft + "/" + file.getFileName() + ": " + group.get("description").asText();
        CompiledSchema schema;
        try {
          schema = compiler.compile(group.get("schema"));
        } catch (IllegalArgumentException e) {
          for (JsonNode test : group.get("tests")) {
            cases++;
            failures.add(
                groupName
                    + " / "
                    + test.get("description").asText()
                    + " [does not compile: "
                    + e.getMessage()
                    + "]");
          }
          continue;
        }
        for (JsonNode test : group.get("tests")) {
          cases++;
          boolean expected = test.get("valid").asBoolean();
          boolean actual;
          try {
            actual = schema.validate(test.get("data")).isEmpty();
          } catch (RuntimeException e) {
            failures.add(
                groupName + " / " + test.get("description").asText() + " [threw " + e + "]");
            continue;
          }
          if (actual != expected) {
            failures.add(groupName + " / " + test.get("description").asText());
          }
        }
      }
    }
    assertThat(cases).as("cases run for " + draft).isGreaterThan(300);

    assertThat(failures).as(draft + ": failing cases of " + cases).isEmpty();
    System.out.printf("JSON Schema Test Suite %s: %d cases, all pass%n", draft, cases);
  }
}
