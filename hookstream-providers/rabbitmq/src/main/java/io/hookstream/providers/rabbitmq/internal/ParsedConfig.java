package io.hookstream.providers.rabbitmq.internal;

import io.hookstream.spi.FieldError;
import java.util.List;

/** A parsed config: {@code config} when valid, else null and the errors naming each field. */
public record ParsedConfig(RabbitConfig config, List<FieldError> errors) {}
