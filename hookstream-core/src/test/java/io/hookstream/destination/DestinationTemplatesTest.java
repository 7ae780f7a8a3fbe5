package io.hookstream.destination;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DestinationTemplatesTest {

  @Test
  void listsTheSixServicesOfTheHttpProviderPageInOrder() {
    assertThat(DestinationTemplates.list())
        .extracting(DestinationTemplate::id)
        .containsExactly("slack", "discord", "pagerduty", "datadog", "zapier", "linear");
    assertThat(DestinationTemplates.list()).allSatisfy(t -> assertThat(t.type()).isEqualTo("http"));
  }

  @Test
  void headersKeepTheirOrderAndCannotBeChanged() {
    DestinationTemplate datadog = DestinationTemplates.list().get(3);
    assertThat(datadog.headers().keySet()).containsExactly("Content-Type", "DD-API-KEY");
    assertThatThrownBy(() -> datadog.headers().put("X", "y"))
        .isInstanceOf(UnsupportedOperationException.class);
  }
}
