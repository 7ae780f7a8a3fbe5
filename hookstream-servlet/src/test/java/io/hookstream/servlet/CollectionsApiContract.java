package io.hookstream.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.Hookstream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/collections}: every endpoint over real HTTP, fed by events ingested over real HTTP:
 * upserts with out-of-order protection, records, changelog, stats, schema, the three export
 * formats, backfill, the 422s and the foreign-organization 404s.
 */
abstract class CollectionsApiContract extends RestApiSuite {

  @Test
  void eventsBecomeRecordsThatCanBeListedSearchedExportedAndBackfilled() {
    String src = createSource(keyA, "{\"name\":\"Shop " + System.nanoTime() + "\"}");
    // Stored before the collection exists: only the backfill brings it in.
    ingest(src, order("ord_old", "2026-02-01T00:00:00Z", 1, "before"));
    clock.advance(Duration.ofSeconds(1));
    Client.Response created =
        api.post(
            "/v1/collections",
            keyA,
            "{\"name\":\"Orders\",\"slug\":\"orders-"
                + System.nanoTime()
                + "\",\"source_id\":\""
                + src
                + "\",\"primary_key_path\":\"data.id\",\"event_time_path\":\"data.updated_at\"}");
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    JsonNode collection = created.json().path("collection");
    String col = collection.path("id").asText();
    assertThat(col).matches("col_[0-9a-f]{32}");
    assertThat(collection.path("record_count").asInt()).isZero();
    assertThat(collection.path("primary_key_path").asText()).isEqualTo("data.id");

    ingest(src, order("ord_1", "2026-03-01T14:00:00Z", 7500, "Berlin, \"Mitte\""));
    ingest(src, order("ord_1", "2026-03-01T13:00:00Z", 4999, "late")); // older: skipped
    ingest(src, order("ord_2", "2026-03-01T12:00:00Z", 100, "Paris"));
    ingest(src, "{\"type\":\"ping\"}"); // no key
    awaitRecords(col, 2);

    JsonNode one = api.get("/v1/collections/" + col + "/records/ord_1", keyA).json();
    assertThat(one.at("/record/data/data/amount").asInt()).isEqualTo(7500);
    assertThat(one.at("/record/record_key").asText()).isEqualTo("ord_1");
    assertThat(one.at("/record/source_event_at").asText()).isEqualTo("2026-03-01T14:00:00Z");
    JsonNode log = api.get("/v1/collections/" + col + "/records/ord_1/changelog", keyA).json();
    assertThat(log.path("changelog")).hasSize(1);
    assertThat(log.at("/changelog/0/event_id").asText()).startsWith("evt_");
    assertError(api.get("/v1/collections/" + col + "/records/ord_9", keyA), 404);

    JsonNode page = api.get("/v1/collections/" + col + "/records?limit=1", keyA).json();
    assertThat(page.at("/records/0/primary_key").asText()).isEqualTo("ord_1");
    assertThat(page.path("has_more").asBoolean()).isTrue();
    JsonNode next =
        api.get(
                "/v1/collections/"
                    + col
                    + "/records?limit=1&cursor="
                    + page.path("next_cursor").asText(),
                keyA)
            .json();
    assertThat(next.at("/records/0/primary_key").asText()).isEqualTo("ord_2");
    assertThat(next.path("has_more").asBoolean()).isFalse();
    JsonNode found = api.get("/v1/collections/" + col + "/records?search=PARIS", keyA).json();
    assertThat(found.path("records").findValuesAsText("primary_key")).containsExactly("ord_2");

    JsonNode schema = api.get("/v1/collections/" + col + "/schema", keyA).json();
    assertThat(schema.path("sample_count").asInt()).isEqualTo(2);
    assertThat(schema.path("fields").findValuesAsText("name"))
        .containsExactly("data.amount", "data.city", "data.id", "data.updated_at", "type");
    assertThat(schema.at("/fields/0/type").asText()).isEqualTo("number");

    Client.Response csv = api.get("/v1/collections/" + col + "/export?format=csv", keyA);
    assertThat(csv.status()).isEqualTo(200);
    assertThat(csv.header("Content-Type")).startsWith("text/csv");
    assertThat(csv.text())
        .isEqualTo(
            "primary_key,data.amount,data.city,data.id,data.updated_at,type\r\n"
                + "ord_1,7500,\"Berlin, \"\"Mitte\"\"\",ord_1,2026-03-01T14:00:00Z,order\r\n"
                + "ord_2,100,Paris,ord_2,2026-03-01T12:00:00Z,order\r\n");
    String ndjson = api.get("/v1/collections/" + col + "/export", keyA).text();
    assertThat(ndjson.split("\n")).hasSize(2);
    assertThat(ndjson).startsWith("{\"primary_key\":\"ord_1\",\"data\":{");
    JsonNode array = api.get("/v1/collections/" + col + "/export?format=json", keyA).json();
    assertThat(array.findValuesAsText("primary_key")).containsExactly("ord_1", "ord_2");
    Client.Response xml = api.get("/v1/collections/" + col + "/export?format=xml", keyA);
    assertError(xml, 422);
    assertThat(fieldNames(xml)).containsExactly("format");

    Hookstream engine = fx.engine;
    sweep(engine);
    JsonNode stats = api.get("/v1/collections/" + col + "/stats", keyA).json();
    assertThat(stats.path("record_count").asInt()).isEqualTo(2);
    assertThat(stats.path("changelog_entries").asInt()).isEqualTo(2);
    assertThat(stats.path("skipped_missing_key").asInt()).isEqualTo(1);
    assertThat(stats.path("size_bytes").asInt()).isPositive();
    assertThat(stats.path("last_sync_at").isTextual()).isTrue();

    assertError(api.get("/v1/collections/" + col + "/backfill", keyA), 404);
    Client.Response started = api.post("/v1/collections/" + col + "/backfill", keyA, "");
    assertThat(started.status()).as(started.toString()).isEqualTo(202);
    assertThat(started.json().path("status").asText()).isEqualTo("running");
    assertThat(started.json().path("total").asInt()).isEqualTo(5);
    assertError(api.post("/v1/collections/" + col + "/backfill", keyA, ""), 409);
    clock.advance(Duration.ofSeconds(1));
    engine.runDueJobs();
    JsonNode backfill = api.get("/v1/collections/" + col + "/backfill", keyA).json();
    assertThat(backfill.path("status").asText()).isEqualTo("completed");
    assertThat(backfill.path("progress").asInt()).isEqualTo(5);
    assertThat(backfill.path("skipped").asInt()).isEqualTo(1);
    assertThat(backfill.path("applied").asInt()).isEqualTo(1);
    assertThat(api.get("/v1/collections/" + col + "/records/ord_old", keyA).status())
        .isEqualTo(200);

    Client.Response renamed =
        api.patch("/v1/collections/" + col, keyA, "{\"name\":\"All orders\"}");
    assertThat(renamed.status()).as(renamed.toString()).isEqualTo(200);
    assertThat(renamed.json().path("name").asText()).isEqualTo("All orders");
    assertThat(renamed.json().path("record_count").asInt()).isEqualTo(3);
    assertThat(api.get("/v1/collections", keyA).json().path("collections").findValuesAsText("id"))
        .contains(col);
    assertThat(api.delete("/v1/collections/" + col, keyA).json().path("success").asBoolean())
        .isTrue();
    assertError(api.get("/v1/collections/" + col, keyA), 404);
  }

  @Test
  void badInputIsA422NamingTheField() {
    String src = createSource(keyA, "{\"name\":\"Bad " + System.nanoTime() + "\"}");
    String foreign = createSource(keyB, "{\"name\":\"Theirs " + System.nanoTime() + "\"}");

    Client.Response badPath =
        api.post(
            "/v1/collections",
            keyA,
            "{\"name\":\"X\",\"source_id\":\"" + src + "\",\"primary_key_path\":\"data..id\"}");
    assertError(badPath, 422);
    assertThat(fieldNames(badPath)).containsExactly("primary_key_path");

    Client.Response foreignSource =
        api.post(
            "/v1/collections",
            keyA,
            "{\"name\":\"X\",\"source_id\":\"" + foreign + "\",\"primary_key_path\":\"id\"}");
    assertError(foreignSource, 422);
    assertThat(fieldNames(foreignSource)).containsExactly("source_id");

    Client.Response missing = api.post("/v1/collections", keyA, "{}");
    assertError(missing, 422);
    assertThat(fieldNames(missing)).contains("name", "source_id", "primary_key_path");
  }

  @Test
  void anotherOrganizationsCollectionIsNotFoundOnEveryEndpoint() {
    String src = createSource(keyA, "{\"name\":\"Mine " + System.nanoTime() + "\"}");
    String col =
        api.post(
                "/v1/collections",
                keyA,
                "{\"name\":\"Mine\",\"slug\":\"mine-"
                    + System.nanoTime()
                    + "\",\"source_id\":\""
                    + src
                    + "\",\"primary_key_path\":\"id\"}")
            .json()
            .at("/collection/id")
            .asText();
    ingest(src, "{\"id\":\"k1\"}");
    awaitRecords(col, 1);

    String base = "/v1/collections/" + col;
    List<Client.Response> answers = new ArrayList<>();
    for (String path :
        List.of(
            base,
            base + "/records",
            base + "/records/k1",
            base + "/records/k1/changelog",
            base + "/stats",
            base + "/schema",
            base + "/export",
            base + "/export?format=csv",
            base + "/backfill")) {
      answers.add(api.get(path, keyB));
    }
    answers.add(api.patch(base, keyB, "{\"name\":\"theirs\"}"));
    answers.add(api.post(base + "/backfill", keyB, ""));
    answers.add(api.delete(base, keyB));
    answers.forEach(r -> assertError(r, 404));
    assertThat(api.get("/v1/collections", keyB).json().path("collections").findValuesAsText("id"))
        .doesNotContain(col);
    assertThat(api.get(base + "/records/k1", keyA).status()).isEqualTo(200);
  }

  /** Past the sync sweep's grace period, then the engine's background jobs. */
  private void sweep(Hookstream engine) {
    clock.advance(Hookstream.Builder.DEFAULT_RECOVERY_GRACE.plusSeconds(10));
    engine.runDueJobs();
  }

  private void awaitRecords(String col, int n) {
    await(
        () ->
            api.get("/v1/collections/" + col + "/records", keyA).json().path("records").size()
                == n);
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("condition not met within 10 s").isLessThan(deadline);
      LockSupport.parkNanos(5_000_000);
    }
  }

  private static String order(String id, String updatedAt, int amount, String city) {
    return "{\"type\":\"order\",\"data\":{\"id\":\""
        + id
        + "\",\"updated_at\":\""
        + updatedAt
        + "\",\"amount\":"
        + amount
        + ",\"city\":\""
        + city.replace("\"", "\\\"")
        + "\"}}";
  }
}
