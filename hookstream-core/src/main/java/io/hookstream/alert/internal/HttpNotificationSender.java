package io.hookstream.alert.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.internal.Json;
import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.DeliveryResult.Delivered;
import io.hookstream.spi.DestinationProvider.DeliveryResult.Failed;
import io.hookstream.spi.DestinationProvider.FailureKind;
import io.hookstream.spi.Notification;
import io.hookstream.spi.provider.EndpointGuard;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Posts notifications to webhook, Slack and Discord channels with the JDK's HTTP client. A webhook
 * gets the notification document as is, signed when the channel has a secret: {@code
 * X-hookstream-Signature} is the lower-case hex HMAC-SHA256 of the raw body under the secret. Slack
 * gets {@code {"text", "blocks"}}, Discord {@code {"content", "embeds"}}. The SSRF guard checks the
 * URL's addresses before each send; redirects are not followed. Thread-safe.
 */
final class HttpNotificationSender {

  static final String SIGNATURE_HEADER = "X-hookstream-Signature";

  private final HttpClient client =
      HttpClient.newBuilder()
          .followRedirects(HttpClient.Redirect.NEVER)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final AddressPolicy addresses;

  HttpNotificationSender(AddressPolicy addresses) {
    this.addresses = addresses;
  }

  DeliveryResult send(String type, Notification n, Map<String, Object> config, Duration timeout) {
    URI uri = URI.create(String.valueOf(config.get("url")));
    String rejection = EndpointGuard.rejection(uri, addresses);
    if (rejection != null) {
      return Failed.before(FailureKind.REJECTED, rejection, false);
    }
    byte[] body = body(type, n);
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri)
            .timeout(timeout)
            .header("Content-Type", "application/json")
            .header("User-Agent", "hookstream-notifications")
            .header("X-hookstream-Notification-Id", n.id())
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    Object secret = config.get("secret");
    if (ChannelSettings.WEBHOOK.equals(type) && secret instanceof String s) {
      request.header(SIGNATURE_HEADER, sign(s, body));
    }
    long start = System.nanoTime();
    try {
      HttpResponse<String> response =
          client.send(request.build(), HttpResponse.BodyHandlers.ofString());
      long ms = Duration.ofNanos(System.nanoTime() - start).toMillis();
      int status = response.statusCode();
      String answer = truncate(response.body());
      if (status >= 200 && status < 300) {
        return new Delivered(status, ms, null, response.headers().map(), answer);
      }
      boolean retryable = status >= 500 || status == 429 || status == 408;
      FailureKind kind =
          status == 410
              ? FailureKind.ENDPOINT_GONE
              : status >= 500 ? FailureKind.HTTP_5XX : FailureKind.HTTP_4XX;
      return new Failed(
          kind,
          "channel answered " + status,
          retryable,
          null,
          status,
          ms,
          null,
          response.headers().map(),
          answer);
    } catch (HttpTimeoutException e) {
      return Failed.before(FailureKind.TIMEOUT, "timed out after " + timeout, true);
    } catch (IOException e) {
      return Failed.before(FailureKind.NETWORK, "could not reach the channel: " + e, true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Failed.before(FailureKind.NETWORK, "interrupted", true);
    }
  }

  /** The lower-case hex HMAC-SHA256 of {@code body} under {@code secret}. */
  static String sign(String secret, byte[] body) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return HexFormat.of().formatHex(mac.doFinal(body));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
    }
  }

  private static byte[] body(String type, Notification n) {
    if (ChannelSettings.WEBHOOK.equals(type)) {
      return n.json();
    }
    ObjectNode doc = Json.MAPPER.createObjectNode();
    if (ChannelSettings.SLACK.equals(type)) {
      doc.put("text", n.title() + ": " + n.text());
      ArrayNode blocks = doc.putArray("blocks");
      ObjectNode header = blocks.addObject().put("type", "header");
      header.putObject("text").put("type", "plain_text").put("text", n.title());
      ObjectNode section = blocks.addObject().put("type", "section");
      section.putObject("text").put("type", "mrkdwn").put("text", n.text());
    } else {
      doc.put("content", n.title());
      ObjectNode embed = doc.putArray("embeds").addObject();
      embed.put("title", n.title());
      embed.put("description", n.text());
      embed.put("color", Notifications.RESOLVED.equals(n.kind()) ? 0x2EB67D : 0xE01E5A);
      embed.put("timestamp", n.at().toString());
    }
    return Json.write(doc).getBytes(StandardCharsets.UTF_8);
  }

  private static String truncate(String s) {
    return s == null || s.length() <= 4096 ? s : s.substring(0, 4096);
  }
}
