package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.Hookstream;
import io.hookstream.alert.ChannelTestResult;
import io.hookstream.alert.NotificationChannel;
import io.hookstream.alert.NotificationChannelSpec;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import java.io.IOException;

/**
 * {@code /v1/notification-channels}: CRUD, and {@code POST /:id/test}, which sends a test
 * notification at once and answers {@code {success, error}}. Deleting a channel that rules use is a
 * 409 naming them.
 */
final class NotificationChannelsResource {

  private final Hookstream engine;

  NotificationChannelsResource(Hookstream engine) {
    this.engine = engine;
  }

  void register(Router router) {
    router
        .get("/v1/notification-channels", this::list)
        .post("/v1/notification-channels", this::create)
        .get("/v1/notification-channels/:id", this::get)
        .patch("/v1/notification-channels/:id", this::update)
        .delete("/v1/notification-channels/:id", this::delete)
        .post("/v1/notification-channels/:id/test", this::test);
  }

  private ApiResponse list(ApiRequest r) {
    PageRequest pageRequest = Paging.request(r.query(), PageRequest.DEFAULT_LIMIT);
    Page<NotificationChannel> page = engine.notificationChannels().list(r.scope(), pageRequest);
    ArrayNode items = JsonIo.MAPPER.createArrayNode();
    page.items().forEach(c -> items.add(AlertJson.channel(c)));
    return ApiResponse.ok(Paging.list("channels", page, items));
  }

  private ApiResponse create(ApiRequest r) throws IOException {
    var changes = AlertJson.channelChanges(r.jsonObject());
    NotificationChannel c =
        engine
            .notificationChannels()
            .create(r.scope(), changes.apply(NotificationChannelSpec.builder()).build());
    return ApiResponse.created(AlertJson.channel(c));
  }

  private ApiResponse get(ApiRequest r) {
    return ApiResponse.ok(AlertJson.channel(engine.notificationChannels().get(r.scope(), id(r))));
  }

  private ApiResponse update(ApiRequest r) throws IOException {
    String id = id(r);
    var changes = AlertJson.channelChanges(r.jsonObject());
    NotificationChannel c =
        engine
            .notificationChannels()
            .update(r.scope(), id, changes.apply(NotificationChannelSpec.builder()).build());
    return ApiResponse.ok(AlertJson.channel(c));
  }

  private ApiResponse delete(ApiRequest r) {
    engine.notificationChannels().delete(r.scope(), id(r));
    return ApiResponse.ok(JsonIo.object().put("deleted", true));
  }

  private ApiResponse test(ApiRequest r) {
    ChannelTestResult result = engine.notificationChannels().test(r.scope(), id(r));
    ObjectNode body = JsonIo.object();
    body.put("success", result.success());
    body.put("error", result.error());
    return ApiResponse.ok(body);
  }

  private static String id(ApiRequest r) {
    return ResourceIds.require("notification channel", "nc", r.param("id"));
  }
}
