package io.hookstream.tools;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an endpoint answered: status, headers (lower-case names), and the body read up to {@link
 * ToolsService#MAX_RESPONSE_BODY_BYTES} (decoded as UTF-8; {@code bodyTruncated} when there was
 * more).
 *
 * @param bodySha256 hex SHA-256 of the body bytes read
 * @param tls the TLS session, for https
 */
public record ToolResponse(
    int status,
    Map<String, List<String>> headers,
    String body,
    boolean bodyTruncated,
    String bodySha256,
    Optional<TlsDetails> tls) {

  public ToolResponse {
    headers = Map.copyOf(headers);
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(bodySha256, "bodySha256");
    Objects.requireNonNull(tls, "tls");
  }

  /** The first value of a header, by case-insensitive name. */
  public Optional<String> header(String name) {
    List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }
}
