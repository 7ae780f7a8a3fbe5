package io.hookstream.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One alert notification, whatever the channel: {@code kind} is {@code alert.triggered}, {@code
 * alert.resolved} or {@code test}; {@code title} and {@code text} are for people (a mail subject
 * and body, a chat message); {@code json} is the document a webhook channel posts.
 */
public record Notification(
    String id, String kind, String title, String text, byte[] json, Instant at) {

  public Notification {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(title, "title");
    Objects.requireNonNull(text, "text");
    json = json == null ? new byte[0] : json.clone();
  }

  @Override
  public byte[] json() {
    return json.clone();
  }
}
