package io.hookstream.stream;

import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The channel names a stream subscriber may use: {@code events}, {@code events:<source_id>}, {@code
 * deliveries}, {@code deliveries:<destination_id>}, {@code issues}, {@code
 * collections:<collection_id>}, {@code replay:<job_id>}, and any {@code websocket} destination's
 * {@code channel_name} ({@code ^[a-z0-9._-]+$}, any case). Stateless.
 */
public final class StreamChannels {

  public static final String EVENTS = "events";
  public static final String DELIVERIES = "deliveries";
  public static final String ISSUES = "issues";
  public static final String COLLECTIONS = "collections";
  public static final String REPLAY = "replay";

  /** The channel test-session feeds are sent on. */
  public static final String TEST = "test";

  /** Longest channel name accepted. */
  public static final int MAX_LENGTH = 200;

  /** Names a destination's {@code channel_name} may not take: they carry engine messages. */
  public static final Set<String> RESERVED = Set.of(EVENTS, DELIVERIES, ISSUES, TEST);

  private static final Pattern NAME = Pattern.compile("^[a-z0-9._-]+$", Pattern.CASE_INSENSITIVE);
  private static final Pattern ID = Pattern.compile("^[A-Za-z0-9_-]+$");
  private static final Set<String> PREFIXED = Set.of(EVENTS, DELIVERIES, COLLECTIONS, REPLAY);

  private StreamChannels() {}

  /** {@code events:<sourceId>}. */
  public static String events(String sourceId) {
    return EVENTS + ":" + sourceId;
  }

  /** {@code deliveries:<destinationId>}. */
  public static String deliveries(String destinationId) {
    return DELIVERIES + ":" + destinationId;
  }

  /** {@code collections:<collectionId>}: applied changes and backfill progress of a collection. */
  public static String collections(String collectionId) {
    return COLLECTIONS + ":" + collectionId;
  }

  /** {@code replay:<jobId>}: the progress of one replay or bulk-retry job. */
  public static String replay(String jobId) {
    return REPLAY + ":" + jobId;
  }

  /**
   * Whether {@code name} is a valid destination channel name ({@code ^[a-z0-9._-]+$}, any case).
   */
  public static boolean isChannelName(String name) {
    return name != null && name.length() <= MAX_LENGTH && NAME.matcher(name).matches();
  }

  /** Why {@code channel} cannot be subscribed to, or empty when it can. */
  public static Optional<String> problem(String channel) {
    if (channel == null || channel.isEmpty()) {
      return Optional.of("channel is required");
    }
    if (channel.length() > MAX_LENGTH) {
      return Optional.of("channel is longer than " + MAX_LENGTH + " characters");
    }
    int colon = channel.indexOf(':');
    if (colon < 0) {
      return NAME.matcher(channel).matches() && !TEST.equals(channel)
          ? Optional.empty()
          : Optional.of(
              "unknown channel '"
                  + channel
                  + "': use events, events:<source_id>,"
                  + " deliveries, deliveries:<destination_id>, issues, collections:<collection_id>,"
                  + " replay:<job_id>"
                  + " or a websocket destination's channel_name");
    }
    String prefix = channel.substring(0, colon);
    String id = channel.substring(colon + 1);
    if (!PREFIXED.contains(prefix)) {
      return Optional.of(
          "unknown channel prefix '"
              + prefix
              + "': use events:, deliveries:, collections: or replay:");
    }
    return ID.matcher(id).matches()
        ? Optional.empty()
        : Optional.of("channel '" + channel + "' needs an id after '" + prefix + ":'");
  }
}
