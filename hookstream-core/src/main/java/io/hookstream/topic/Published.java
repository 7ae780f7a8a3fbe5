package io.hookstream.topic;

import java.time.Instant;
import java.util.List;

/**
 * The answer to a publish: the stored event's id, the topic, and the subscriptions whose filters
 * matched (one delivery task each), in subscription order.
 */
public record Published(
    String eventId,
    String topicId,
    String topic,
    Instant receivedAt,
    List<String> subscriptionIds) {

  public Published {
    subscriptionIds = List.copyOf(subscriptionIds);
  }
}
