package io.hookstream.testsession;

import java.util.Map;
import java.util.Objects;

/**
 * What a test session's URL answers: a status (200-599), a content type, a body (at most {@link
 * TestSessionService#MAX_RESPONSE_BODY_BYTES} bytes of UTF-8) and extra headers. Immutable; checked
 * by {@link TestSessionService#configureResponse}.
 */
public record TestResponse(
    int status, String contentType, String body, Map<String, String> headers) {

  /** What a new session answers: 200 with {@code {"ok":true}}. */
  public static final TestResponse DEFAULT =
      new TestResponse(200, "application/json", "{\"ok\":true}", Map.of());

  public TestResponse {
    Objects.requireNonNull(contentType, "contentType");
    Objects.requireNonNull(body, "body");
    headers = Map.copyOf(headers);
  }
}
