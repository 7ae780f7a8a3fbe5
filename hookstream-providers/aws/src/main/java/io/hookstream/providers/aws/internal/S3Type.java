package io.hookstream.providers.aws.internal;

import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;

/**
 * {@code aws_s3}: one PutObject per delivery (see {@link S3Object}); path-style addressing when the
 * endpoint is overridden, as LocalStack-style servers expect.
 */
public final class S3Type extends AwsType<S3Client, S3Config> {

  public static final String TYPE = "aws_s3";

  public S3Type() {
    super(
        TYPE,
        S3Config::parse,
        S3Config::aws,
        (settings, timeout) ->
            SdkClients.build(
                S3Client.builder().forcePathStyle(settings.endpoint() != null), settings, timeout));
  }

  @Override
  public Sent send(S3Client client, S3Config config, DeliveryRequest request) {
    S3Object object = S3Object.of(config, request);
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put("hookstream-event-id", request.eventId());
    metadata.put("hookstream-destination-id", request.destinationId());
    PutObjectResponse response =
        client.putObject(
            PutObjectRequest.builder()
                .bucket(config.bucket())
                .key(object.key())
                .contentType(object.contentType())
                .metadata(metadata)
                .build(),
            RequestBody.fromBytes(object.content()));
    Map<String, List<String>> details = new LinkedHashMap<>();
    details.put("Key", List.of(object.key()));
    details.put("Content-Type", List.of(object.contentType()));
    return new Sent(response.sdkHttpResponse().statusCode(), details, "ETag=" + response.eTag());
  }
}
