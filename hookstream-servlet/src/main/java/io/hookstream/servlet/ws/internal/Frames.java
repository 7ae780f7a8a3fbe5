package io.hookstream.servlet.ws.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.json.HookstreamJson;

/** The server's own frames (replies, heartbeats), as JSON text. Stateless. */
final class Frames {

  static final String PING = "{\"type\":\"ping\"}";
  static final String PONG = "{\"type\":\"pong\"}";

  private Frames() {}

  static ObjectNode object(String type) {
    return HookstreamJson.object().put("type", type);
  }

  static String error(String message, int status) {
    return HookstreamJson.write(object("error").put("error", message).put("status", status));
  }

  static String write(ObjectNode node) {
    return HookstreamJson.write(node);
  }
}
