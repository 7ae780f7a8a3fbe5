package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.Hookstream;
import io.hookstream.delivery.CircuitState;
import io.hookstream.destination.Destination;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.destination.DestinationTemplate;
import io.hookstream.destination.DestinationTemplates;
import io.hookstream.json.ResourceJson;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import java.io.IOException;

/** {@code /v1/destinations}: CRUD and the destination templates. */
final class DestinationsResource {

  private final Hookstream engine;

  DestinationsResource(Hookstream engine) {
    this.engine = engine;
  }

  void register(Router router) {
    router
        .get("/v1/destinations/templates", r -> ApiResponse.ok(templates()))
        .get("/v1/destinations", this::list)
        .post("/v1/destinations", this::create)
        .get("/v1/destinations/:id", this::get)
        .patch("/v1/destinations/:id", this::update)
        .delete("/v1/destinations/:id", this::delete)
        .get(
            "/v1/destinations/:id/circuit",
            r -> ApiResponse.ok(circuit(engine.circuits().state(r.scope(), id(r)), true)))
        .post(
            "/v1/destinations/:id/circuit/reset",
            r -> ApiResponse.ok(circuit(engine.circuits().reset(r.scope(), id(r)), false)));
  }

  private ApiResponse list(ApiRequest r) {
    Page<Destination> page =
        engine.destinations().list(r.scope(), Paging.request(r.query(), PageRequest.DEFAULT_LIMIT));
    ArrayNode items = JsonIo.MAPPER.createArrayNode();
    page.items().forEach(d -> items.add(render(d)));
    return ApiResponse.ok(Paging.list("destinations", page, items));
  }

  private ApiResponse create(ApiRequest r) throws IOException {
    var changes = DestinationJson.changes(r.jsonObject());
    Destination d =
        engine.destinations().create(r.scope(), changes.apply(DestinationSpec.builder()).build());
    return ApiResponse.created(render(d));
  }

  private ApiResponse get(ApiRequest r) {
    return ApiResponse.ok(render(engine.destinations().require(r.scope(), id(r))));
  }

  private ApiResponse update(ApiRequest r) throws IOException {
    String id = id(r);
    var changes = DestinationJson.changes(r.jsonObject());
    return ApiResponse.ok(render(engine.destinations().update(r.scope(), id, changes)));
  }

  private ApiResponse delete(ApiRequest r) {
    engine.destinations().delete(r.scope(), id(r));
    return ApiResponse.success();
  }

  private ObjectNode render(Destination d) {
    return DestinationJson.render(d);
  }

  private static ObjectNode circuit(CircuitState c, boolean detail) {
    ObjectNode o = JsonIo.object();
    o.put("destination_id", c.destinationId());
    o.put("state", c.state());
    o.put("failure_count", c.failureCount());
    if (detail) {
      ResourceJson.instant(o, "last_failure_at", c.lastFailureAt());
      ResourceJson.instant(o, "opened_at", c.openedAt());
      o.put("concurrency_limit", c.concurrencyLimit());
    }
    return o;
  }

  static String id(ApiRequest r) {
    return ResourceIds.require("destination", "dst", r.param("id"));
  }

  private static ObjectNode templates() {
    ObjectNode body = JsonIo.object();
    ArrayNode items = body.putArray("templates");
    for (DestinationTemplate t : DestinationTemplates.list()) {
      ObjectNode o = items.addObject();
      o.put("id", t.id());
      o.put("name", t.name());
      o.put("type", t.type());
      o.put("description", t.description());
      ObjectNode config = o.putObject("config_template");
      config.put("url", t.url());
      config.put("method", "POST");
      config.set("headers", JsonIo.MAPPER.valueToTree(t.headers()));
      o.put("suggested_transform", t.suggestedTransform());
      o.put("docs_url", t.docsUrl());
    }
    return body;
  }
}
