package io.hookstream.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.ManualClock;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** An engine that cannot store (here: stopping) answers 503 with Retry-After, never a 2xx. */
class UnavailableTest {

  @Test
  void ingestIntoAStoppingEngineIs503WithRetryAfter() throws Exception {
    Fixture fx = Fixture.start(new ManualClock());
    try (JettyContainer container = new JettyContainer()) {
      URI base =
          container.start(
              fx.engine,
              ServletOptions.builder().build(),
              "/unused/*",
              new jakarta.servlet.http.HttpServlet() {});
      Client api = new Client(base);
      String source =
          api.post("/v1/sources", fx.a.key(), "{\"name\":\"s\"}").json().path("id").asText();
      fx.engine.close();

      Client.Response r =
          api.send(
              "POST",
              "/v1/ingest/" + source,
              null,
              "application/json",
              "{}".getBytes(StandardCharsets.UTF_8));
      RestApiSuite.assertError(r, 503);
      assertThat(r.header("Retry-After")).isEqualTo("5");
    } finally {
      fx.close();
    }
  }
}
