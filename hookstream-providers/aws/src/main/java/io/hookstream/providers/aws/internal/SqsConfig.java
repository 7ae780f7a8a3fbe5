package io.hookstream.providers.aws.internal;

import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.provider.ConfigReader;
import java.net.URI;
import java.util.List;
import java.util.Map;

/**
 * An {@code aws_sqs} destination's config: {@code queue_url}, the shared AWS fields, and {@code
 * message_group_id} for FIFO queues (whose URL ends in {@code .fifo}). A queue URL outside AWS's
 * domains (LocalStack, ElasticMQ) is its own endpoint when {@code endpoint} is not given.
 */
public record SqsConfig(AwsSettings aws, String queueUrl, String messageGroupId) {

  public static final String QUEUE_URL = "queue_url";
  public static final String MESSAGE_GROUP_ID = "message_group_id";

  /** The config, or the errors that name each invalid field. */
  public static ParsedConfig<SqsConfig> parse(Map<String, Object> config, AddressPolicy policy) {
    ConfigReader reader = new ConfigReader(config);
    URI queueUrl = reader.url(QUEUE_URL, true, policy);
    AwsSettings aws = AwsSettings.read(reader, policy);
    if (aws.endpoint() == null && queueUrl != null && !awsHost(queueUrl.getHost())) {
      aws = aws.withEndpoint(URI.create(queueUrl.getScheme() + "://" + queueUrl.getRawAuthority()));
    }
    String group = reader.maxLength(reader.optional(MESSAGE_GROUP_ID), MESSAGE_GROUP_ID, 128);
    if (group != null && queueUrl != null && !queueUrl.getPath().endsWith(".fifo")) {
      reader.error(MESSAGE_GROUP_ID, "applies to FIFO queues only (a queue_url ending in .fifo)");
    }
    List<FieldError> errors = reader.errors();
    return new ParsedConfig<>(
        errors.isEmpty() ? new SqsConfig(aws, queueUrl.toString(), group) : null, errors);
  }

  private static boolean awsHost(String host) {
    String h = host.toLowerCase(java.util.Locale.ROOT);
    return h.endsWith(".amazonaws.com")
        || h.endsWith(".amazonaws.com.cn")
        || h.endsWith(".api.aws");
  }
}
