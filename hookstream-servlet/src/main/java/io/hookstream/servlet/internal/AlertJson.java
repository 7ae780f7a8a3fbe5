package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.alert.AlertRule;
import io.hookstream.alert.AlertRuleSpec;
import io.hookstream.alert.AlertTrigger;
import io.hookstream.alert.NotificationChannel;
import io.hookstream.alert.NotificationChannelSpec;
import io.hookstream.json.ResourceJson;
import java.util.function.UnaryOperator;

/**
 * The JSON of notification channels and alert rules in the seed's shapes. A channel's type is read
 * from {@code channel_type} (or {@code type}) and answered as {@code type}. Stateless.
 */
final class AlertJson {

  private AlertJson() {}

  static UnaryOperator<NotificationChannelSpec.Builder> channelChanges(Fields f) {
    Changes<NotificationChannelSpec.Builder> c = new Changes<>();
    f.readText(c.set(NotificationChannelSpec.Builder::name), "name");
    f.readText(c.set(NotificationChannelSpec.Builder::type), "channel_type", "type");
    f.readObject(c.set(NotificationChannelSpec.Builder::config), "config");
    f.throwIfInvalid();
    return c.toOperator();
  }

  static UnaryOperator<AlertRuleSpec.Builder> ruleChanges(Fields f) {
    Changes<AlertRuleSpec.Builder> c = new Changes<>();
    f.readText(c.set(AlertRuleSpec.Builder::name), "name");
    f.readText(c.set(AlertRuleSpec.Builder::ruleType), "rule_type", "type");
    f.readObject(c.set(AlertRuleSpec.Builder::ruleConfig), "rule_config");
    f.readText(c.set(AlertRuleSpec.Builder::sourceId), "source_id");
    f.readText(c.set(AlertRuleSpec.Builder::destinationId), "destination_id");
    f.readTextList(c.set(AlertRuleSpec.Builder::channelIds), false, "channel_ids");
    f.readInt(c.set(AlertRuleSpec.Builder::cooldownMinutes), "cooldown_minutes");
    f.readBool(c.set(AlertRuleSpec.Builder::enabled), "enabled");
    f.throwIfInvalid();
    return c.toOperator();
  }

  static ObjectNode channel(NotificationChannel ch) {
    ObjectNode o = JsonIo.object();
    o.put("id", ch.id());
    o.put("name", ch.name());
    o.put("type", ch.type());
    o.set("config", JsonIo.MAPPER.valueToTree(ch.config()));
    ResourceJson.instant(o, "created_at", ch.createdAt());
    ResourceJson.instant(o, "updated_at", ch.updatedAt());
    return o;
  }

  static ObjectNode rule(AlertRule r) {
    ObjectNode o = JsonIo.object();
    o.put("id", r.id());
    o.put("name", r.name());
    o.put("rule_type", r.ruleType());
    o.set("rule_config", JsonIo.MAPPER.valueToTree(r.ruleConfig()));
    o.put("source_id", r.sourceId());
    o.put("destination_id", r.destinationId());
    r.channelIds().forEach(o.putArray("channel_ids")::add);
    o.put("cooldown_minutes", r.cooldownMinutes());
    o.put("enabled", r.enabled());
    o.put("firing", r.firing());
    ResourceJson.instant(o, "last_triggered_at", r.lastTriggeredAt());
    ResourceJson.instant(o, "created_at", r.createdAt());
    ResourceJson.instant(o, "updated_at", r.updatedAt());
    return o;
  }

  static ObjectNode trigger(AlertTrigger t) {
    ObjectNode o = JsonIo.object();
    o.put("id", t.id());
    o.put("alert_rule_id", t.alertRuleId());
    o.put("kind", t.kind());
    ResourceJson.instant(o, "triggered_at", t.triggeredAt());
    o.put("message", t.message());
    ResourceJson.instant(o, "created_at", t.triggeredAt());
    return o;
  }
}
