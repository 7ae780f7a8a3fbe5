package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.Hookstream;
import io.hookstream.delivery.IssueRetryResult;
import io.hookstream.issue.Issue;
import io.hookstream.issue.IssueSeverity;
import io.hookstream.issue.IssueSummary;
import io.hookstream.json.ResourceJson;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.spi.store.Scope;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * {@code /v1/issues}: the list (status {@code open} by default, or {@code acknowledged}, {@code
 * resolved}, {@code all}; {@code destination_id}; {@code severity}), the summary, the detail,
 * status and snooze changes, and bulk retry.
 */
final class IssuesResource {

  static final int DEFAULT_LIMIT = 50;
  private static final Set<String> STATUSES = Set.of("open", "acknowledged", "resolved", "all");

  private final Hookstream engine;

  IssuesResource(Hookstream engine) {
    this.engine = engine;
  }

  void register(Router router) {
    router
        .get("/v1/issues/summary", this::summary)
        .get("/v1/issues", this::list)
        .get("/v1/issues/:id", this::get)
        .patch("/v1/issues/:id", this::update)
        .post("/v1/issues/:id/retry", this::retry);
  }

  private ApiResponse list(ApiRequest r) {
    String status = r.query().string("status");
    status = status == null ? "open" : status;
    if (!STATUSES.contains(status)) {
      throw Query.badParam("status", "must be open, acknowledged, resolved or all");
    }
    String severity = r.query().string("severity");
    if (severity != null && !IssueSeverity.ALL.contains(severity)) {
      throw Query.badParam("severity", "must be critical, warning or info");
    }
    PageRequest pageRequest = Paging.request(r.query(), DEFAULT_LIMIT);
    Page<Issue> page =
        engine
            .issues()
            .list(
                r.scope(),
                status,
                ConnectionsResource.filterId(r, "destination_id", "dst"),
                severity,
                pageRequest);
    Map<String, String> names = new HashMap<>();
    ArrayNode items = JsonIo.MAPPER.createArrayNode();
    page.items().forEach(i -> items.add(render(r.scope(), i, names)));
    ObjectNode body = JsonIo.object();
    body.set("issues", items);
    body.set("pagination", Paging.pagination(pageRequest, page));
    return ApiResponse.ok(body);
  }

  private ApiResponse summary(ApiRequest r) {
    IssueSummary s = engine.issues().summary(r.scope());
    ObjectNode body = JsonIo.object();
    body.put("open", s.open());
    body.put("acknowledged", s.acknowledged());
    body.put("resolved", s.resolved());
    return ApiResponse.ok(body);
  }

  private ApiResponse get(ApiRequest r) {
    return ApiResponse.ok(
        render(r.scope(), engine.issues().get(r.scope(), id(r)), new HashMap<>()));
  }

  /** {@code status} and/or {@code snoozed_until} (ISO 8601, or null to unsnooze). */
  private ApiResponse update(ApiRequest r) throws IOException {
    String id = id(r);
    Fields f = r.jsonObject();
    String[] status = {null};
    Instant[] until = {null};
    boolean[] snooze = {false};
    f.readText(v -> status[0] = v, "status");
    f.readText(
        v -> {
          snooze[0] = true;
          if (v != null) {
            try {
              until[0] = Instant.parse(v);
            } catch (DateTimeParseException e) {
              f.error("snoozed_until", "must be an ISO 8601 timestamp or null");
            }
          }
        },
        "snoozed_until");
    f.throwIfInvalid();
    Issue issue = engine.issues().get(r.scope(), id);
    if (f.present("status") != null) {
      issue = engine.issues().updateStatus(r.scope(), id, status[0]);
    }
    if (snooze[0]) {
      issue = engine.issues().snooze(r.scope(), id, until[0]);
    }
    return ApiResponse.ok(render(r.scope(), issue, new HashMap<>()));
  }

  private ApiResponse retry(ApiRequest r) {
    IssueRetryResult result = engine.deliveries().retryIssue(r.scope(), id(r));
    ObjectNode body = JsonIo.object();
    body.put("retried", result.retried());
    body.put("total", result.total());
    return ApiResponse.ok(body);
  }

  private ObjectNode render(Scope scope, Issue i, Map<String, String> names) {
    return ResourceJson.issue(i)
        .put(
            "destination_name",
            DeliveryAttemptsResource.destinationName(engine, scope, i.destinationId(), names))
        .put("snoozed", engine.issues().snoozed(i));
  }

  private static String id(ApiRequest r) {
    return ResourceIds.require("issue", "iss", r.param("id"));
  }
}
