package io.hookstream.delivery;

import io.hookstream.spi.DestinationProvider;
import io.hookstream.spi.FieldError;
import java.util.List;
import java.util.Map;

/** The {@code test} destination type of the delivery tests: any config, shown as it is. */
abstract class TestTypeProvider implements DestinationProvider {

  @Override
  public String type() {
    return "test";
  }

  @Override
  public List<FieldError> validate(Map<String, Object> config) {
    return List.of();
  }

  @Override
  public Map<String, Object> mask(Map<String, Object> config) {
    return config;
  }
}
