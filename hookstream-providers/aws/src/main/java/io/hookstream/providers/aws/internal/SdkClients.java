package io.hookstream.providers.aws.internal;

import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Configures an SDK client builder the way every hookstream AWS client is built: the SDK's Apache
 * HttpClient 5 transport (it reads an answer the server sends before taking the whole body, as S3
 * does with a 403), no SDK retries (the engine schedules retries, with backoff and circuit
 * breaker), every call bounded by the destination's timeout. Stateless.
 */
public final class SdkClients {

  /** Connecting takes at most this long, within the call's timeout. */
  private static final Duration MAX_CONNECT = Duration.ofSeconds(10);

  private SdkClients() {}

  /** {@code builder} set up for {@code settings} and {@code timeout}, built. */
  public static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> C build(
      B builder, AwsSettings settings, Duration timeout) {
    Duration connect = timeout.compareTo(MAX_CONNECT) < 0 ? timeout : MAX_CONNECT;
    builder
        .region(Region.of(settings.region()))
        .credentialsProvider(credentials(settings))
        .httpClientBuilder(
            Apache5HttpClient.builder().connectionTimeout(connect).socketTimeout(timeout))
        .overrideConfiguration(
            o ->
                o.retryStrategy(AwsRetryStrategy.doNotRetry())
                    .apiCallTimeout(timeout)
                    .apiCallAttemptTimeout(timeout));
    if (settings.endpoint() != null) {
      builder.endpointOverride(settings.endpoint());
    }
    return builder.build();
  }

  private static AwsCredentialsProvider credentials(AwsSettings s) {
    if (!s.staticKeys()) {
      // Environment, profile, container or instance role: what the host runs with.
      return DefaultCredentialsProvider.builder().build();
    }
    return StaticCredentialsProvider.create(
        s.sessionToken() == null
            ? AwsBasicCredentials.create(s.accessKeyId(), s.secretAccessKey())
            : AwsSessionCredentials.create(s.accessKeyId(), s.secretAccessKey(), s.sessionToken()));
  }
}
