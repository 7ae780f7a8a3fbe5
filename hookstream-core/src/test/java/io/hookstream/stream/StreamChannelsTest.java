package io.hookstream.stream;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StreamChannelsTest {

  @Test
  void acceptsTheDocumentedChannelsAndDestinationNames() {
    for (String ok :
        new String[] {
          "events",
          "events:src_a1b2",
          "deliveries",
          "deliveries:dst_x",
          "issues",
          "collections:col_1",
          "live-orders",
          "Live.Orders_2"
        }) {
      assertThat(StreamChannels.problem(ok)).as(ok).isEmpty();
    }
  }

  @Test
  void namesWhatIsWrong() {
    assertThat(StreamChannels.problem(null)).contains("channel is required");
    assertThat(StreamChannels.problem("test")).get().asString().contains("unknown channel");
    assertThat(StreamChannels.problem("live orders"))
        .get()
        .asString()
        .contains("unknown channel 'live orders'");
    assertThat(StreamChannels.problem("users:1"))
        .get()
        .asString()
        .contains("unknown channel prefix 'users'");
    assertThat(StreamChannels.problem("events:")).get().asString().contains("needs an id");
    assertThat(StreamChannels.problem("x".repeat(201))).get().asString().contains("longer");
  }
}
