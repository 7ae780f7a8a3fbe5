package io.hookstream.collection.internal;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.internal.Json;
import io.hookstream.routing.FilterInput;
import io.hookstream.routing.internal.FieldPath;
import io.hookstream.spi.store.CollectionRecord;
import io.hookstream.spi.store.EventRecord;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads what a collection needs from one event: its primary key at {@code primary_key_path} and its
 * time at {@code event_time_path}. Paths are filter field paths ({@code data.id}, {@code
 * body.data.id}, {@code headers.x-id}). A key is a string as is, or the JSON text of a number or
 * boolean; missing, null, blank, an object or an array is no key. A time is an ISO-8601 string or a
 * number of epoch seconds (milliseconds above 10^11); anything else falls back to the receipt time.
 * Immutable.
 */
public final class RecordReader {

  /** Numbers above this are epoch milliseconds, below it epoch seconds (year 5138). */
  private static final long MILLIS_THRESHOLD = 100_000_000_000L;

  private final FieldPath key;
  private final FieldPath time;

  private RecordReader(FieldPath key, FieldPath time) {
    this.key = key;
    this.time = time;
  }

  public static RecordReader of(CollectionRecord c) {
    return new RecordReader(
        FieldPath.compile(c.primaryKeyPath()),
        c.eventTimePath() == null ? null : FieldPath.compile(c.eventTimePath()));
  }

  /** The key of an event whose body parsed as {@code body} (null when not JSON). */
  public Optional<String> key(EventRecord event, JsonNode body) {
    JsonNode value = key.read(FilterInput.of(event, body));
    if (value == null || value.isNull() || value.isContainerNode()) {
      return Optional.empty();
    }
    String text = value.isTextual() ? value.textValue() : Json.write(value);
    return text.isBlank() ? Optional.empty() : Optional.of(text);
  }

  /** The event's own time at the time path, or its receipt time. */
  public Instant time(EventRecord event, JsonNode body) {
    if (time == null) {
      return event.receivedAt();
    }
    JsonNode value = time.read(FilterInput.of(event, body));
    if (value != null && value.isTextual()) {
      return parse(value.textValue()).orElse(event.receivedAt());
    }
    if (value != null && value.isNumber()) {
      long n = value.longValue();
      return n >= MILLIS_THRESHOLD ? Instant.ofEpochMilli(n) : Instant.ofEpochSecond(n);
    }
    return event.receivedAt();
  }

  private static Optional<Instant> parse(String text) {
    try {
      return Optional.of(OffsetDateTime.parse(text).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
