package io.hookstream.servlet.ws.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.json.HookstreamJson;
import io.hookstream.spi.Principal;
import io.hookstream.stream.StreamChannels;
import io.hookstream.stream.StreamSubscription;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code GET /v1/ws}: the organization's live stream. Greets with {@code welcome}, then answers
 * {@code subscribe} / {@code unsubscribe} with {@code subscribed} / {@code unsubscribed}, {@code
 * pong} silently, {@code ping} with {@code pong}, and anything else with {@code error}.
 */
public final class StreamEndpoint extends BaseEndpoint {

  /** Channels one connection may subscribe to at once; bounds what a client can make us hold. */
  static final int MAX_CHANNELS = 100;

  StreamEndpoint(WsRuntime runtime) {
    super(runtime);
  }

  @Override
  protected void opened(Session session, EndpointConfig config, WsConnection c) {
    Principal p = authorized(config, c);
    if (p == null) {
      return;
    }
    StreamSubscription s = openFor(p, c);
    ObjectNode welcome =
        Frames.object("welcome")
            .put("org_id", p.orgId())
            .put("env_id", p.envId())
            .put("heartbeat_interval_ms", runtime.options().heartbeatInterval().toMillis());
    ArrayNode channels = welcome.putArray("channels");
    for (String ch :
        new String[] {
          "events",
          "events:<source_id>",
          "deliveries",
          "deliveries:<destination_id>",
          "issues",
          "collections:<collection_id>",
          "replay:<job_id>",
          "<websocket destination channel_name>"
        }) {
      channels.add(ch);
    }
    s.send(Frames.write(welcome));
  }

  @Override
  protected void onText(StreamSubscription s, String text) {
    JsonNode msg = HookstreamJson.parseOrNull(text.getBytes(StandardCharsets.UTF_8));
    if (msg == null || !msg.isObject()) {
      s.send(Frames.error("message is not a JSON object", 400));
      return;
    }
    String type = msg.path("type").asText("");
    switch (type) {
      case "subscribe", "unsubscribe" -> channelRequest(s, type, msg.get("channel"));
      case "pong" -> {}
      case "ping" -> s.send(Frames.PONG);
      default ->
          s.send(
              Frames.write(
                  Frames.object("error")
                      .put(
                          "error",
                          type.isEmpty()
                              ? "type is required"
                              : "unknown message type '"
                                  + type
                                  + "': use subscribe, unsubscribe or pong")
                      .put("status", 400)));
    }
  }

  private static void channelRequest(StreamSubscription s, String type, JsonNode channelNode) {
    String channel = channelNode != null && channelNode.isTextual() ? channelNode.asText() : null;
    Optional<String> problem = StreamChannels.problem(channel);
    if (problem.isPresent()) {
      ObjectNode err = Frames.object("error").put("error", problem.get()).put("status", 400);
      if (channel != null) {
        err.put("channel", channel);
      }
      s.send(Frames.write(err));
      return;
    }
    if ("subscribe".equals(type)) {
      if (s.channelCount() >= MAX_CHANNELS && !s.channels().contains(channel)) {
        s.send(
            Frames.write(
                Frames.object("error")
                    .put(
                        "error",
                        "at most "
                            + MAX_CHANNELS
                            + " channels per connection; unsubscribe from one first")
                    .put("status", 400)
                    .put("channel", channel)));
        return;
      }
      s.subscribe(channel);
      s.send(Frames.write(Frames.object("subscribed").put("channel", channel)));
    } else {
      s.unsubscribe(channel);
      s.send(Frames.write(Frames.object("unsubscribed").put("channel", channel)));
    }
  }
}
