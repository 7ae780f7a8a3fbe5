package io.hookstream.testsession;

import java.time.Instant;

/**
 * What the forwarding target did with a copy of a request: its status (null when it never
 * answered), the time until the answer, the start of its body (at most {@link
 * TestSessionService#MAX_FORWARD_BODY_BYTES} bytes), and why forwarding failed when it did.
 * Immutable.
 */
public record ForwardResult(
    String url, Integer status, long latencyMs, String body, String error, Instant at) {}
