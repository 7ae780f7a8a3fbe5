package io.hookstream.routing.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.internal.Json;
import io.hookstream.routing.FilterInput;
import io.hookstream.spi.store.EventRecord;

/**
 * An event being routed, with its body parsed at most once however many connections look at it.
 * Used by one thread.
 */
public final class RoutedEvent {

  private final EventRecord event;
  private final byte[] body;
  private JsonNode json;
  private FilterInput filterInput;
  private boolean parsed;

  public RoutedEvent(EventRecord event, byte[] body) {
    this.event = event;
    this.body = body;
  }

  public EventRecord event() {
    return event;
  }

  /** The body as JSON, or null when it is empty or not JSON. */
  public JsonNode json() {
    if (!parsed) {
      json = Json.parseOrNull(body);
      parsed = true;
    }
    return json;
  }

  public FilterInput filterInput() {
    if (filterInput == null) {
      filterInput = FilterInput.of(event, json());
    }
    return filterInput;
  }
}
