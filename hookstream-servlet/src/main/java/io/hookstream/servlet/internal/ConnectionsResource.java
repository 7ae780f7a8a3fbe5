package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.Hookstream;
import io.hookstream.connection.Connection;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.Destination;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.source.Source;
import io.hookstream.spi.store.Scope;
import java.io.IOException;

/** {@code /v1/connections}: CRUD, with the source's and destination's names in every answer. */
final class ConnectionsResource {

  private final Hookstream engine;

  ConnectionsResource(Hookstream engine) {
    this.engine = engine;
  }

  void register(Router router) {
    router
        .get("/v1/connections", this::list)
        .post("/v1/connections", this::create)
        .get("/v1/connections/:id", this::get)
        .patch("/v1/connections/:id", this::update)
        .delete("/v1/connections/:id", this::delete);
  }

  private ApiResponse list(ApiRequest r) {
    String sourceId = filterId(r, "source_id", "src");
    String destinationId = filterId(r, "destination_id", "dst");
    PageRequest pageRequest = Paging.request(r.query(), PageRequest.DEFAULT_LIMIT);
    ArrayNode items = JsonIo.MAPPER.createArrayNode();
    Page<Connection> page =
        engine.connections().list(r.scope(), sourceId, destinationId, pageRequest);
    page.items().forEach(c -> items.add(render(r.scope(), c)));
    return ApiResponse.ok(Paging.list("connections", page, items));
  }

  private ApiResponse create(ApiRequest r) throws IOException {
    var changes = ConnectionJson.changes(r.jsonObject());
    Connection c =
        engine.connections().create(r.scope(), changes.apply(ConnectionSpec.builder()).build());
    return ApiResponse.created(render(r.scope(), c));
  }

  private ApiResponse get(ApiRequest r) {
    return ApiResponse.ok(render(r.scope(), engine.connections().require(r.scope(), id(r))));
  }

  private ApiResponse update(ApiRequest r) throws IOException {
    String id = id(r);
    var changes = ConnectionJson.changes(r.jsonObject());
    return ApiResponse.ok(render(r.scope(), engine.connections().update(r.scope(), id, changes)));
  }

  private ApiResponse delete(ApiRequest r) {
    engine.connections().delete(r.scope(), id(r));
    return ApiResponse.success();
  }

  private ObjectNode render(Scope scope, Connection c) {
    String source = engine.sources().get(scope, c.sourceId()).map(Source::name).orElse(null);
    String destination =
        engine.destinations().get(scope, c.destinationId()).map(Destination::name).orElse(null);
    return ConnectionJson.render(c, source, destination);
  }

  /** A list filter id; one that cannot be an id is a 400 naming the parameter. */
  static String filterId(ApiRequest r, String param, String prefix) {
    String id = r.query().string(param);
    if (id != null && !ResourceIds.looksLike(prefix, id)) {
      throw Query.badParam(param, "must be an id starting with " + prefix + "_");
    }
    return id;
  }

  private static String id(ApiRequest r) {
    return ResourceIds.require("connection", "conn", r.param("id"));
  }
}
