package io.hookstream.providers.gcp;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.File;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Google's Pub/Sub emulator (Debian package {@code google-cloud-cli-pubsub-emulator}) as a child
 * JVM on a free loopback port; topics, subscriptions and pulls over its REST API. It ignores
 * authentication.
 */
final class PubSubEmulator implements AutoCloseable {

  static final String JAR =
      "/usr/lib/google-cloud-sdk/platform/pubsub-emulator/lib/cloud-pubsub-emulator-0.8.20-all.jar";
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Process process;
  private final String endpoint;
  private final HttpClient http = HttpClient.newHttpClient();

  private PubSubEmulator(Process process, int port) {
    this.process = process;
    this.endpoint = "http://127.0.0.1:" + port;
  }

  /** The emulator started; the calling test is skipped when it is not installed. */
  static PubSubEmulator start() throws Exception {
    assumeTrue(
        new File(JAR).isFile(),
        "the Pub/Sub emulator is not installed ("
            + JAR
            + "): install the Debian package google-cloud-cli-pubsub-emulator from Google's Cloud SDK"
            + " apt repository");
    int port;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = socket.getLocalPort();
    }
    Path log = Files.createTempFile("pubsub-emulator", ".log");
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-jar");
    command.add(JAR);
    command.add("--host=127.0.0.1");
    command.add("--port=" + port);
    Process process =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    PubSubEmulator emulator = new PubSubEmulator(process, port);
    emulator.awaitReady(log);
    return emulator;
  }

  private void awaitReady(Path log) throws Exception {
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the emulator exited: " + Files.readString(log));
      }
      try {
        call("GET", "/v1/projects/proj-test/topics", null);
        return;
      } catch (ConnectException e) {
        Thread.sleep(100); // polling until the port opens, bounded by the deadline
      }
    }
    close();
    throw new IllegalStateException("the emulator did not start in " + START_TIMEOUT);
  }

  String endpoint() {
    return endpoint;
  }

  void createTopic(String project, String topic) throws Exception {
    call("PUT", "/v1/projects/" + project + "/topics/" + topic, "{}");
  }

  void createSubscription(String project, String subscription, String topic) throws Exception {
    call(
        "PUT",
        "/v1/projects/" + project + "/subscriptions/" + subscription,
        "{\"topic\":\"projects/" + project + "/topics/" + topic + "\"}");
  }

  /** Up to 10 messages waiting on the subscription, acknowledged by nobody. */
  JsonNode pull(String project, String subscription) throws Exception {
    return JSON.readTree(
            call(
                "POST",
                "/v1/projects/" + project + "/subscriptions/" + subscription + ":pull",
                "{\"maxMessages\":10}"))
        .path("receivedMessages");
  }

  private String call(String method, String path, String body)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(endpoint + path))
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() / 100 != 2) {
      throw new IllegalStateException(method + " " + path + ": " + response.body());
    }
    return response.body();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }
  }
}
