package io.hookstream.destination;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The six destination templates of the HTTP provider page: Slack, Discord, PagerDuty, Datadog,
 * Zapier and Linear. Each is an {@code http} destination with the URL, headers and (where the
 * service wants its own payload) a suggested JSONata transform for the connection; empty strings
 * are what the user fills in. Stateless and thread-safe.
 */
public final class DestinationTemplates {

  private static final List<DestinationTemplate> ALL =
      List.of(
          new DestinationTemplate(
              "slack",
              "Slack",
              "Send webhook events to a Slack channel via Incoming Webhook URL.",
              "",
              headers("Content-Type", "application/json"),
              "{ \"text\": \"hookstream event: \" & $string($) }",
              "https://api.slack.com/messaging/webhooks"),
          new DestinationTemplate(
              "discord",
              "Discord",
              "Post webhook events to a Discord channel webhook. Append /slack to the webhook URL"
                  + " for Slack-compatible payloads.",
              "",
              headers("Content-Type", "application/json"),
              "{ \"content\": \"hookstream event: \" & $substring($string($), 0, 1900) }",
              "https://discord.com/developers/docs/resources/webhook#execute-webhook"),
          new DestinationTemplate(
              "pagerduty",
              "PagerDuty",
              "Trigger PagerDuty incidents through the Events API v2 with your routing key.",
              "https://events.pagerduty.com/v2/enqueue",
              headers("Content-Type", "application/json"),
              "{ \"routing_key\": \"\", \"event_action\": \"trigger\", \"payload\": { \"summary\":"
                  + " $substring($string($), 0, 1024), \"source\": \"hookstream\", \"severity\":"
                  + " \"error\" } }",
              "https://developer.pagerduty.com/docs/events-api-v2/trigger-events/"),
          new DestinationTemplate(
              "datadog",
              "Datadog",
              "Send events to Datadog's HTTP log intake with your DD-API-KEY.",
              "https://http-intake.logs.datadoghq.com/api/v2/logs",
              headers("Content-Type", "application/json", "DD-API-KEY", ""),
              null,
              "https://docs.datadoghq.com/api/latest/logs/#send-logs"),
          new DestinationTemplate(
              "zapier",
              "Zapier",
              "Trigger a Zap with a Catch Hook webhook URL.",
              "",
              headers("Content-Type", "application/json"),
              null,
              "https://help.zapier.com/hc/en-us/articles/8496288690317"),
          new DestinationTemplate(
              "linear",
              "Linear",
              "Deliver events to a Linear endpoint with your API key in the Authorization header.",
              "",
              headers("Content-Type", "application/json", "Authorization", ""),
              null,
              "https://linear.app/developers"));

  private DestinationTemplates() {}

  /** The templates, in the order the API lists them. */
  public static List<DestinationTemplate> list() {
    return ALL;
  }

  private static Map<String, String> headers(String... pairs) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put(pairs[i], pairs[i + 1]);
    }
    return m;
  }
}
