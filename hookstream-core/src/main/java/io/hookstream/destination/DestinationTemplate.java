package io.hookstream.destination;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A pre-configured {@code http} destination for one service: the URL and headers to start from
 * (empty strings are what the user fills in), a JSONata transform to suggest for the connection
 * where the service wants its own payload (null otherwise), and the service's docs. Immutable.
 */
public record DestinationTemplate(
    String id,
    String name,
    String description,
    String url,
    Map<String, String> headers,
    String suggestedTransform,
    String docsUrl) {

  public DestinationTemplate {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers)); // keeps their order
  }

  /** Every template is an {@code http} destination. */
  public String type() {
    return "http";
  }
}
