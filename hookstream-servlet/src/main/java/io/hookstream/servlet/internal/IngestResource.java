package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.Hookstream;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.IngestResult;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.Collections;

/**
 * {@code ANY /v1/ingest/:source_id}: public. Hands the request to the engine exactly as it
 * arrived (method, full URL, headers, query, raw body bytes, remote address) and answers {@code
 * {event_id, source_id}}, plus {@code duplicate: true} for a duplicate. The body is read with the
 * engine's size limit, refused with 413 before it is all read.
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
    String sourceId = ResourceIds.require("source", "src", r.param("source_id"));
    HttpServletRequest http = r.http();
    byte[] body = r.body(engine.limits().maxBodyBytes());
    IngestRequest.Builder b = IngestRequest.builder()
        .method(http.getMethod())
        .url(fullUrl(http))
        .body(body)
        .clientIp(http.getRemoteAddr());
    for (String name : Collections.list(http.getHeaderNames())) {
      for (String value : Collections.list(http.getHeaders(name))) {
        b.header(name, value);
      }
    }
    r.query().all().forEach((name, values) -> values.forEach(v -> b.queryParam(name, v)));
    IngestResult result = engine.ingest(sourceId, b.build());
    ObjectNode out = JsonIo.object();
    out.put("event_id", result.eventId());
    out.put("source_id", result.sourceId());
    if (result.duplicate()) {
      out.put("duplicate", true);
    }
    return ApiResponse.ok(out);
  }

  private static String fullUrl(HttpServletRequest http) {
    String query = http.getQueryString();
    StringBuffer url = http.getRequestURL();
    return query == null ? url.toString() : url.append('?').append(query).toString();
  }
}
