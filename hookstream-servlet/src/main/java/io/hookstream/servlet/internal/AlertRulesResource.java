package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.Hookstream;
import io.hookstream.alert.AlertRule;
import io.hookstream.alert.AlertRuleSpec;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import java.io.IOException;

/**
 * {@code /v1/alert-rules}: CRUD; {@code GET /:id} adds the rule's trigger history, newest first.
 * Rules answer wrapped in {@code alert_rule}, as the seed does.
 */
final class AlertRulesResource {

  private final Hookstream engine;

  AlertRulesResource(Hookstream engine) {
    this.engine = engine;
  }

  void register(Router router) {
    router
        .get("/v1/alert-rules", this::list)
        .post("/v1/alert-rules", this::create)
        .get("/v1/alert-rules/:id", this::get)
        .patch("/v1/alert-rules/:id", this::update)
        .delete("/v1/alert-rules/:id", this::delete);
  }

  private ApiResponse list(ApiRequest r) {
    PageRequest pageRequest = Paging.request(r.query(), PageRequest.DEFAULT_LIMIT);
    Page<AlertRule> page = engine.alertRules().list(r.scope(), pageRequest);
    ArrayNode items = JsonIo.MAPPER.createArrayNode();
    page.items().forEach(a -> items.add(AlertJson.rule(a)));
    return ApiResponse.ok(Paging.list("alert_rules", page, items));
  }

  private ApiResponse create(ApiRequest r) throws IOException {
    var changes = AlertJson.ruleChanges(r.jsonObject());
    AlertRule rule =
        engine.alertRules().create(r.scope(), changes.apply(AlertRuleSpec.builder()).build());
    return ApiResponse.created(wrapped(rule));
  }

  private ApiResponse get(ApiRequest r) {
    String id = id(r);
    ObjectNode body = wrapped(engine.alertRules().get(r.scope(), id));
    ArrayNode history = body.putArray("history");
    engine.alertRules().history(r.scope(), id).forEach(t -> history.add(AlertJson.trigger(t)));
    return ApiResponse.ok(body);
  }

  private ApiResponse update(ApiRequest r) throws IOException {
    String id = id(r);
    var changes = AlertJson.ruleChanges(r.jsonObject());
    AlertRule rule =
        engine.alertRules().update(r.scope(), id, changes.apply(AlertRuleSpec.builder()).build());
    return ApiResponse.ok(wrapped(rule));
  }

  private ApiResponse delete(ApiRequest r) {
    engine.alertRules().delete(r.scope(), id(r));
    return ApiResponse.ok(JsonIo.object().put("deleted", true));
  }

  private static ObjectNode wrapped(AlertRule rule) {
    ObjectNode body = JsonIo.object();
    body.set("alert_rule", AlertJson.rule(rule));
    return body;
  }

  private static String id(ApiRequest r) {
    return ResourceIds.require("alert rule", "ar", r.param("id"));
  }
}
