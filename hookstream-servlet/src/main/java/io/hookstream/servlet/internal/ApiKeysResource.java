package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.Hookstream;
import io.hookstream.auth.ApiKeyMode;
import io.hookstream.auth.CreatedApiKey;
import io.hookstream.json.ResourceJson;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.spi.store.ApiKeyRecord;
import java.io.IOException;
import java.util.Locale;

/**
 * {@code /v1/auth/api-keys}: create (the plaintext key is in this response only), list (prefix
 * only), revoke. Keys belong to the caller's environment.
 */
final class ApiKeysResource {

  private final Hookstream engine;

  ApiKeysResource(Hookstream engine) {
    this.engine = engine;
  }

  void register(Router router) {
    router
        .post("/v1/auth/api-keys", this::create)
        .get("/v1/auth/api-keys", this::list)
        .delete("/v1/auth/api-keys/:id", this::revoke);
  }

  private ApiResponse create(ApiRequest r) throws IOException {
    Fields f = r.jsonObject();
    String[] name = {null};
    String[] mode = {null};
    f.readText(v -> name[0] = v, "name");
    f.readText(v -> mode[0] = v, "mode");
    ApiKeyMode keyMode = ApiKeyMode.LIVE;
    if (mode[0] != null) {
      switch (mode[0].toLowerCase(Locale.ROOT)) {
        case "live" -> keyMode = ApiKeyMode.LIVE;
        case "test" -> keyMode = ApiKeyMode.TEST;
        default -> f.error("mode", "must be live or test");
      }
    }
    f.throwIfInvalid();
    CreatedApiKey created = engine.apiKeys().create(r.scope(), name[0], keyMode);
    ObjectNode body = render(created.record());
    body.put("key", created.key());
    return ApiResponse.created(body);
  }

  private ApiResponse list(ApiRequest r) {
    Page<ApiKeyRecord> page =
        engine.apiKeys().list(r.scope(), Paging.request(r.query(), PageRequest.DEFAULT_LIMIT));
    ArrayNode items = JsonIo.MAPPER.createArrayNode();
    page.items().forEach(k -> items.add(render(k)));
    return ApiResponse.ok(Paging.list("api_keys", page, items));
  }

  private ApiResponse revoke(ApiRequest r) {
    engine.apiKeys().revoke(r.scope(), ResourceIds.require("api key", "ak", r.param("id")));
    return ApiResponse.success();
  }

  private static ObjectNode render(ApiKeyRecord k) {
    ObjectNode o = JsonIo.object();
    o.put("id", k.id());
    o.put("name", k.name());
    o.put("key_prefix", k.keyPrefix());
    if (k.scopes() == null) {
      o.putNull("scopes");
    } else {
      k.scopes().forEach(o.putArray("scopes")::add);
    }
    o.put("request_count", k.requestCount());
    o.put("revoked", k.revoked());
    ResourceJson.instant(o, "created_at", k.createdAt());
    ResourceJson.instant(o, "last_used_at", k.lastUsedAt());
    ResourceJson.instant(o, "revoked_at", k.revokedAt());
    return o;
  }
}
