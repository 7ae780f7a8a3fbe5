package io.hookstream.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The stored path is the URL's raw path, as {@code java.net.URI} reads it. */
class PersistStepPathTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://localhost:8080/v1/ingest/src_1",
        "https://example.com/v1/ingest/src_1?a=1&b=2",
        "https://example.com/v1/ingest/src_1#frag",
        "https://example.com/a%20b/c?x=/y#z?w",
        "http://user@[::1]:8080/p/q/",
        "https://example.com",
        "https://example.com?x=1",
        "/v1/ingest/src_1?x=1",
      })
  void matchesTheUrisRawPath(String url) {
    String expected = URI.create(url).getRawPath();
    assertThat(PersistStep.path(url)).isEqualTo(expected == null ? "" : expected);
  }

  @Test
  void noUrlNoPath() {
    assertThat(PersistStep.path(null)).isNull();
  }
}
