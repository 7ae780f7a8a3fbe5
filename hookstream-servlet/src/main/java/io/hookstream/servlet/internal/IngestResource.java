package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.Hookstream;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.IngestResult;
import io.hookstream.testsession.TestResponse;
import io.hookstream.testsession.TestSessionService;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;

/**
 * {@code ANY /v1/ingest/:source_id}: public. An id of a test session's shape (32 hex) goes to that
 * session, which records the request and answers with its configured response. Hands the request to
 * the engine exactly as it arrived (method, full URL, headers, query, raw body bytes, remote
 * address) and answers {@code {event_id, source_id}}, plus {@code duplicate: true} for a duplicate.
 * The body is read with the engine's size limit, refused with 413 before it is all read.
 */
final class IngestResource {

  private final Hookstream engine;

  IngestResource(Hookstream engine) {
    this.engine = engine;
  }

  void register(Router router) {
    router.add(Router.ANY, "/v1/ingest/:source_id", true, this::ingest);
  }

  private ApiResponse ingest(ApiRequest r) throws IOException {
    String id = r.param("source_id");
    if (TestSessionService.isSessionId(id)) {
      TestResponse answer = engine.testSessions().receive(id, request(r));
      return ApiResponse.raw(
          answer.status(),
          answer.contentType(),
          answer.body().getBytes(StandardCharsets.UTF_8),
          answer.headers());
    }
    String sourceId = ResourceIds.require("source", "src", id);
    return new ApiResponse(200, answer(engine.ingest(sourceId, request(r))));
  }

  /** The request exactly as it arrived, its body read with the engine's size limit. */
  private IngestRequest request(ApiRequest r) throws IOException {
    HttpServletRequest http = r.http();
    byte[] body = r.body(engine.limits().maxBodyBytes());
    IngestRequest.Builder b =
        IngestRequest.builder()
            .method(http.getMethod())
            .url(fullUrl(http))
            .body(body)
            .clientIp(http.getRemoteAddr());
    for (Enumeration<String> names = http.getHeaderNames(); names.hasMoreElements(); ) {
      String name = names.nextElement();
      for (Enumeration<String> values = http.getHeaders(name); values.hasMoreElements(); ) {
        b.header(name, values.nextElement());
      }
    }
    r.query().all().forEach((name, values) -> values.forEach(v -> b.queryParam(name, v)));
    return b.build();
  }

  /**
   * {@code {"event_id":..,"source_id":..}} (+ {@code "duplicate":true}), written by hand: it is the
   * answer to every webhook. Ids the engine made need no escaping; anything else goes through the
   * mapper.
   */
  static byte[] answer(IngestResult result) {
    if (!plain(result.eventId()) || !plain(result.sourceId())) {
      ObjectNode out = JsonIo.object();
      out.put("event_id", result.eventId());
      out.put("source_id", result.sourceId());
      if (result.duplicate()) {
        out.put("duplicate", true);
      }
      return JsonIo.write(out);
    }
    String json =
        "{\"event_id\":\""
            + result.eventId()
            + "\",\"source_id\":\""
            + result.sourceId()
            + (result.duplicate() ? "\",\"duplicate\":true}" : "\"}");
    return json.getBytes(StandardCharsets.US_ASCII);
  }

  /** Letters, digits, {@code _} and {@code -} only: safe inside a JSON string as they are. */
  private static boolean plain(String id) {
    if (id == null) {
      return false;
    }
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String fullUrl(HttpServletRequest http) {
    String query = http.getQueryString();
    StringBuffer url = http.getRequestURL();
    return query == null ? url.toString() : url.append('?').append(query).toString();
  }
}
