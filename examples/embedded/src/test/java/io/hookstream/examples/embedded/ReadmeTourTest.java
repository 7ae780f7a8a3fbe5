package io.hookstream.examples.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.Hookstream;
import io.hookstream.connection.ConnectionSpec;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.event.Event;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.IngestResult;
import io.hookstream.providers.http.HttpDestinationProvider;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.Clock;
import io.hookstream.spi.store.Scope;
import io.hookstream.store.memory.InMemoryBlobStore;
import io.hookstream.store.memory.InMemoryKeyValueStore;
import io.hookstream.store.memory.InMemoryStore;
import io.hookstream.tck.WebhookReceiver;
import io.hookstream.topic.Published;
import io.hookstream.topic.SubscriptionSpec;
import io.hookstream.topic.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/**
 * The README's Java tour, line for line, so that it keeps working. The only differences: the
 * endpoint is a local receiver, and the HTTP provider is allowed to reach loopback.
 */
class ReadmeTourTest {

  @Test
  void theTourWorksAsWritten() throws Exception {
    try (WebhookReceiver receiver = WebhookReceiver.start()) {
      String endpoint = receiver.url("/webhooks");
      // --- from the README (provider: allowPrivateNetworks for the loopback receiver) ---
      Hookstream hs =
          Hookstream.builder()
              .store(new InMemoryStore())
              .keyValueStore(new InMemoryKeyValueStore(Clock.system()))
              .blobStore(new InMemoryBlobStore())
              .provider(HttpDestinationProvider.builder().allowPrivateNetworks(true).build())
              .build()
              .start();

      var org = hs.organizations().create("Acme");
      Scope scope = hs.organizations().createEnvironment(org.id(), "production").scope();

      String secret = "It's a Secret to Everybody";
      var github =
          hs.sources()
              .create(
                  scope,
                  SourceSpec.builder()
                      .name("GitHub")
                      .template("github")
                      .verificationSecret(secret)
                      .dedupStrategy("header_field")
                      .dedupField("X-GitHub-Delivery")
                      .build());

      var backend =
          hs.destinations()
              .create(scope, DestinationSpec.builder().name("Backend").url(endpoint).build());
      hs.connections()
          .create(
              scope,
              ConnectionSpec.builder()
                  .sourceId(github.id())
                  .destinationId(backend.id())
                  .filterRulesJson(
                      "[{\"field\":\"headers.x-github-event\",\"op\":\"eq\",\"value\":\"push\"}]")
                  .transformExpression("{\"repo\": repository.full_name, \"by\": pusher.name}")
                  .build());

      byte[] body =
          "{\"repository\":{\"full_name\":\"acme/shop\"},\"pusher\":{\"name\":\"ada\"}}"
              .getBytes(StandardCharsets.UTF_8);
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      String signature = "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));

      IngestResult result =
          hs.ingest(
              github.id(),
              IngestRequest.builder()
                  .header("X-GitHub-Event", "push")
                  .header("X-GitHub-Delivery", "72d3162e-cc78-11e3-81ab-4c9367dc0958")
                  .header("X-Hub-Signature-256", signature)
                  .header("Content-Type", "application/json")
                  .body(body)
                  .build());

      Event event = hs.events().require(scope, result.eventId());
      // --- end of the README's code ---

      assertThat(event.verificationStatus()).isEqualTo("verified");
      var delivered = receiver.awaitRequests(1, Duration.ofSeconds(10)).get(0);
      assertThat(delivered.bodyAsString()).isEqualTo("{\"repo\":\"acme/shop\",\"by\":\"ada\"}");
      assertThat(delivered.header("X-hookstream-Event-Id")).isEqualTo(result.eventId());
      receiver.reset();

      // --- from the README's topics part ---
      var orders = hs.topics().create(scope, TopicSpec.builder().name("Order Events").build());
      hs.topics()
          .subscribe(
              scope,
              orders.id(),
              SubscriptionSpec.builder()
                  .destinationId(backend.id())
                  .filterRulesJson(
                      "[{\"field\":\"payload.type\",\"op\":\"eq\",\"value\":\"order.created\"}]")
                  .transformExpression("{\"order\": data.id}")
                  .build());
      Published published =
          hs.topics()
              .publish(
                  scope,
                  "order-events",
                  "{\"type\":\"order.created\",\"data\":{\"id\":\"ord_1\"}}");
      // --- end of the README's code ---

      assertThat(published.subscriptionIds()).hasSize(1);
      var fannedOut = receiver.awaitRequests(1, Duration.ofSeconds(10)).get(0);
      assertThat(fannedOut.bodyAsString()).isEqualTo("{\"order\":\"ord_1\"}");
      assertThat(fannedOut.header("X-hookstream-Topic")).isEqualTo("order-events");
      assertThat(fannedOut.header("X-hookstream-Event-Id")).isEqualTo(published.eventId());
      hs.close();
    }
  }
}
