package io.hookstream.providers.aws.internal;

import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.provider.ConfigReader;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An {@code aws_eventbridge} destination's config: {@code event_bus_arn} (an ARN, a bus name, or
 * {@code default}), {@code source}, {@code detail_type} and the shared AWS fields.
 */
public record EventBridgeConfig(
    AwsSettings aws, String eventBus, String source, String detailType) {

  public static final String EVENT_BUS_ARN = "event_bus_arn";
  public static final String SOURCE = "source";
  public static final String DETAIL_TYPE = "detail_type";

  private static final Pattern BUS =
      Pattern.compile(
          "arn:aws[a-z-]*:events:[a-z0-9-]+:\\d{12}:event-bus/[\\w.\\-/]{1,256}"
              + "|[\\w.\\-/]{1,256}");

  /** The config, or the errors that name each invalid field. */
  public static ParsedConfig<EventBridgeConfig> parse(
      Map<String, Object> config, AddressPolicy policy) {
    ConfigReader reader = new ConfigReader(config);
    String bus =
        reader.matching(
            reader.required(EVENT_BUS_ARN),
            EVENT_BUS_ARN,
            BUS,
            "an event bus ARN (arn:aws:events:REGION:ACCOUNT:event-bus/NAME), a bus name, or"
                + " \"default\"");
    String source = reader.maxLength(reader.required(SOURCE), SOURCE, 256);
    String detailType = reader.maxLength(reader.required(DETAIL_TYPE), DETAIL_TYPE, 128);
    AwsSettings aws = AwsSettings.read(reader, policy);
    List<FieldError> errors = reader.errors();
    return new ParsedConfig<>(
        errors.isEmpty() ? new EventBridgeConfig(aws, bus, source, detailType) : null, errors);
  }
}
