package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.Hookstream;
import io.hookstream.json.ResourceJson;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.testsession.TestEvent;
import io.hookstream.testsession.TestEventQuery;
import io.hookstream.testsession.TestResponse;
import io.hookstream.testsession.TestSessionInfo;
import io.hookstream.testsession.TestSessionService;
import java.util.Locale;
import java.util.Map;

/**
 * {@code /v1/test/sessions} and its agent alias {@code /v1/agent/sessions}: create, read, delete,
 * configure the response and forwarding, annotate and export a test session, all without
 * authentication (the session id is the credential); {@code POST .../claim} needs an API key or
 * session. Parses, calls {@link TestSessionService}, renders.
 */
final class TestSessionsResource {

  /** Event lists default to 50, as the agent API documents. */
  static final int DEFAULT_EVENT_LIMIT = 50;

  private final Hookstream engine;
  private final TestSessionService sessions;

  TestSessionsResource(Hookstream engine) {
    this.engine = engine;
    this.sessions = engine.testSessions();
  }

  void register(Router router) {
    for (String base : new String[] {"/v1/test/sessions", "/v1/agent/sessions"}) {
      String one = base + "/:id";
      router
          .add("POST", base, true, this::create)
          .add("GET", one, true, this::get)
          .add("DELETE", one, true, this::delete)
          .add("GET", one + "/events", true, this::events)
          .add("GET", one + "/events/:event_id", true, this::event)
          .add("PUT", one + "/events/:event_id/note", true, this::note)
          .add("PATCH", one + "/response", true, this::response)
          .add("PATCH", one + "/forwarding", true, this::forwarding)
          .add("GET", one + "/export", true, this::export)
          .post(one + "/claim", this::claim);
    }
  }

  private ApiResponse create(ApiRequest r) {
    TestSessionInfo s = sessions.create(ClientAddress.of(engine, r.http()));
    ObjectNode body = ResourceJson.testSession(s);
    body.put("session_id", s.id());
    return ApiResponse.created(body);
  }

  private ApiResponse get(ApiRequest r) {
    TestSessionInfo s = sessions.require(r.param("id"));
    ObjectNode body = JsonIo.object();
    body.set("session", ResourceJson.testSession(s));
    addEvents(body, s.id(), r);
    return ApiResponse.ok(body);
  }

  private ApiResponse events(ApiRequest r) {
    ObjectNode body = JsonIo.object();
    addEvents(body, sessions.require(r.param("id")).id(), r);
    return ApiResponse.ok(body);
  }

  /** {@code events} and {@code pagination}, filtered by method, status, q, limit and cursor. */
  private void addEvents(ObjectNode body, String id, ApiRequest r) {
    Query q = r.query();
    PageRequest page = Paging.request(q, DEFAULT_EVENT_LIMIT);
    TestEventQuery filter =
        new TestEventQuery(q.string("method"), statusClass(q.string("status")), q.string("q"));
    Page<TestEvent> events = sessions.events(id, filter, page);
    ArrayNode items = body.putArray("events");
    events.items().forEach(e -> items.add(ResourceJson.testEvent(e)));
    body.set("pagination", Paging.pagination(page, events));
  }

  private static Integer statusClass(String raw) {
    if (raw == null || raw.isEmpty()) {
      return null;
    }
    return switch (raw.toLowerCase(Locale.ROOT)) {
      case "2xx" -> 2;
      case "4xx" -> 4;
      case "5xx" -> 5;
      default -> throw Query.badParam("status", "must be 2xx, 4xx or 5xx");
    };
  }

  private ApiResponse event(ApiRequest r) {
    return ApiResponse.ok(detail(sessions.event(r.param("id"), r.param("event_id"))));
  }

  /** The event in full; {@code payload} repeats the body, as the hosted API names it. */
  private static ObjectNode detail(TestEvent e) {
    ObjectNode o = ResourceJson.testEventDetail(e);
    o.set("payload", o.get("body"));
    return o;
  }

  private ApiResponse delete(ApiRequest r) {
    sessions.delete(r.param("id"));
    ObjectNode body = JsonIo.object();
    body.put("deleted", true);
    return ApiResponse.ok(body);
  }

  private ApiResponse note(ApiRequest r) throws java.io.IOException {
    Fields f = r.jsonObject();
    if (f.present("note") == null) {
      f.error("note", "is required (null clears it)");
    }
    String[] note = {null};
    f.readText(v -> note[0] = v, "note");
    f.throwIfInvalid();
    TestEvent e = sessions.note(r.param("id"), r.param("event_id"), note[0]);
    ObjectNode body = JsonIo.object();
    body.put("ok", true);
    body.put("note", e.note());
    return ApiResponse.ok(body);
  }

  private ApiResponse response(ApiRequest r) throws java.io.IOException {
    Fields f = r.jsonObject();
    TestResponse current = sessions.require(r.param("id")).response();
    Integer[] status = {current.status()};
    String[] type = {current.contentType()};
    String[] text = {current.body()};
    @SuppressWarnings("unchecked")
    Map<String, String>[] headers = new Map[] {current.headers()};
    f.readInt(v -> status[0] = v, "status_code", "status");
    f.readText(v -> type[0] = v, "content_type");
    f.readText(v -> text[0] = v, "body");
    f.readTextMap(v -> headers[0] = v, "headers");
    if (status[0] == null) {
      f.error("status_code", "must be a number from 200 to 599, got null");
    }
    f.throwIfInvalid();
    TestSessionInfo s =
        sessions.configureResponse(
            r.param("id"),
            new TestResponse(
                status[0],
                type[0] == null ? TestResponse.DEFAULT.contentType() : type[0],
                text[0] == null ? "" : text[0],
                headers[0] == null ? Map.of() : headers[0]));
    ObjectNode body = JsonIo.object();
    body.put("ok", true);
    body.set("response", ResourceJson.testSession(s).get("response"));
    return ApiResponse.ok(body);
  }

  private ApiResponse forwarding(ApiRequest r) throws java.io.IOException {
    Fields f = r.jsonObject();
    TestSessionInfo current = sessions.require(r.param("id"));
    String[] url = {current.forwardUrl()};
    Boolean[] enabled = {null};
    boolean urlGiven = f.present("url") != null;
    f.readText(v -> url[0] = v, "url");
    f.readBool(v -> enabled[0] = v, "enabled");
    if (!urlGiven && f.present("enabled") == null) {
      f.error("url", "is required: the URL to forward to, or null to stop forwarding");
    }
    f.throwIfInvalid();
    boolean on = enabled[0] == null ? urlGiven || current.forwardEnabled() : enabled[0];
    TestSessionInfo s = sessions.configureForwarding(r.param("id"), url[0], on);
    ObjectNode body = JsonIo.object();
    body.put("ok", true);
    body.put("forwarding", s.forwardEnabled() ? s.forwardUrl() : null);
    body.put("url", s.forwardUrl());
    body.put("enabled", s.forwardEnabled());
    return ApiResponse.ok(body);
  }

  private ApiResponse export(ApiRequest r) {
    String format = r.query().string("format");
    boolean csv;
    if (format == null || format.equalsIgnoreCase("ndjson")) {
      csv = false;
    } else if (format.equalsIgnoreCase("csv")) {
      csv = true;
    } else {
      throw Query.badParam("format", "must be ndjson or csv");
    }
    String id = sessions.require(r.param("id")).id(); // a 404 before the 200 is sent
    String file = "test-session-" + id + (csv ? ".csv" : ".ndjson");
    return ApiResponse.streamed(
        csv ? "text/csv;charset=utf-8" : "application/x-ndjson",
        Map.of("Content-Disposition", "attachment; filename=\"" + file + "\""),
        out -> new SessionExport(out, csv).write(sessions, id));
  }

  private ApiResponse claim(ApiRequest r) {
    TestSessionInfo s = sessions.claim(r.param("id"), r.scope());
    ObjectNode body = JsonIo.object();
    body.put("id", s.id());
    body.put("claimed", true);
    body.put("org_id", s.orgId());
    body.put("source_id", s.sourceId());
    body.set("session", ResourceJson.testSession(s));
    return ApiResponse.ok(body);
  }
}
