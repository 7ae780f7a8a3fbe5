package io.hookstream.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.ingest.TrustedProxies;
import io.hookstream.spi.ManualClock;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One client-address resolution for the IP allowlist, the per-address rate limit and the stored
 * {@code source_ip}, on real Jetty over loopback. At {@code /*} an engine trusts no proxy, so the
 * test's spoofed {@code X-Forwarded-For} from 127.0.0.1 is ignored; at {@code /behind/*} an engine
 * trusts 127.0.0.1/32, as behind a load balancer, and the forwarded address counts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TrustedProxyTest {

  private static final int PUBLIC_LIMIT = 4;
  private static final String CLIENT = "203.0.113.7";

  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-01T10:00:00Z"));
  private Fixture direct;
  private Fixture behind;
  private JettyContainer container;
  private Client api;

  @BeforeAll
  void start() throws Exception {
    direct = Fixture.start(clock);
    behind = Fixture.start(clock, TrustedProxies.of("127.0.0.1/32"));
    RateLimit tight = new RateLimit(PUBLIC_LIMIT, Duration.ofMinutes(1));
    container = new JettyContainer();
    URI base =
        container.start(
            direct.engine,
            ServletOptions.builder().publicLimit(tight).build(),
            "/behind/*",
            new HookstreamServlet(
                behind.engine,
                ServletOptions.builder().mapping("/behind/*").publicLimit(tight).build()));
    api = new Client(base);
  }

  @AfterAll
  void stop() throws Exception {
    container.close();
    direct.close();
    behind.close();
  }

  @Test
  void spoofedForwardedForFromAnUntrustedPeerIsIgnoredEverywhere() {
    clock.advance(Duration.ofMinutes(1)); // a fresh rate-limit window
    String key = direct.a.key();
    String open = source("", key, "{\"name\":\"Open\"}");
    String allowlisted =
        source("", key, "{\"name\":\"Allowlisted\",\"ip_allowlist\":\"" + CLIENT + "\"}");

    Client.Response stored = ingest("", open, CLIENT);
    assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
    assertThat(sourceIp("", key, stored)).isEqualTo("127.0.0.1");
    assertThat(ingest("", allowlisted, CLIENT).status()).isEqualTo(403);
    // Every spoofed address lands in the peer's one bucket.
    assertThat(ingest("", open, "198.51.100.1").header("X-RateLimit-Remaining")).isEqualTo("1");
    assertThat(ingest("", open, "198.51.100.2").header("X-RateLimit-Remaining")).isEqualTo("0");
    RestApiSuite.assertError(ingest("", open, "198.51.100.3"), 429);
  }

  @Test
  void behindATrustedProxyTheForwardedClientIsUsedEverywhere() {
    clock.advance(Duration.ofMinutes(1));
    String key = behind.a.key();
    String open = source("/behind", key, "{\"name\":\"Open\"}");
    String allowlisted =
        source("/behind", key, "{\"name\":\"Allowlisted\",\"ip_allowlist\":\"" + CLIENT + "\"}");

    // The leftmost entry is the client's own forgery; the proxy appended the real address.
    Client.Response stored = ingest("/behind", open, "6.6.6.6, " + CLIENT);
    assertThat(stored.status()).as(stored.toString()).isEqualTo(200);
    assertThat(sourceIp("/behind", key, stored)).isEqualTo(CLIENT);
    assertThat(ingest("/behind", allowlisted, CLIENT).status()).isEqualTo(200);
    assertThat(ingest("/behind", allowlisted, "198.51.100.1").status()).isEqualTo(403);
    assertThat(ingest("/behind", allowlisted, null).status())
        .as("the proxy itself is not allowlisted")
        .isEqualTo(403);

    // CLIENT has used 2 of its 4 requests; another forwarded client has its own bucket.
    assertThat(ingest("/behind", open, CLIENT).header("X-RateLimit-Remaining")).isEqualTo("1");
    assertThat(ingest("/behind", open, CLIENT).header("X-RateLimit-Remaining")).isEqualTo("0");
    RestApiSuite.assertError(ingest("/behind", open, CLIENT), 429);
    Client.Response other = ingest("/behind", open, "2001:db8::5");
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(PUBLIC_LIMIT - 1));
    assertThat(sourceIp("/behind", key, other)).isEqualTo("2001:db8::5");
  }

  private String source(String prefix, String key, String json) {
    Client.Response r = api.post(prefix + "/v1/sources", key, json);
    assertThat(r.status()).as(r.toString()).isEqualTo(201);
    return r.json().path("id").asText();
  }

  /** A webhook from 127.0.0.1 carrying {@code forwardedFor} (none when null). */
  private Client.Response ingest(String prefix, String sourceId, String forwardedFor) {
    HttpRequest.Builder b =
        api.request(prefix + "/v1/ingest/" + sourceId)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString("{\"n\":" + System.nanoTime() + "}"));
    if (forwardedFor != null) {
      b.header("X-Forwarded-For", forwardedFor);
    }
    return api.send(b.build());
  }

  private String sourceIp(String prefix, String key, Client.Response ingested) {
    String eventId = ingested.json().path("event_id").asText();
    return api.get(prefix + "/v1/events/" + eventId, key).json().path("source_ip").asText();
  }
}
