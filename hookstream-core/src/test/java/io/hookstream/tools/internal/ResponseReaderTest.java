package io.hookstream.tools.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The response framings a real endpoint may send, byte for byte: chunked bodies (cut at the bound),
 * bodies ended by the peer closing, interim 1xx answers, HEAD and 204 without a body, and answers
 * that are not HTTP.
 */
class ResponseReaderTest {

  private static ResponseReader.Read read(String raw, int limit, boolean head) throws IOException {
    ResponseReader reader =
        new ResponseReader(
            new ByteArrayInputStream(raw.getBytes(StandardCharsets.ISO_8859_1)), limit);
    return reader.body(reader.head(head));
  }

  private static String text(ResponseReader.Read r) {
    return new String(r.body(), StandardCharsets.UTF_8);
  }

  @Test
  void aChunkedBodyIsJoinedAndCutAtTheBound() throws IOException {
    String raw =
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n"
            + "5;ext=1\r\nhello\r\n6\r\n world\r\n0\r\nX-Trailer: t\r\n\r\n";

    ResponseReader.Read whole = read(raw, 100, false);
    assertThat(text(whole)).isEqualTo("hello world");
    assertThat(whole.truncated()).isFalse();

    ResponseReader.Read cut = read(raw, 8, false);
    assertThat(text(cut)).isEqualTo("hello wo");
    assertThat(cut.truncated()).isTrue();
  }

  @Test
  void withoutLengthTheBodyEndsWhenThePeerCloses() throws IOException {
    ResponseReader.Read r = read("HTTP/1.0 200 OK\nServer: old\n\nuntil close", 100, false);

    assertThat(text(r)).isEqualTo("until close");
    assertThat(r.truncated()).isFalse();
    assertThat(r.headers()).containsEntry("server", java.util.List.of("old"));
    assertThat(read("HTTP/1.1 200 OK\r\n\r\n0123456789", 4, false).truncated()).isTrue();
  }

  @Test
  void aLongerContentLengthIsReadUpToTheBound() throws IOException {
    ResponseReader.Read r =
        read("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\n0123456789", 4, false);

    assertThat(text(r)).isEqualTo("0123");
    assertThat(r.truncated()).isTrue();
  }

  @Test
  void interimAnswersAreSkippedAndHeadAnd204HaveNoBody() throws IOException {
    ResponseReader.Read r =
        read(
            "HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 103 Early Hints\r\nLink: </a>\r\n\r\n"
                + "HTTP/1.1 201 Created\r\nContent-Length: 2\r\n\r\nok",
            100,
            false);
    assertThat(r.status()).isEqualTo(201);
    assertThat(text(r)).isEqualTo("ok");

    assertThat(read("HTTP/1.1 200 OK\r\nContent-Length: 50\r\n\r\n", 100, true).body()).isEmpty();
    assertThat(read("HTTP/1.1 204 No Content\r\n\r\n", 100, false).body()).isEmpty();
  }

  @Test
  void whatIsNotAnHttpAnswerIsAClearError() {
    assertThatThrownBy(() -> read("SSH-2.0-OpenSSH_9.6\r\n", 100, false))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("did not answer HTTP/1.x");
    assertThatThrownBy(() -> read("", 100, false))
        .hasMessageContaining("closed the connection without a complete answer");
    assertThatThrownBy(() -> read("HTTP/1.1 200 OK\r\nContent-Length: 9\r\n\r\nshort", 100, false))
        .hasMessageContaining("closed in the middle of the response body");
    assertThatThrownBy(
            () -> read("HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n", 100, false))
        .hasMessageContaining("malformed chunk size");
    assertThatThrownBy(
            () -> read("HTTP/1.1 200 OK\r\nX: " + "a".repeat(9000) + "\r\n\r\n", 100, false))
        .hasMessageContaining("longer than 8192 bytes");
  }
}
