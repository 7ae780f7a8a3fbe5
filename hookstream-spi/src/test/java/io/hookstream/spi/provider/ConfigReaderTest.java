package io.hookstream.spi.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.FieldError;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Field-by-field reading: every bad field is named, none stops the others. */
class ConfigReaderTest {

  @Test
  void hasTellsAPresentFieldOfAnyTypeFromAnAbsentOne() {
    Map<String, Object> config = new HashMap<>();
    config.put("api_key", 42);
    config.put("api_secret", null);
    ConfigReader reader = new ConfigReader(config);

    assertThat(reader.has("api_key")).isTrue();
    assertThat(reader.has("api_secret")).isFalse();
    assertThat(reader.optional("api_key")).isNull();
    assertThat(reader.errors())
        .containsExactly(new FieldError("api_key", "must be a non-empty string"));
  }

  @Test
  void aUrlWithoutAnAddressableHostAndABlankStringAreEachNamed() {
    ConfigReader reader =
        new ConfigReader(Map.of("rest_endpoint", "http://1.2.3.999:8082", "topic", "  "));

    assertThat(reader.url("rest_endpoint", false, new AddressPolicy(false))).isNull();
    assertThat(reader.required("topic")).isNull();
    assertThat(reader.required("cluster_id")).isNull();
    assertThat(reader.errors())
        .containsExactly(
            new FieldError("rest_endpoint", "must be an absolute http or https URL"),
            new FieldError("topic", "must be a non-empty string"),
            new FieldError("cluster_id", "is required"));
  }
}
