package io.hookstream.servlet.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Method + path pattern → handler. Patterns are {@code /}-separated segments, {@code :name}
 * capturing one segment. The first route whose pattern matches the path decides the resource (so
 * literal routes such as {@code /v1/sources/templates} are added before {@code /v1/sources/:id});
 * its method list decides between a handler and a 405. Immutable after construction; thread-safe
 * for matching.
 */
final class Router {

  /** Any method (the ingest endpoint). */
  static final String ANY = "*";

  /** One route. {@code open}: served without authentication. */
  record Route(
      String method, String pattern, List<String> segments, boolean open, Handler handler) {}

  /** The outcome of matching a request. */
  sealed interface Match permits Found, NotAllowed, NotFound {}

  record Found(Route route, Map<String, String> params) implements Match {}

  record NotAllowed(Set<String> allowed) implements Match {}

  record NotFound() implements Match {}

  private final List<Route> routes = new ArrayList<>();

  Router add(String method, String pattern, boolean open, Handler handler) {
    routes.add(new Route(method, pattern, segments(pattern), open, handler));
    return this;
  }

  Router get(String pattern, Handler h) {
    return add("GET", pattern, false, h);
  }

  Router post(String pattern, Handler h) {
    return add("POST", pattern, false, h);
  }

  Router patch(String pattern, Handler h) {
    return add("PATCH", pattern, false, h);
  }

  Router put(String pattern, Handler h) {
    return add("PUT", pattern, false, h);
  }

  Router delete(String pattern, Handler h) {
    return add("DELETE", pattern, false, h);
  }

  Match match(String method, List<String> path) {
    String pattern = null;
    for (Route r : routes) {
      if (pattern == null && params(r.segments(), path) != null) {
        pattern = r.pattern();
      }
    }
    if (pattern == null) {
      return new NotFound();
    }
    Set<String> allowed = new LinkedHashSet<>();
    for (Route r : routes) {
      if (r.pattern().equals(pattern)) {
        if (r.method().equals(method) || r.method().equals(ANY)) {
          return new Found(r, params(r.segments(), path));
        }
        allowed.add(r.method());
      }
    }
    if (allowed.contains("GET")) {
      allowed.add("HEAD");
    }
    allowed.add("OPTIONS");
    return new NotAllowed(allowed);
  }

  /** The segments of a raw path: {@code /v1/sources/} → [v1, sources]; an inner "//" is kept. */
  static List<String> segments(String path) {
    List<String> out = new ArrayList<>(List.of(path.split("/", -1)));
    if (!out.isEmpty() && out.get(0).isEmpty()) {
      out.remove(0);
    }
    if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
      out.remove(out.size() - 1);
    }
    return out;
  }

  private static Map<String, String> params(List<String> pattern, List<String> path) {
    if (pattern.size() != path.size()) {
      return null;
    }
    Map<String, String> params = new LinkedHashMap<>();
    for (int i = 0; i < pattern.size(); i++) {
      String p = pattern.get(i);
      String s = path.get(i);
      if (p.startsWith(":")) {
        if (s.isEmpty()) {
          return null;
        }
        params.put(p.substring(1), s);
      } else if (!p.equals(s)) {
        return null;
      }
    }
    return params;
  }
}
