package io.hookstream.destination.internal;

import io.hookstream.spi.store.DestinationRecord;
import java.time.Instant;

/**
 * The disabled state of a destination: the reasons delivery to it was switched off, and the record
 * change that switches it. A destination is disabled while its {@code disabledReason} is set.
 * Stateless.
 */
public final class DisabledState {

  /** Reason prefix: a user disabled it ({@code "enabled": false}). */
  public static final String BY_USER = "disabled_by_user";

  /** Reason prefix: the receiver answered 410 Gone. */
  public static final String ENDPOINT_GONE = "endpoint_gone";

  private DisabledState() {}

  public static String byUser(Instant at) {
    return BY_USER + ": enabled was set to false at " + at;
  }

  public static String endpointGone(Instant at) {
    return ENDPOINT_GONE + ": the receiver answered 410 Gone at " + at;
  }

  /**
   * The reason after a request for {@code enabled} (null: no change asked): re-enabling clears it,
   * disabling keeps an earlier reason (such as a 410) or gives the user's.
   */
  public static String after(String current, Boolean enabled, Instant now) {
    if (enabled == null) {
      return current;
    }
    if (enabled) {
      return null;
    }
    return current != null ? current : byUser(now);
  }

  /** {@code d} with {@code reason} (null: enabled), as version {@code version} of {@code at}. */
  public static DestinationRecord with(
      DestinationRecord d, String reason, long version, Instant at) {
    return new DestinationRecord(
        d.id(),
        d.orgId(),
        d.envId(),
        d.name(),
        d.slug(),
        d.description(),
        d.type(),
        d.configJson(),
        d.signingJson(),
        d.retry(),
        d.delivery(),
        reason,
        version,
        d.createdAt(),
        at,
        d.deletedAt());
  }

  /** Whether {@code a} and {@code b} differ in being disabled. */
  public static boolean changed(DestinationRecord a, DestinationRecord b) {
    return (a.disabledReason() == null) != (b.disabledReason() == null);
  }
}
