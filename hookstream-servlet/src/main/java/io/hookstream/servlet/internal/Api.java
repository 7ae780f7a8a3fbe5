package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.Hookstream;
import io.hookstream.servlet.RateLimit;
import io.hookstream.servlet.ServletOptions;
import io.hookstream.spi.Authenticator;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.Principal;
import io.hookstream.spi.store.Scope;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The request cycle of the binding: request id, routing, authentication, rate limiting, the
 * handler, rendering, and the mapping of every failure to a JSON error. Thread-safe.
 */
public final class Api {

  /** What a 503 asks clients to wait, in seconds: a database restart takes about this long. */
  private static final String RETRY_AFTER_UNAVAILABLE_SECONDS = "5";

  private static final String JSON_UTF8 = "application/json;charset=utf-8";

  private static final Logger LOG = LoggerFactory.getLogger(Api.class);

  private final Hookstream engine;
  private final ServletOptions options;
  private final String prefix;
  private final Router router = new Router();
  private final ApiRateLimiter limiter;

  public Api(Hookstream engine, ServletOptions options) {
    this.engine = engine;
    this.options = options;
    this.prefix = options.mapping().substring(0, options.mapping().length() - 2);
    this.limiter = new ApiRateLimiter(engine.keyValueStore(), engine.clock());
    new HealthResource(engine).register(router);
    new IngestResource(engine).register(router);
    new ApiKeysResource(engine).register(router);
    new SourcesResource(engine).register(router);
    new DestinationsResource(engine).register(router);
    new ConnectionsResource(engine).register(router);
    // before /v1/events/:id, so that POST /v1/events/retry is the bulk retry
    new ReplayResource(engine).register(router);
    new EventsResource(engine).register(router);
    new DeliveryAttemptsResource(engine).register(router);
    new IssuesResource(engine).register(router);
    new TopicsResource(engine).register(router);
    new TestSessionsResource(engine).register(router);
    new ToolsResource(engine).register(router);
    new MetricsResource(engine).register(router);
    new CollectionsResource(engine).register(router);
    new NotificationChannelsResource(engine).register(router);
    new AlertRulesResource(engine).register(router);
  }

  /** Serves one request; never throws for a request it could not serve, it answers it. */
  public void handle(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String requestId = "req_" + HexFormat.of().formatHex(randomBytes());
    resp.setHeader("X-Request-Id", requestId);
    resp.setHeader("Cache-Control", "no-store");
    String method = req.getMethod().toUpperCase(Locale.ROOT);
    boolean head = method.equals("HEAD");
    try {
      List<String> path = Router.segments(pathWithin(req));
      Router.Match match =
          !options.publicTools() && PublicTools.covers(path)
              ? new Router.NotFound()
              : router.match(head ? "GET" : method, path);
      if (match instanceof Router.Found found) {
        serve(req, resp, found, head);
      } else if (match instanceof Router.NotAllowed na) {
        limitByAddress(req, resp);
        String allow = String.join(", ", na.allowed());
        resp.setHeader("Allow", allow);
        if (method.equals("OPTIONS")) {
          resp.setStatus(204);
          return;
        }
        writeError(
            resp,
            405,
            new HookstreamException(
                ErrorCode.BAD_REQUEST,
                "method " + method + " is not allowed here; allowed: " + allow),
            requestId,
            head);
      } else {
        limitByAddress(req, resp);
        throw new HookstreamException(
            ErrorCode.NOT_FOUND,
            "no such endpoint: " + method + " " + ResourceIds.abbreviate(pathWithin(req)));
      }
    } catch (HookstreamException e) {
      writeError(resp, e.code().httpStatus(), e, requestId, head);
    } catch (RuntimeException e) {
      LOG.error("request {} {} {} failed unexpectedly", requestId, method, req.getRequestURI(), e);
      writeError(
          resp,
          500,
          new HookstreamException(
              ErrorCode.INTERNAL,
              "internal error; quote request_id " + requestId + " when reporting it"),
          requestId,
          head);
    }
  }

  private void serve(
      HttpServletRequest req, HttpServletResponse resp, Router.Found found, boolean head)
      throws IOException {
    Scope scope = null;
    if (found.route().open()) {
      limitByAddress(req, resp);
      if (found.route().pattern().startsWith(ToolsResource.PREFIX) && options.rateLimiting()) {
        limit(resp, "tools-ip:" + ClientAddress.of(engine, req), options.toolsLimit());
      }
    } else {
      Optional<Principal> principal = engine.authenticate(credentials(req));
      if (principal.isEmpty()) {
        limitByAddress(req, resp);
        throw new HookstreamException(
            ErrorCode.UNAUTHORIZED,
            hasKey(req)
                ? "invalid or revoked API key"
                : "authentication required: send an API key in X-API-Key (or Authorization: Bearer)");
      }
      scope = new Scope(principal.get().orgId(), principal.get().envId());
      limit(resp, "org:" + scope.orgId(), options.authenticatedLimit());
    }
    ApiRequest request =
        new ApiRequest(
            req,
            found.params(),
            scope,
            Query.parse(req.getQueryString()),
            options.maxJsonBodyBytes());
    ApiResponse response = found.route().handler().handle(request);
    write(resp, response, head);
  }

  /** A JSON answer, a raw one with its own content type and headers, or a streamed one. */
  private static void write(HttpServletResponse resp, ApiResponse r, boolean head)
      throws IOException {
    if (r.contentType() == null) {
      write(resp, r.status(), r.json(), head);
      return;
    }
    r.headers().forEach(resp::setHeader);
    resp.setStatus(r.status());
    resp.setContentType(r.contentType());
    if (r.stream() != null) {
      if (!head) {
        r.stream().writeTo(resp.getOutputStream());
      }
      return;
    }
    resp.setContentLength(r.json().length);
    if (!head) {
      resp.getOutputStream().write(r.json());
    }
  }

  /**
   * The public limit, by client address (behind a trusted proxy, the forwarded one); builds no
   * bucket name when rate limiting is off.
   */
  private void limitByAddress(HttpServletRequest req, HttpServletResponse resp) {
    if (options.rateLimiting()) {
      limit(resp, "ip:" + ClientAddress.of(engine, req), options.publicLimit());
    }
  }

  private void limit(HttpServletResponse resp, String bucket, RateLimit limit) {
    if (!options.rateLimiting()) {
      return;
    }
    ApiRateLimiter.Decision d = limiter.hit(bucket, limit);
    resp.setHeader("X-RateLimit-Limit", Integer.toString(d.limit()));
    resp.setHeader("X-RateLimit-Remaining", Long.toString(d.remaining()));
    resp.setHeader("X-RateLimit-Reset", Long.toString(d.resetEpochSeconds()));
    if (!d.allowed()) {
      resp.setHeader("Retry-After", Long.toString(d.retryAfterSeconds()));
      throw new HookstreamException(
          ErrorCode.RATE_LIMITED,
          "rate limit of "
              + d.limit()
              + " requests per "
              + limit.window().toSeconds()
              + " s exceeded; retry after "
              + d.retryAfterSeconds()
              + " s");
    }
  }

  private static Authenticator.Credentials credentials(HttpServletRequest req) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    for (String name : Collections.list(req.getHeaderNames())) {
      headers.put(name.toLowerCase(Locale.ROOT), Collections.list(req.getHeaders(name)));
    }
    return new Authenticator.Credentials(apiKey(req), headers);
  }

  private static String apiKey(HttpServletRequest req) {
    String key = req.getHeader("X-API-Key");
    if (key != null && !key.isBlank()) {
      return key.strip();
    }
    String auth = req.getHeader("Authorization");
    if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return auth.substring(7).strip();
    }
    return null;
  }

  private static boolean hasKey(HttpServletRequest req) {
    return apiKey(req) != null;
  }

  /** The raw path below the servlet's mapping, such as {@code /v1/sources}. */
  private String pathWithin(HttpServletRequest req) {
    String uri = req.getRequestURI();
    String context = req.getContextPath();
    String path = uri.startsWith(context) ? uri.substring(context.length()) : uri;
    if (!prefix.isEmpty() && path.startsWith(prefix)) {
      path = path.substring(prefix.length());
    }
    return path;
  }

  private static void writeError(
      HttpServletResponse resp, int status, HookstreamException e, String requestId, boolean head)
      throws IOException {
    if (status == 503 && !resp.isCommitted()) {
      // The store is down or the engine is stopping: nothing was written, try again shortly.
      resp.setHeader("Retry-After", RETRY_AFTER_UNAVAILABLE_SECONDS);
    }
    Object retryAfter = e.details().get("retry_after_seconds");
    if (status == 429 && retryAfter != null && !resp.isCommitted()) {
      resp.setHeader("Retry-After", retryAfter.toString());
    }
    ObjectNode body = JsonIo.object();
    body.put("error", e.getMessage());
    body.put("status", status);
    body.put("request_id", requestId);
    if (!e.fieldErrors().isEmpty()) {
      ArrayNode fields = body.putArray("fields");
      for (FieldError f : e.fieldErrors()) {
        fields.addObject().put("field", f.field()).put("message", f.message());
      }
    }
    e.details()
        .forEach(
            (k, v) -> {
              if (!body.has(k)) {
                body.set(k, JsonIo.MAPPER.valueToTree(v));
              }
            });
    if (resp.isCommitted()) {
      LOG.warn(
          "request {}: response already committed; could not send error {}", requestId, status);
      return;
    }
    if (status == 413) {
      // The rest of the body was not read: the connection cannot carry another request.
      resp.setHeader("Connection", "close");
    }
    write(resp, status, JsonIo.write(body), head);
  }

  private static void write(HttpServletResponse resp, int status, byte[] body, boolean head)
      throws IOException {
    resp.setStatus(status);
    // One call with the charset: Jetty finds this exact value in its table of known types,
    // where setContentType + setCharacterEncoding parse and rebuild the header each time.
    resp.setContentType(JSON_UTF8);
    resp.setContentLength(body.length);
    if (!head) {
      resp.getOutputStream().write(body);
    }
  }

  private static byte[] randomBytes() {
    byte[] b = new byte[16];
    ThreadLocalRandom.current().nextBytes(b);
    return b;
  }
}
