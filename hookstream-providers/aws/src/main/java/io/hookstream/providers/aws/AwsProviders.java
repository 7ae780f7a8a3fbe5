package io.hookstream.providers.aws;

import io.hookstream.providers.aws.internal.AwsDelivery;
import io.hookstream.providers.aws.internal.EventBridgeType;
import io.hookstream.providers.aws.internal.S3Type;
import io.hookstream.providers.aws.internal.SqsType;
import io.hookstream.spi.AddressPolicy;
import java.util.List;

/**
 * The AWS destination types, to register with the engine builder: {@code
 * AwsProviders.all().forEach(builder::provider)}, or one type alone with {@code
 * .provider(AwsProviders.builder().build().sqs())}. A custom {@code endpoint} (or an SQS {@code
 * queue_url} outside AWS) on a loopback or private address is refused unless {@link
 * Builder#allowPrivateNetworks(boolean)} is set; cloud metadata addresses are refused always.
 */
public final class AwsProviders {

  /** The destination types served. */
  public static final String SQS = SqsType.TYPE;

  public static final String S3 = S3Type.TYPE;
  public static final String EVENTBRIDGE = EventBridgeType.TYPE;

  private final AddressPolicy policy;

  private AwsProviders(Builder builder) {
    this.policy = new AddressPolicy(builder.allowPrivateNetworks);
  }

  /** The three types with the defaults (private endpoints refused). */
  public static List<AwsDestinationProvider> all() {
    return builder().build().providers();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A new {@code aws_sqs} provider. */
  public AwsDestinationProvider sqs() {
    return new AwsDestinationProvider(new AwsDelivery<>(new SqsType(), policy));
  }

  /** A new {@code aws_s3} provider. */
  public AwsDestinationProvider s3() {
    return new AwsDestinationProvider(new AwsDelivery<>(new S3Type(), policy));
  }

  /** A new {@code aws_eventbridge} provider. */
  public AwsDestinationProvider eventBridge() {
    return new AwsDestinationProvider(new AwsDelivery<>(new EventBridgeType(), policy));
  }

  /** New providers of all three types. */
  public List<AwsDestinationProvider> providers() {
    return List.of(sqs(), s3(), eventBridge());
  }

  /** Options shared by the AWS providers. */
  public static final class Builder {
    private boolean allowPrivateNetworks;

    private Builder() {}

    /** Allows custom endpoints on loopback and private addresses (LocalStack, tests). */
    public Builder allowPrivateNetworks(boolean allow) {
      this.allowPrivateNetworks = allow;
      return this;
    }

    public AwsProviders build() {
      return new AwsProviders(this);
    }
  }
}
