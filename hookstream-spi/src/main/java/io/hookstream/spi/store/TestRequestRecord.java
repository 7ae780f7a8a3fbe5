package io.hookstream.spi.store;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One request a test session recorded, exactly as it arrived: method, path, headers (names lower
 * case, order kept), query, content type, client IP and raw body. {@code provider} is the webhook
 * provider its headers identify (such as {@code stripe}), or null; {@code responseStatus} is the
 * status the session answered with. {@code note} is the user's annotation; {@code forward} is what
 * the forwarding target answered, null until it did (or when nothing was forwarded).
 */
public record TestRequestRecord(
    String id,
    String sessionId,
    String method,
    String path,
    Map<String, List<String>> headers,
    Map<String, List<String>> query,
    String contentType,
    String clientIp,
    byte[] body,
    Instant receivedAt,
    String provider,
    int responseStatus,
    String note,
    Forward forward) {

  /**
   * The forwarding outcome: the target's status (null when no answer came), the time it took, its
   * body (bounded), and why it failed when it did.
   */
  public record Forward(
      String url, Integer status, long latencyMs, String body, String error, Instant at) {}

  /** A copy with {@code newNote}. */
  public TestRequestRecord withNote(String newNote) {
    return new TestRequestRecord(
        id,
        sessionId,
        method,
        path,
        headers,
        query,
        contentType,
        clientIp,
        body,
        receivedAt,
        provider,
        responseStatus,
        newNote,
        forward);
  }

  /** A copy with the forwarding outcome. */
  public TestRequestRecord withForward(Forward newForward) {
    return new TestRequestRecord(
        id,
        sessionId,
        method,
        path,
        headers,
        query,
        contentType,
        clientIp,
        body,
        receivedAt,
        provider,
        responseStatus,
        note,
        newForward);
  }
}
