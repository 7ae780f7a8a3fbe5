package io.hookstream.servlet.ws.internal;

import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.IngestResult;
import io.hookstream.json.HookstreamJson;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.Principal;
import io.hookstream.spi.store.Scope;
import io.hookstream.stream.StreamSubscription;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code GET /v1/ws/source/{source_id}?token=}: inbound ingestion. The API key's scope must own the
 * source, else the connection is closed with 1008. Each text message (a JSON document) is ingested
 * like an HTTP {@code POST} with {@code application/json} and answered {@code
 * {"type":"ack","event_id":..}} or {@code {"type":"error","error":..,"status":..}}.
 */
public final class SourceEndpoint extends BaseEndpoint {

  private static final Logger log = LoggerFactory.getLogger(SourceEndpoint.class);

  private volatile String sourceId;
  private volatile String url;
  private volatile String clientIp;

  SourceEndpoint(WsRuntime runtime) {
    super(runtime);
  }

  @Override
  protected int maxMessageBytes() {
    return runtime.hookstream().limits().maxBodyBytes();
  }

  @Override
  protected void opened(Session session, EndpointConfig config, WsConnection c) {
    Principal p = authorized(config, c);
    if (p == null) {
      return;
    }
    String id = session.getPathParameters().get("source_id");
    Scope scope = new Scope(p.orgId(), p.envId());
    if (id == null || runtime.hookstream().sources().get(scope, id).isEmpty()) {
      refuse(c, "source " + id + " not found in this API key's organization");
      return;
    }
    this.sourceId = id;
    this.url = withoutQuery(session.getRequestURI());
    this.clientIp = Handshake.clientAddress(config);
    openFor(p, c);
  }

  @Override
  protected void onText(StreamSubscription s, String text) {
    byte[] body = text.getBytes(StandardCharsets.UTF_8);
    if (HookstreamJson.parseOrNull(body) == null) {
      s.send(Frames.error("message is not valid JSON", 400));
      return;
    }
    IngestRequest request =
        IngestRequest.builder()
            .method("POST")
            .url(url)
            .header("content-type", "application/json")
            .body(body)
            .clientIp(clientIp)
            .build();
    try {
      IngestResult r = runtime.hookstream().ingest(sourceId, request);
      var ack = Frames.object("ack").put("event_id", r.eventId());
      if (r.duplicate()) {
        ack.put("duplicate", true);
      }
      s.send(Frames.write(ack));
    } catch (HookstreamException e) {
      s.send(Frames.error(e.getMessage(), e.code().httpStatus()));
    } catch (RuntimeException e) {
      log.warn("ingesting a WebSocket message for source {} failed", sourceId, e);
      s.send(Frames.error("internal error", 500));
    }
  }

  /** The request URL without its query string, which holds the API key. */
  private static String withoutQuery(URI uri) {
    if (uri == null) {
      return null;
    }
    String s = uri.toString();
    int q = s.indexOf('?');
    return q < 0 ? s : s.substring(0, q);
  }
}
