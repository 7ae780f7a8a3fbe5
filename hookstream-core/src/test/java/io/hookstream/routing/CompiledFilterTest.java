package io.hookstream.routing;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.internal.Json;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.EventStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CompiledFilterTest {

  private static final JsonNode ORDER =
      Json.parse(
          """
      {"type": "order.created",
       "id": "ord_1",
       "data": {"amount": 4999, "ratio": 0.5, "currency": "usd", "paid": true, "note": null,
                "count": "42", "label": "abc",
                "items": [{"sku": "A-1", "qty": 2}, {"sku": "B-2", "qty": 1}],
                "customer": {"id": "cus_9", "email": "x@example.com"}},
       "0": "zero key"}
      """);

  private static final FilterInput INPUT =
      new FilterInput(
          ORDER,
          Map.of("x-github-event", List.of("push", "second"), "x-attempt", List.of("3")),
          "POST",
          "application/json",
          "203.0.113.7");

  private static boolean matches(String field, String op, String valueJson) {
    return matches(INPUT, field, op, valueJson);
  }

  private static boolean matches(FilterInput input, String field, String op, String valueJson) {
    String rules =
        "[{\"field\":\"" + field + "\",\"op\":\"" + op + "\",\"value\":" + valueJson + "}]";
    return CompiledFilter.compile(rules).matches(input);
  }

  @Test
  void eqMatchesStringsNumbersBooleansAndNull() {
    assertThat(matches("payload.type", "eq", "\"order.created\"")).isTrue();
    assertThat(matches("payload.type", "eq", "\"order.Created\"")).isFalse();
    assertThat(matches("payload.data.amount", "eq", "4999")).isTrue();
    assertThat(matches("payload.data.amount", "eq", "4999.0")).isTrue();
    assertThat(matches("payload.data.amount", "eq", "4999.5")).isFalse();
    assertThat(matches("payload.data.ratio", "eq", "0.50")).isTrue();
    assertThat(matches("payload.data.paid", "eq", "true")).isTrue();
    assertThat(matches("payload.data.paid", "eq", "false")).isFalse();
    assertThat(matches("payload.data.note", "eq", "null")).isTrue();
    assertThat(matches("payload.data.missing", "eq", "null")).isFalse();
  }

  @Test
  void eqComparesNumbersWithNumericStringsButNotStringsWithNumbers() {
    assertThat(matches("payload.data.count", "eq", "42")).isTrue(); // "42" read as a number
    assertThat(matches("payload.data.amount", "eq", "\"4999\"")).isFalse(); // string wants string
    assertThat(matches("payload.data.paid", "eq", "\"true\"")).isFalse();
    assertThat(matches("payload.data.amount", "eq", "true")).isFalse();
  }

  @Test
  void eqNeverMatchesObjectsOrArrays() {
    assertThat(matches("payload.data.customer", "eq", "\"cus_9\"")).isFalse();
    assertThat(matches("payload.data.items", "neq", "\"A-1\"")).isTrue();
  }

  @Test
  void neqIsTheInverseOfEqIncludingMissingFields() {
    assertThat(matches("payload.type", "neq", "\"order.created\"")).isFalse();
    assertThat(matches("payload.type", "neq", "\"order.deleted\"")).isTrue();
    assertThat(matches("payload.data.amount", "neq", "4999")).isFalse();
    assertThat(matches("payload.nothing.here", "neq", "\"x\"")).isTrue();
    assertThat(matches("payload.data.note", "neq", "null")).isFalse();
  }

  @Test
  void containsIsACaseSensitiveSubstringMatchOnStringsOnly() {
    assertThat(matches("payload.type", "contains", "\"order.\"")).isTrue();
    assertThat(matches("payload.type", "contains", "\"ORDER\"")).isFalse();
    assertThat(matches("payload.data.customer.email", "contains", "\"@example.com\"")).isTrue();
    assertThat(matches("payload.data.amount", "contains", "\"49\"")).isFalse();
    assertThat(matches("payload.data.items", "contains", "\"A-1\"")).isFalse();
    assertThat(matches("payload.missing", "contains", "\"\"")).isFalse();
    assertThat(matches("payload.type", "contains", "\"\"")).isTrue();
  }

  @Test
  void orderingOperatorsCompareNumerically() {
    assertThat(matches("payload.data.amount", "gt", "1000")).isTrue();
    assertThat(matches("payload.data.amount", "gt", "4999")).isFalse();
    assertThat(matches("payload.data.amount", "gte", "4999")).isTrue();
    assertThat(matches("payload.data.amount", "gte", "4999.01")).isFalse();
    assertThat(matches("payload.data.amount", "lt", "5000")).isTrue();
    assertThat(matches("payload.data.amount", "lt", "4999")).isFalse();
    assertThat(matches("payload.data.amount", "lte", "4999")).isTrue();
    assertThat(matches("payload.data.ratio", "lt", "1")).isTrue();
    assertThat(matches("payload.data.ratio", "gt", "-1e3")).isTrue();
  }

  @Test
  void orderingReadsNumericStringsAndIgnoresEverythingElse() {
    assertThat(matches("payload.data.count", "gt", "41")).isTrue();
    assertThat(matches("payload.data.count", "lte", "41")).isFalse();
    assertThat(matches("headers.x-attempt", "gte", "3")).isTrue();
    assertThat(matches("payload.data.label", "gt", "0")).isFalse();
    assertThat(matches("payload.data.label", "lt", "0")).isFalse();
    assertThat(matches("payload.data.paid", "gt", "0")).isFalse();
    assertThat(matches("payload.data.note", "lt", "1")).isFalse();
    assertThat(matches("payload.data.items", "gt", "0")).isFalse();
    assertThat(matches("payload.missing", "lt", "1")).isFalse();
  }

  @Test
  void numericStringsMustBeExactlyJsonNumbers() {
    for (String notANumber :
        List.of(
            " 42",
            "42 ",
            "+42",
            "042",
            "0x2A",
            "4_2",
            "NaN",
            "Infinity",
            "1.",
            ".5",
            "1e",
            "-",
            "",
            "1e99999999999")) {
      JsonNode body = Json.MAPPER.createObjectNode().put("n", notANumber);
      assertThat(matches(FilterInput.ofBody(body), "n", "gte", "-1e400"))
          .as("'%s' is not a number", notANumber)
          .isFalse();
    }
    for (String number : List.of("0", "-0", "42", "-1.5", "1e3", "2.5E-3", "1E+2")) {
      JsonNode body = Json.MAPPER.createObjectNode().put("n", number);
      assertThat(matches(FilterInput.ofBody(body), "n", "gte", "-1e400"))
          .as("'%s' is a number", number)
          .isTrue();
    }
  }

  @Test
  void existsTrueMeansPresentAndNotNull() {
    assertThat(matches("payload.type", "exists", "true")).isTrue();
    assertThat(matches("payload.data.paid", "exists", "true")).isTrue();
    assertThat(matches("payload.data.note", "exists", "true")).isFalse();
    assertThat(matches("payload.data.missing", "exists", "true")).isFalse();
    assertThat(matches("payload.type", "exists", "false")).isFalse();
    assertThat(matches("payload.data.note", "exists", "false")).isTrue();
    assertThat(matches("payload.data.missing", "exists", "false")).isTrue();
    assertThat(matches("headers.x-github-event", "exists", "true")).isTrue();
    assertThat(matches("headers.x-absent", "exists", "false")).isTrue();
  }

  @Test
  void inMatchesAnyListedValueWithEqSemantics() {
    assertThat(matches("payload.type", "in", "[\"order.deleted\",\"order.created\"]")).isTrue();
    assertThat(matches("payload.type", "in", "[\"order.deleted\"]")).isFalse();
    assertThat(matches("payload.data.amount", "in", "[1, 4999.0]")).isTrue();
    assertThat(matches("payload.data.note", "in", "[null]")).isTrue();
    assertThat(matches("method", "in", "[\"PUT\",\"POST\"]")).isTrue();
    assertThat(matches("payload.type", "in", "[]")).isFalse();
    assertThat(matches("payload.missing", "in", "[\"x\", null]")).isFalse();
  }

  @Test
  void payloadAndBodyPrefixesAndBarePathsAllReadTheBody() {
    assertThat(matches("payload.data.customer.id", "eq", "\"cus_9\"")).isTrue();
    assertThat(matches("body.data.customer.id", "eq", "\"cus_9\"")).isTrue();
    assertThat(matches("data.customer.id", "eq", "\"cus_9\"")).isTrue();
    assertThat(matches("type", "eq", "\"order.created\"")).isTrue();
    assertThat(matches("payload", "exists", "true")).isTrue();
  }

  @Test
  void numericSegmentsIndexArraysAndNameObjectKeys() {
    assertThat(matches("payload.data.items.0.sku", "eq", "\"A-1\"")).isTrue();
    assertThat(matches("payload.data.items.1.qty", "eq", "1")).isTrue();
    assertThat(matches("payload.data.items.2.sku", "exists", "false")).isTrue();
    assertThat(matches("payload.data.items.sku", "exists", "false")).isTrue();
    assertThat(matches("payload.0", "eq", "\"zero key\"")).isTrue();
    assertThat(matches("payload.type.0", "exists", "false")).isTrue();
  }

  @Test
  void headersAreCaseInsensitiveAndReadTheFirstValue() {
    assertThat(matches("headers.x-github-event", "eq", "\"push\"")).isTrue();
    assertThat(matches("headers.X-GitHub-Event", "eq", "\"push\"")).isTrue();
    assertThat(matches("headers.x-github-event", "eq", "\"second\"")).isFalse();

    Map<String, List<String>> mixedCase = new LinkedHashMap<>();
    mixedCase.put("X-Custom", List.of("v"));
    FilterInput input = new FilterInput(null, mixedCase, "GET", null, null);
    assertThat(matches(input, "headers.x-custom", "eq", "\"v\"")).isTrue();
  }

  @Test
  void envelopeFieldsAreReadAsStrings() {
    assertThat(matches("method", "eq", "\"POST\"")).isTrue();
    assertThat(matches("method", "eq", "\"post\"")).isFalse();
    assertThat(matches("content_type", "contains", "\"json\"")).isTrue();
    assertThat(matches("source_ip", "eq", "\"203.0.113.7\"")).isTrue();
    assertThat(matches("source_ip", "exists", "true")).isTrue();
    assertThat(matches(FilterInput.ofBody(ORDER), "content_type", "exists", "false")).isTrue();
  }

  @Test
  void pathsAreCaseSensitiveInTheBody() {
    assertThat(matches("payload.Type", "exists", "false")).isTrue();
  }

  @Test
  void aNonJsonBodyHasNoBodyFieldsButKeepsTheEnvelope() {
    FilterInput text = new FilterInput(null, Map.of(), "POST", "text/plain", "10.0.0.1");
    assertThat(matches(text, "payload.type", "exists", "false")).isTrue();
    assertThat(matches(text, "payload.type", "neq", "\"x\"")).isTrue();
    assertThat(matches(text, "payload.type", "eq", "\"x\"")).isFalse();
    assertThat(matches(text, "content_type", "eq", "\"text/plain\"")).isTrue();
  }

  @Test
  void bodiesThatAreNotObjectsNeverMatchFieldPaths() {
    FilterInput array = FilterInput.ofBody(Json.parse("[1,2]"));
    assertThat(matches(array, "payload.0", "eq", "1")).isTrue();
    assertThat(matches(array, "payload.a", "exists", "false")).isTrue();
    FilterInput scalar = FilterInput.ofBody(Json.parse("\"text\""));
    assertThat(matches(scalar, "payload", "eq", "\"text\"")).isTrue();
    assertThat(matches(scalar, "payload.a", "exists", "false")).isTrue();
  }

  @Test
  void rulesAreAndCombinedAndNoRulesMatchEverything() {
    String both =
        "[{\"field\":\"payload.type\",\"op\":\"eq\",\"value\":\"order.created\"},"
            + "{\"field\":\"payload.data.amount\",\"op\":\"gt\",\"value\":1000}]";
    String second =
        "[{\"field\":\"payload.type\",\"op\":\"eq\",\"value\":\"order.created\"},"
            + "{\"field\":\"payload.data.amount\",\"op\":\"gt\",\"value\":5000}]";
    assertThat(CompiledFilter.compile(both).matches(INPUT)).isTrue();
    assertThat(CompiledFilter.compile(second).matches(INPUT)).isFalse();
    assertThat(CompiledFilter.compile("[]").matches(INPUT)).isTrue();
    assertThat(CompiledFilter.compile((String) null)).isSameAs(CompiledFilter.MATCH_ALL);
    assertThat(CompiledFilter.MATCH_ALL.matches(new FilterInput(null, null, null, null, null)))
        .isTrue();
  }

  @Test
  void readsAStoredEvent() {
    Instant now = Instant.parse("2026-03-01T14:30:00Z");
    byte[] body = "{\"type\":\"invoice.paid\"}".getBytes(StandardCharsets.UTF_8);
    EventRecord event =
        new EventRecord(
            "evt_1",
            "org_1",
            "env_1",
            "src_1",
            "POST",
            "/",
            Map.of("stripe-signature", List.of("t=1")),
            Map.of(),
            "application/json",
            "198.51.100.2",
            body.length,
            body,
            null,
            null,
            EventStatus.RECEIVED,
            null,
            null,
            "verified",
            now,
            null,
            now);
    FilterInput input = FilterInput.of(event, Json.parseOrNull(event.body()));
    String rules =
        "[{\"field\":\"payload.type\",\"op\":\"eq\",\"value\":\"invoice.paid\"},"
            + "{\"field\":\"headers.Stripe-Signature\",\"op\":\"exists\",\"value\":true},"
            + "{\"field\":\"source_ip\",\"op\":\"eq\",\"value\":\"198.51.100.2\"}]";
    assertThat(CompiledFilter.compile(rules).matches(input)).isTrue();
  }

  @Test
  void aCompiledFilterIsSharedSafelyAcrossThreads() throws Exception {
    CompiledFilter filter =
        CompiledFilter.compile("[{\"field\":\"payload.n\",\"op\":\"gte\",\"value\":500}]");
    var pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> counts = new ArrayList<>();
      for (int t = 0; t < 4; t++) {
        counts.add(
            pool.submit(
                () -> {
                  int matched = 0;
                  for (int n = 0; n < 1000; n++) {
                    JsonNode body = Json.MAPPER.createObjectNode().put("n", n);
                    if (filter.matches(FilterInput.ofBody(body))) {
                      matched++;
                    }
                  }
                  return matched;
                }));
      }
      for (var count : counts) {
        assertThat(count.get(10, TimeUnit.SECONDS)).isEqualTo(500);
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
