package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * Cursor pagination: {@code limit} (1 to 100) and an opaque {@code cursor}, the base64url of the
 * last id of the previous page. Bad values are a 400 naming the parameter. Stateless.
 */
final class Paging {

  private static final Pattern ID = Pattern.compile("^[a-z]{2,5}_[0-9a-f]{32}$");

  private Paging() {}

  static PageRequest request(Query q, int defaultLimit) {
    return new PageRequest(cursor(q.string("cursor")), limit(q.string("limit"), defaultLimit));
  }

  static int limit(String raw, int defaultLimit) {
    if (raw == null) {
      return defaultLimit;
    }
    int limit;
    try {
      limit = Integer.parseInt(raw.strip());
    } catch (NumberFormatException e) {
      throw Query.badParam("limit", "must be an integer from 1 to " + PageRequest.MAX_LIMIT);
    }
    if (limit < 1 || limit > PageRequest.MAX_LIMIT) {
      throw Query.badParam(
          "limit", "must be from 1 to " + PageRequest.MAX_LIMIT + ", got " + limit);
    }
    return limit;
  }

  static String cursor(String raw) {
    if (raw == null) {
      return null;
    }
    try {
      String id = new String(Base64.getUrlDecoder().decode(raw.strip()), StandardCharsets.UTF_8);
      if (ID.matcher(id).matches()) {
        return id;
      }
    } catch (IllegalArgumentException e) {
      // not base64url: reported below like any other cursor we did not issue
    }
    throw Query.badParam(
        "cursor",
        "is not a cursor this API issued; pass the value of a"
            + " previous response's cursor unchanged");
  }

  static String encode(String afterId) {
    return afterId == null
        ? null
        : Base64.getUrlEncoder()
            .withoutPadding()
            .encodeToString(afterId.getBytes(StandardCharsets.UTF_8));
  }

  /** {@code {limit, has_more, next_cursor}}: the pagination object of events, attempts, issues. */
  static ObjectNode pagination(PageRequest request, Page<?> page) {
    ObjectNode o = JsonIo.object();
    o.put("limit", request.limit());
    o.put("has_more", page.hasMore());
    o.put("next_cursor", encode(page.nextAfter()));
    return o;
  }

  /** {@code {<plural>: [...], cursor, has_more}}: the list shape of most resources. */
  static ObjectNode list(String plural, Page<?> page, ArrayNode items) {
    ObjectNode body = JsonIo.object();
    body.set(plural, items);
    body.put("cursor", encode(page.nextAfter()));
    body.put("has_more", page.hasMore());
    return body;
  }
}
