package io.hookstream.observe;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * A delivery attempt about to send: its identity, the headers of the request the event arrived with
 * (to continue a trace from), and the outbound headers observers add. HTTP destinations send the
 * added headers with the request (after the destination's own headers, so they win on a clash);
 * other destination types do not carry them. The engine's own {@code X-hookstream-*} headers are
 * set last and cannot be replaced. One per attempt, used by one thread; not thread-safe.
 */
public final class OutgoingDelivery {

  private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

  private final String orgId;
  private final String envId;
  private final String eventId;
  private final String destinationId;
  private final String destinationType;
  private final int attemptNumber;
  private final Supplier<Map<String, List<String>>> eventHeaders;
  private final Map<String, String> added = new LinkedHashMap<>();

  /**
   * {@code eventHeaders} gives the stored request headers of the event (names lower case); it is
   * called only if an observer asks for one.
   */
  public OutgoingDelivery(
      String orgId,
      String envId,
      String eventId,
      String destinationId,
      String destinationType,
      int attemptNumber,
      Supplier<Map<String, List<String>>> eventHeaders) {
    this.orgId = orgId;
    this.envId = envId;
    this.eventId = Objects.requireNonNull(eventId, "eventId");
    this.destinationId = Objects.requireNonNull(destinationId, "destinationId");
    this.destinationType = destinationType;
    this.attemptNumber = attemptNumber;
    this.eventHeaders = Objects.requireNonNull(eventHeaders, "eventHeaders");
  }

  public String orgId() {
    return orgId;
  }

  public String envId() {
    return envId;
  }

  public String eventId() {
    return eventId;
  }

  public String destinationId() {
    return destinationId;
  }

  public String destinationType() {
    return destinationType;
  }

  /** 1 for the first attempt. */
  public int attemptNumber() {
    return attemptNumber;
  }

  /**
   * The first value of header {@code name} (any case) on the request the event arrived with, as
   * stored; empty when it had none (a published event, or a header the sender did not send).
   */
  public Optional<String> eventHeader(String name) {
    Map<String, List<String>> headers = eventHeaders.get();
    List<String> values = headers == null ? null : headers.get(name.toLowerCase(Locale.ROOT));
    return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
  }

  /**
   * Adds (or replaces) outbound header {@code name}. Throws IllegalArgumentException for a name
   * that is not an HTTP token or a value with a line break or NUL.
   */
  public OutgoingDelivery header(String name, String value) {
    if (name == null || !TOKEN.matcher(name).matches()) {
      throw new IllegalArgumentException("not an HTTP header name: " + name);
    }
    Objects.requireNonNull(value, "value");
    if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("header " + name + " has a line break or NUL");
    }
    added.put(name, value);
    return this;
  }

  /** The headers added so far, in order. */
  public Map<String, String> headers() {
    return Collections.unmodifiableMap(added);
  }
}
