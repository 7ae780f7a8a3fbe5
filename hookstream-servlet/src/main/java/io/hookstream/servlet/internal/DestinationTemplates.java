package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The six destination templates of the HTTP provider page: Slack, Discord, PagerDuty, Datadog,
 * Zapier and Linear. Each is an {@code http} destination with the URL, headers and (where the
 * service wants its own payload) a suggested JSONata transform for the connection; empty strings
 * are what the user fills in. Immutable.
 */
final class DestinationTemplates {

  record Template(String id, String name, String description, String url,
      Map<String, String> headers, String suggestedTransform, String docsUrl) {}

  static final List<Template> ALL = List.of(
      new Template("slack", "Slack",
          "Send webhook events to a Slack channel via Incoming Webhook URL.",
          "", headers("Content-Type", "application/json"),
          "{ \"text\": \"hookstream event: \" & $string($) }",
          "https://api.slack.com/messaging/webhooks"),
      new Template("discord", "Discord",
          "Post webhook events to a Discord channel webhook. Append /slack to the webhook URL"
              + " for Slack-compatible payloads.",
          "", headers("Content-Type", "application/json"),
          "{ \"content\": \"hookstream event: \" & $substring($string($), 0, 1900) }",
          "https://discord.com/developers/docs/resources/webhook#execute-webhook"),
      new Template("pagerduty", "PagerDuty",
          "Trigger PagerDuty incidents through the Events API v2 with your routing key.",
          "https://events.pagerduty.com/v2/enqueue", headers("Content-Type", "application/json"),
          "{ \"routing_key\": \"\", \"event_action\": \"trigger\", \"payload\": { \"summary\":"
              + " $substring($string($), 0, 1024), \"source\": \"hookstream\", \"severity\":"
              + " \"error\" } }",
          "https://developer.pagerduty.com/docs/events-api-v2/trigger-events/"),
      new Template("datadog", "Datadog",
          "Send events to Datadog's HTTP log intake with your DD-API-KEY.",
          "https://http-intake.logs.datadoghq.com/api/v2/logs",
          headers("Content-Type", "application/json", "DD-API-KEY", ""), null,
          "https://docs.datadoghq.com/api/latest/logs/#send-logs"),
      new Template("zapier", "Zapier",
          "Trigger a Zap with a Catch Hook webhook URL.",
          "", headers("Content-Type", "application/json"), null,
          "https://help.zapier.com/hc/en-us/articles/8496288690317"),
      new Template("linear", "Linear",
          "Deliver events to a Linear endpoint with your API key in the Authorization header.",
          "", headers("Content-Type", "application/json", "Authorization", ""), null,
          "https://linear.app/developers"));

  private DestinationTemplates() {}

  static ObjectNode render() {
    ObjectNode body = JsonIo.object();
    ArrayNode items = body.putArray("templates");
    for (Template t : ALL) {
      ObjectNode o = items.addObject();
      o.put("id", t.id());
      o.put("name", t.name());
      o.put("type", "http");
      o.put("description", t.description());
      ObjectNode config = o.putObject("config_template");
      config.put("url", t.url());
      config.put("method", "POST");
      config.set("headers", JsonIo.MAPPER.valueToTree(t.headers()));
      o.put("suggested_transform", t.suggestedTransform());
      o.put("docs_url", t.docsUrl());
    }
    return body;
  }

  private static Map<String, String> headers(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
