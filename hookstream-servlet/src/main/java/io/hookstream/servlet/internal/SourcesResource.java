package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.Hookstream;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.source.Source;
import io.hookstream.source.SourceSpec;
import io.hookstream.verify.SourceTemplates;
import java.io.IOException;

/** {@code /v1/sources}: CRUD, the ingest URL of each, and the 15 templates. */
final class SourcesResource {

  private final Hookstream engine;

  SourcesResource(Hookstream engine) {
    this.engine = engine;
  }

  void register(Router router) {
    router
        .get("/v1/sources/templates", r -> templates())
        .get("/v1/sources", this::list)
        .post("/v1/sources", this::create)
        .get("/v1/sources/:id", this::get)
        .patch("/v1/sources/:id", this::update)
        .delete("/v1/sources/:id", this::delete);
  }

  private ApiResponse list(ApiRequest r) {
    Page<Source> page =
        engine.sources().list(r.scope(), Paging.request(r.query(), PageRequest.DEFAULT_LIMIT));
    ArrayNode items = JsonIo.MAPPER.createArrayNode();
    page.items().forEach(s -> items.add(render(r, s, true)));
    return ApiResponse.ok(Paging.list("sources", page, items));
  }

  private ApiResponse create(ApiRequest r) throws IOException {
    var changes = SourceJson.changes(r.jsonObject());
    Source s = engine.sources().create(r.scope(), changes.apply(SourceSpec.builder()).build());
    return ApiResponse.created(render(r, s, false));
  }

  private ApiResponse get(ApiRequest r) {
    return ApiResponse.ok(render(r, engine.sources().require(r.scope(), id(r)), true));
  }

  private ApiResponse update(ApiRequest r) throws IOException {
    String id = id(r);
    var changes = SourceJson.changes(r.jsonObject());
    return ApiResponse.ok(render(r, engine.sources().update(r.scope(), id, changes), false));
  }

  private ApiResponse delete(ApiRequest r) {
    engine.sources().delete(r.scope(), id(r));
    return ApiResponse.success();
  }

  private ApiResponse templates() {
    ObjectNode body = JsonIo.object();
    ArrayNode items = body.putArray("templates");
    SourceTemplates.list().forEach(t -> items.add(SourceJson.renderTemplate(t)));
    return ApiResponse.ok(body);
  }

  private ObjectNode render(ApiRequest r, Source s, boolean withCount) {
    return SourceJson.render(
        s,
        engine.sources().ingestUrl(s.id()),
        withCount ? engine.sources().eventCount(r.scope(), s.id()) : null);
  }

  private static String id(ApiRequest r) {
    return ResourceIds.require("source", "src", r.param("id"));
  }
}
