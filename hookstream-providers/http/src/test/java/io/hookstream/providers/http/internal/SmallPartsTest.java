package io.hookstream.providers.http.internal;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.JsonSyntax;
import java.time.Duration;
import java.time.Instant;
import okio.Buffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** JSON sniffing, body capture and Retry-After parsing. */
class SmallPartsTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "{}",
        "[]",
        " {\"a\":[1,-2.5e3,true,false,null,\"\\u00e9\\n\"]} ",
        "\"x\"",
        "0",
        "-0.1E+2",
        "null"
      })
  void recognisesJson(String text) {
    assertThat(JsonSyntax.isJson(text.getBytes(UTF_8))).isTrue();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "{",
        "{\"a\":}",
        "[1,]",
        "{'a':1}",
        "01",
        "1.",
        "tru",
        "{} {}",
        "a=b&c=d",
        "\"\t\""
      })
  void rejectsNonJson(String text) {
    assertThat(JsonSyntax.isJson(text.getBytes(UTF_8))).isFalse();
  }

  @Test
  void rejectsInvalidUtf8AndAbsurdNesting() {
    assertThat(JsonSyntax.isJson(new byte[] {'"', (byte) 0xc3, '"'})).isFalse();
    assertThat(JsonSyntax.isJson(("[".repeat(600) + "]".repeat(600)).getBytes(UTF_8))).isFalse();
    assertThat(JsonSyntax.isJson(("[".repeat(100) + "]".repeat(100)).getBytes(UTF_8))).isTrue();
  }

  @Test
  void capturesShortBodiesWhole() throws Exception {
    assertThat(BodyCapture.read(new Buffer().writeUtf8("héllo"), 4096)).isEqualTo("héllo");
  }

  @Test
  void cutsAtTheLimitOnACharacterBoundary() throws Exception {
    // "€" is 3 bytes: a limit of 5 would split the second one.
    assertThat(BodyCapture.read(new Buffer().writeUtf8("€€€"), 5)).isEqualTo("€");
    assertThat(BodyCapture.read(new Buffer().writeUtf8("€€€"), 6)).isEqualTo("€€");
    assertThat(BodyCapture.read(new Buffer().writeUtf8("ab😀cd"), 4)).isEqualTo("ab");
  }

  @Test
  void retryAfterForms() {
    Instant now = Instant.parse("2026-03-01T14:30:00Z");
    assertThat(RetryAfter.parse("0", now)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse(" 90 ", now)).isEqualTo(Duration.ofSeconds(90));
    assertThat(RetryAfter.parse("90000", now)).isEqualTo(Duration.ofHours(24));
    assertThat(RetryAfter.parse("Sun, 01 Mar 2026 14:31:00 GMT", now))
        .isEqualTo(Duration.ofMinutes(1));
    assertThat(RetryAfter.parse("Sun, 01 Mar 2026 14:00:00 GMT", now)).isEqualTo(Duration.ZERO);
    assertThat(RetryAfter.parse("Fri, 01 Jan 2100 00:00:00 GMT", now))
        .isEqualTo(Duration.ofHours(24));
    assertThat(RetryAfter.parse("-5", now)).isNull();
    assertThat(RetryAfter.parse("tomorrow", now)).isNull();
    assertThat(RetryAfter.parse(null, now)).isNull();
  }
}
