package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.Hookstream;
import io.hookstream.json.ResourceJson;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.replay.BulkRetrySpec;
import io.hookstream.replay.ReplayJob;
import io.hookstream.replay.ReplaySpec;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.function.Consumer;

/**
 * {@code /v1/replay}: start a replay, read one job, list them, cancel one; and {@code POST
 * /v1/events/retry}, the bulk retry, whose job is read and cancelled under {@code /v1/replay/:id}
 * too (its {@code kind} is {@code retry}). Every answer wraps the job in {@code {"job": ...}}.
 */
final class ReplayResource {

  private final Hookstream engine;

  ReplayResource(Hookstream engine) {
    this.engine = engine;
  }

  void register(Router router) {
    router
        .post("/v1/replay", this::replay)
        .get("/v1/replay", this::list)
        .get("/v1/replay/:id", this::get)
        .post("/v1/replay/:id/cancel", this::cancel)
        .post("/v1/events/retry", this::retry);
  }

  private ApiResponse replay(ApiRequest r) throws IOException {
    Fields f = r.jsonObject();
    ReplaySpec.Builder b = ReplaySpec.builder();
    f.readText(b::destinationId, "destination_id");
    readWindow(f, b::sourceId, b::from, b::to, b::rateLimit, b::maxEvents);
    return ApiResponse.created(wrap(engine.replays().replay(r.scope(), b.build())));
  }

  private ApiResponse retry(ApiRequest r) throws IOException {
    Fields f = r.jsonObject();
    BulkRetrySpec.Builder b = BulkRetrySpec.builder();
    f.readText(b::status, "status");
    f.readText(b::destinationId, "destination_id");
    f.readText(b::issueId, "issue_id");
    readWindow(f, b::sourceId, b::from, b::to, b::rateLimit, b::maxEvents);
    return ApiResponse.created(wrap(engine.replays().retry(r.scope(), b.build())));
  }

  private ApiResponse get(ApiRequest r) {
    return ApiResponse.ok(wrap(engine.replays().get(r.scope(), id(r))));
  }

  private ApiResponse list(ApiRequest r) {
    PageRequest pageRequest = Paging.request(r.query(), PageRequest.DEFAULT_LIMIT);
    Page<ReplayJob> page = engine.replays().list(r.scope(), pageRequest);
    ArrayNode items = JsonIo.MAPPER.createArrayNode();
    page.items().forEach(j -> items.add(ResourceJson.replayJob(j)));
    return ApiResponse.ok(Paging.list("jobs", page, items));
  }

  private ApiResponse cancel(ApiRequest r) {
    return ApiResponse.ok(wrap(engine.replays().cancel(r.scope(), id(r))));
  }

  /** The fields both kinds of job take, then the 422 for every bad field read so far. */
  private static void readWindow(
      Fields f,
      Consumer<String> sourceId,
      Consumer<Instant> from,
      Consumer<Instant> to,
      Consumer<Integer> rateLimit,
      Consumer<Integer> maxEvents) {
    f.readText(sourceId, "source_id");
    readInstant(f, from, "from");
    readInstant(f, to, "to");
    f.readInt(rateLimit, "rate_limit");
    f.readInt(maxEvents, "max_events");
    f.throwIfInvalid();
  }

  /** An ISO 8601 instant; anything else is a field error naming {@code name}. */
  private static void readInstant(Fields f, Consumer<Instant> to, String name) {
    f.readText(
        v -> {
          if (v == null) {
            return;
          }
          try {
            to.accept(Instant.parse(v));
          } catch (DateTimeParseException e) {
            f.error(name, "must be an ISO 8601 timestamp such as 2026-03-01T00:00:00Z");
          }
        },
        name);
  }

  private static ObjectNode wrap(ReplayJob job) {
    ObjectNode body = JsonIo.object();
    body.set("job", ResourceJson.replayJob(job));
    return body;
  }

  private static String id(ApiRequest r) {
    return ResourceIds.require("replay job", "rpl", r.param("id"));
  }
}
