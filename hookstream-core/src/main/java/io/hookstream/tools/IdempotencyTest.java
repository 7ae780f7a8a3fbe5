package io.hookstream.tools;

import java.util.List;

/**
 * The result of {@link ToolsService#idempotencyTest}. The endpoint behaved idempotently when every
 * request got a response, all in one status class (2xx, 4xx, ...), all with the same body (by
 * SHA-256 of the bytes read).
 *
 * @param uniqueResponses how many distinct (status, body hash) answers came back
 */
public record IdempotencyTest(
    String url,
    String idempotencyHeader,
    String idempotencyKey,
    boolean idempotent,
    int uniqueResponses,
    List<IdempotencyAttempt> attempts) {

  public IdempotencyTest {
    attempts = List.copyOf(attempts);
  }

  /** How many requests were sent. */
  public int totalRequests() {
    return attempts.size();
  }
}
