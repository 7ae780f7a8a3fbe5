package io.hookstream.providers.rabbitmq.internal;

import io.hookstream.spi.DestinationProvider.FailureKind;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Publishes through the Management API ({@code POST /api/exchanges/{vhost}/{exchange}/publish},
 * Basic auth) on one pooled HTTP client. The broker takes the message only with a 2xx and {@code
 * "routed": true}; {@code routed: false} means no queue is bound for the routing key.
 */
final class ManagementPublisher implements Publisher {

  private static final Pattern ROUTED = Pattern.compile("\"routed\"\\s*:\\s*(true|false)");
  private static final Pattern REASON =
      Pattern.compile("\"reason\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final HttpClient http;
  private final URI publishUri;
  private final String authorization;

  ManagementPublisher(RabbitConfig config, Duration timeout) {
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    String base = config.url().toString().replaceAll("/+$", "");
    this.publishUri =
        URI.create(
            base
                + "/api/exchanges/"
                + segment(config.vhost())
                + "/"
                + segment(config.exchange())
                + "/publish");
    String credentials = config.username() + ":" + config.password();
    this.authorization =
        "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public Published publish(RabbitMessage message, Duration timeout) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(publishUri)
            .timeout(timeout)
            .header("Authorization", authorization)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(message.managementJson()))
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    int status = response.statusCode();
    String body = response.body() == null ? "" : response.body();
    if (status >= 200 && status < 300) {
      Matcher routed = ROUTED.matcher(body);
      if (routed.find() && routed.group(1).equals("true")) {
        return new Published(status, "routed");
      }
      if (routed.find(0)) {
        // Dropped by the broker: no queue is bound for this routing key.
        throw new PublishFailedException(
            RabbitFailure.permanent(
                FailureKind.NOT_FOUND,
                status,
                "routed: false: no queue is bound to exchange '"
                    + message.exchange()
                    + "' for routing key '"
                    + message.routingKey()
                    + "'"));
      }
      throw new PublishFailedException(
          RabbitFailure.retryable(
              FailureKind.HTTP_5XX, status, "the answer does not say whether it was routed"));
    }
    throw new PublishFailedException(classify(status, reason(body)));
  }

  /** An HTTP error answer: the broker's reason names AMQP codes such as 404 NOT_FOUND. */
  static RabbitFailure classify(int status, String reason) {
    String error = "HTTP " + status + ": " + reason;
    if (status == 401 || status == 403 || reason.contains("ACCESS_REFUSED")) {
      return RabbitFailure.permanent(FailureKind.AUTH, status, error);
    }
    if (status == 404 || reason.contains("NOT_FOUND")) {
      return RabbitFailure.permanent(FailureKind.NOT_FOUND, status, error);
    }
    if (status == 413) {
      return RabbitFailure.permanent(FailureKind.TOO_LARGE, status, error);
    }
    if (status == 429) {
      return RabbitFailure.retryable(FailureKind.THROTTLED, status, error);
    }
    if (status >= 500) {
      return RabbitFailure.retryable(FailureKind.HTTP_5XX, status, error);
    }
    return RabbitFailure.permanent(FailureKind.HTTP_4XX, status, error);
  }

  private static String reason(String body) {
    Matcher m = REASON.matcher(body);
    return m.find() ? m.group(1) : body.isBlank() ? "(no message)" : body;
  }

  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  @Override
  public void close() {
    // The JDK client of Java 17 has no close: its idle connections end with it.
  }
}
