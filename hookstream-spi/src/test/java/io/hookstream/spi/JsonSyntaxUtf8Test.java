package io.hookstream.spi;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The strict decode providers use to send a body as text, or as base64 when it is binary. */
class JsonSyntaxUtf8Test {

  @Test
  void wellFormedUtf8IsText() {
    assertThat(JsonSyntax.utf8("grüße ✓".getBytes(StandardCharsets.UTF_8))).isEqualTo("grüße ✓");
    assertThat(JsonSyntax.utf8(new byte[0])).isEmpty();
  }

  @Test
  void malformedBytesAreNotText() {
    assertThat(JsonSyntax.utf8(new byte[] {(byte) 0xff, 0x41})).isNull();
    assertThat(JsonSyntax.utf8(new byte[] {(byte) 0xc0, (byte) 0xaf})).isNull(); // overlong '/'
    assertThat(JsonSyntax.utf8(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})).isNull();
  }
}
