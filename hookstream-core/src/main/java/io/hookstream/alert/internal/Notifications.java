package io.hookstream.alert.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.delivery.TaskFactory;
import io.hookstream.internal.Json;
import io.hookstream.observe.SentNotification;
import io.hookstream.spi.Notification;
import io.hookstream.spi.store.AlertRuleRecord;
import io.hookstream.spi.store.DeliveryTask;
import io.hookstream.spi.store.DestinationRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Notifications as delivery tasks. A notification is a task of the channel's id (standing where a
 * destination id would, see {@link ChannelDestinations}), with the notification id ({@code ntf_})
 * where an event id would be and the rule id where a connection id would be; its payload is the
 * notification document a webhook channel receives. Such a task has no event: it does not change
 * any event's status. Stateless.
 */
public final class Notifications {

  /** The content type that marks a notification task's payload. */
  public static final String CONTENT_TYPE = "application/vnd.hookstream.notification+json";

  public static final String TRIGGERED = "alert.triggered";
  public static final String RESOLVED = "alert.resolved";
  public static final String TEST = "test";

  private Notifications() {}

  /** Whether {@code task} sends a notification rather than an event. */
  public static boolean isNotification(DeliveryTask task) {
    return CONTENT_TYPE.equals(task.payloadContentType());
  }

  /** What observers hear of one attempt to send notification {@code task} to its channel. */
  public static SentNotification sent(
      DeliveryTask task, DestinationRecord channel, boolean success, long latencyMillis) {
    Object type = Json.toMap(channel.configJson()).get(NotificationProvider.CHANNEL_TYPE);
    return new SentNotification(
        task.orgId(),
        task.envId(),
        channel.id(),
        String.valueOf(type),
        success,
        Duration.ofMillis(latencyMillis));
  }

  /** One task per channel of {@code rule}, all carrying the same notification document. */
  static List<DeliveryTask> tasks(
      TaskFactory tasks,
      AlertRuleRecord rule,
      String notificationId,
      String kind,
      String message,
      Instant at) {
    byte[] json = document(notificationId, kind, rule, message, at);
    List<DeliveryTask> list = new ArrayList<>();
    for (String channelId : rule.channelIds()) {
      list.add(
          tasks.pending(rule.scope(), notificationId, rule.id(), channelId, json, CONTENT_TYPE));
    }
    return list;
  }

  /**
   * The webhook document: {@code id}, {@code type} ({@code alert.triggered}, {@code
   * alert.resolved}, {@code test}), {@code alert_rule} (id, name, rule_type), {@code message},
   * {@code triggered_at}.
   */
  static byte[] document(
      String notificationId, String kind, AlertRuleRecord rule, String message, Instant at) {
    ObjectNode doc = Json.MAPPER.createObjectNode();
    doc.put("id", notificationId);
    doc.put("type", kind);
    if (rule != null) {
      ObjectNode r = doc.putObject("alert_rule");
      r.put("id", rule.id());
      r.put("name", rule.name());
      r.put("rule_type", rule.ruleType());
      if (rule.sourceId() != null) {
        r.put("source_id", rule.sourceId());
      }
      if (rule.destinationId() != null) {
        r.put("destination_id", rule.destinationId());
      }
    }
    doc.put("message", message);
    doc.put("triggered_at", at.toString());
    return Json.write(doc).getBytes(StandardCharsets.UTF_8);
  }

  /** A test notification for channel {@code channelName} of {@code scope}. */
  public static Notification test(String notificationId, String channelName, Instant at) {
    String message = "Test notification from hookstream for channel " + channelName;
    return read(document(notificationId, TEST, null, message, at));
  }

  /** Reads a notification document back for a channel to render. */
  static Notification read(byte[] json) {
    JsonNode doc = Json.parseOrNull(json);
    String id = doc.path("id").asText("ntf_unknown");
    String kind = doc.path("type").asText(TRIGGERED);
    String message = doc.path("message").asText("");
    String rule = doc.path("alert_rule").path("name").asText(null);
    String title =
        switch (kind) {
          case RESOLVED -> "Resolved: " + rule;
          case TEST -> "hookstream test notification";
          default -> "Alert: " + rule;
        };
    Instant at = Instant.parse(doc.path("triggered_at").asText(Instant.EPOCH.toString()));
    return new Notification(id, kind, title, message, json, at);
  }
}
