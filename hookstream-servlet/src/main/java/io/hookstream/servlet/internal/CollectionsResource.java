package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.Hookstream;
import io.hookstream.collection.Backfill;
import io.hookstream.collection.Collection;
import io.hookstream.collection.CollectionService;
import io.hookstream.collection.CollectionSpec;
import io.hookstream.collection.DataRecord;
import io.hookstream.collection.ExportFormat;
import io.hookstream.json.CollectionJson;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.spi.HookstreamException;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * {@code /v1/collections}: collections CRUD, their records (listed, searched, one by key, its
 * changelog), stats, inferred schema, export (streamed) and backfill. A record list's cursor is the
 * last key of the page, base64url-encoded.
 */
final class CollectionsResource {

  private final Hookstream engine;

  CollectionsResource(Hookstream engine) {
    this.engine = engine;
  }

  void register(Router router) {
    router
        .get("/v1/collections", this::list)
        .post("/v1/collections", this::create)
        .get("/v1/collections/:id", this::get)
        .patch("/v1/collections/:id", this::update)
        .delete("/v1/collections/:id", this::delete)
        .get("/v1/collections/:id/records", this::records)
        .get("/v1/collections/:id/records/:key", this::record)
        .get("/v1/collections/:id/records/:key/changelog", this::changelog)
        .get("/v1/collections/:id/stats", this::stats)
        .get("/v1/collections/:id/schema", this::schema)
        .get("/v1/collections/:id/export", this::export)
        .post("/v1/collections/:id/backfill", this::startBackfill)
        .get("/v1/collections/:id/backfill", this::backfill);
  }

  private ApiResponse list(ApiRequest r) {
    PageRequest pageRequest = Paging.request(r.query(), PageRequest.DEFAULT_LIMIT);
    Page<Collection> page = service().list(r.scope(), pageRequest);
    ArrayNode items = JsonIo.MAPPER.createArrayNode();
    page.items().forEach(c -> items.add(CollectionJson.collection(c)));
    return ApiResponse.ok(Paging.list("collections", page, items));
  }

  private ApiResponse create(ApiRequest r) throws IOException {
    Fields f = r.jsonObject();
    CollectionSpec.Builder b = CollectionSpec.builder();
    f.readText(b::sourceId, "source_id");
    UnaryOperator<CollectionSpec.Builder> changes = changes(f);
    Collection c = service().create(r.scope(), changes.apply(b).build());
    ObjectNode body = JsonIo.object();
    body.set("collection", CollectionJson.collection(c));
    return ApiResponse.created(body);
  }

  private ApiResponse get(ApiRequest r) {
    return ApiResponse.ok(CollectionJson.collection(service().require(r.scope(), id(r))));
  }

  private ApiResponse update(ApiRequest r) throws IOException {
    String id = id(r);
    Fields f = r.jsonObject();
    if (f.present("source_id") != null) {
      f.error("source_id", "cannot be changed; create another collection for another source");
    }
    UnaryOperator<CollectionSpec.Builder> changes = changes(f);
    return ApiResponse.ok(CollectionJson.collection(service().update(r.scope(), id, changes)));
  }

  private ApiResponse delete(ApiRequest r) {
    service().delete(r.scope(), id(r));
    return ApiResponse.success();
  }

  private ApiResponse records(ApiRequest r) {
    String id = id(r);
    int limit = Paging.limit(r.query().string("limit"), PageRequest.DEFAULT_LIMIT);
    PageRequest page = new PageRequest(keyCursor(r.query().string("cursor")), limit);
    Page<DataRecord> found = service().records(r.scope(), id, r.query().string("search"), page);
    ObjectNode body = JsonIo.object();
    ArrayNode items = body.putArray("records");
    found.items().forEach(d -> items.add(CollectionJson.record(d)));
    body.put("next_cursor", Paging.encode(found.nextAfter()));
    body.put("has_more", found.hasMore());
    return ApiResponse.ok(body);
  }

  private ApiResponse record(ApiRequest r) {
    String key = key(r);
    DataRecord d =
        service()
            .record(r.scope(), id(r), key)
            .orElseThrow(() -> HookstreamException.notFound("record", key));
    ObjectNode body = JsonIo.object();
    body.set("record", CollectionJson.record(d));
    return ApiResponse.ok(body);
  }

  private ApiResponse changelog(ApiRequest r) {
    int limit = Paging.limit(r.query().string("limit"), CollectionService.DEFAULT_CHANGELOG_LIMIT);
    ObjectNode body = JsonIo.object();
    ArrayNode items = body.putArray("changelog");
    service()
        .changelog(r.scope(), id(r), key(r), limit)
        .forEach(c -> items.add(CollectionJson.change(c)));
    return ApiResponse.ok(body);
  }

  private ApiResponse stats(ApiRequest r) {
    return ApiResponse.ok(CollectionJson.stats(service().stats(r.scope(), id(r))));
  }

  private ApiResponse schema(ApiRequest r) {
    return ApiResponse.ok(CollectionJson.schema(service().schema(r.scope(), id(r))));
  }

  private ApiResponse export(ApiRequest r) {
    String id = id(r);
    String name = r.query().string("format");
    ExportFormat format =
        name == null
            ? ExportFormat.NDJSON
            : ExportFormat.named(name)
                .orElseThrow(
                    () -> HookstreamException.invalid("format", "must be ndjson, json or csv"));
    service().require(r.scope(), id); // a 404 before the 200 is committed
    return ApiResponse.streamed(
        format.contentType(), Map.of(), out -> service().export(r.scope(), id, format, out));
  }

  private ApiResponse startBackfill(ApiRequest r) {
    Backfill b = service().startBackfill(r.scope(), id(r));
    ObjectNode body = CollectionJson.backfill(b);
    body.put("message", "Backfill started");
    return ApiResponse.of(202, body);
  }

  private ApiResponse backfill(ApiRequest r) {
    return ApiResponse.ok(CollectionJson.backfill(service().backfill(r.scope(), id(r))));
  }

  private CollectionService service() {
    return engine.collections();
  }

  /** The fields create and update share, then the 422 for every bad field read so far. */
  private static UnaryOperator<CollectionSpec.Builder> changes(Fields f) {
    Changes<CollectionSpec.Builder> c = new Changes<>();
    f.readText(c.set(CollectionSpec.Builder::name), "name");
    f.readText(c.set(CollectionSpec.Builder::slug), "slug");
    f.readText(c.set(CollectionSpec.Builder::primaryKeyPath), "primary_key_path");
    f.readText(c.set(CollectionSpec.Builder::eventTimePath), "event_time_path");
    f.throwIfInvalid();
    return c.toOperator();
  }

  private static String id(ApiRequest r) {
    return ResourceIds.require("collection", "col", r.param("id"));
  }

  /** The record key of the path, percent-decoded ('+' stays a plus). */
  private static String key(ApiRequest r) {
    String raw = r.param("key");
    try {
      return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw HookstreamException.notFound("record", ResourceIds.abbreviate(raw));
    }
  }

  /** A records cursor: the base64url of the last key of the previous page. */
  private static String keyCursor(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(raw.strip()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw Query.badParam(
          "cursor", "is not a cursor this API issued; pass a previous next_cursor unchanged");
    }
  }
}
