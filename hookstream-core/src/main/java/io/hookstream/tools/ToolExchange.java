package io.hookstream.tools;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One request a tool sent: the response, or why there was none (refused connection, timeout, TLS
 * failure, no such host). Exactly one of {@code response} and {@code error} is present.
 *
 * @param latency from the start of the connection to the response's status and headers (or to the
 *     failure)
 */
public record ToolExchange(
    Duration latency, Optional<ToolResponse> response, Optional<String> error) {

  public ToolExchange {
    Objects.requireNonNull(latency, "latency");
    if (response.isPresent() == error.isPresent()) {
      throw new IllegalArgumentException("either a response or an error");
    }
  }

  public static ToolExchange answered(Duration latency, ToolResponse response) {
    return new ToolExchange(latency, Optional.of(response), Optional.empty());
  }

  public static ToolExchange failed(Duration latency, String error) {
    return new ToolExchange(latency, Optional.empty(), Optional.of(error));
  }

  /** The response status, or 0 when there was no response. */
  public int status() {
    return response.map(ToolResponse::status).orElse(0);
  }
}
