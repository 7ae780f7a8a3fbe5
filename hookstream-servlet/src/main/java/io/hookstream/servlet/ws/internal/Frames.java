package io.hookstream.servlet.ws.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.internal.Json;

/** The server's own frames (replies, heartbeats), as JSON text. Stateless. */
final class Frames {

  static final String PING = "{\"type\":\"ping\"}";
  static final String PONG = "{\"type\":\"pong\"}";

  private Frames() {}

  static ObjectNode object(String type) {
    return Json.MAPPER.createObjectNode().put("type", type);
  }

  static String error(String message, int status) {
    return Json.write(object("error").put("error", message).put("status", status));
  }

  static String write(ObjectNode node) {
    return Json.write(node);
  }
}
