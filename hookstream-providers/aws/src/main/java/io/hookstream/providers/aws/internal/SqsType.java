package io.hookstream.providers.aws.internal;

import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageResponse;

/** {@code aws_sqs}: one SendMessage per delivery (see {@link SqsMessage}). */
public final class SqsType extends AwsType<SqsClient, SqsConfig> {

  public static final String TYPE = "aws_sqs";

  public SqsType() {
    super(
        TYPE,
        SqsConfig::parse,
        SqsConfig::aws,
        (settings, timeout) -> SdkClients.build(SqsClient.builder(), settings, timeout));
  }

  @Override
  public Sent send(SqsClient client, SqsConfig config, DeliveryRequest request) {
    SendMessageRequest message = SqsMessage.of(config, request);
    long size = SqsMessage.size(message);
    if (size > SqsMessage.MAX_BYTES) {
      throw new MessageTooLargeException("the SQS message", size, SqsMessage.MAX_BYTES);
    }
    SendMessageResponse response = client.sendMessage(message);
    return new Sent(
        response.sdkHttpResponse().statusCode(),
        SqsMessage.details(message),
        "MessageId=" + response.messageId());
  }
}
