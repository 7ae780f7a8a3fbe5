package io.hookstream.providers.aws.internal;

import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.provider.ConfigReader;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * An {@code aws_s3} destination's config: {@code bucket}, {@code prefix} (may be empty), {@code
 * format} ({@code json}, the default: the event envelope; {@code raw}: the body as it is) and the
 * shared AWS fields.
 */
public record S3Config(AwsSettings aws, String bucket, String prefix, boolean raw) {

  public static final String BUCKET = "bucket";
  public static final String PREFIX = "prefix";
  public static final String FORMAT = "format";

  private static final Pattern BUCKET_NAME = Pattern.compile("[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]");

  /** The config, or the errors that name each invalid field. */
  public static ParsedConfig<S3Config> parse(Map<String, Object> config, AddressPolicy policy) {
    ConfigReader reader = new ConfigReader(config);
    String bucket =
        reader.matching(
            reader.required(BUCKET),
            BUCKET,
            BUCKET_NAME,
            "an S3 bucket name: 3 to 63 lower-case letters, digits, dots and hyphens");
    String prefix = reader.maxLength(reader.requiredAllowEmpty(PREFIX), PREFIX, 900);
    String format = reader.choice(FORMAT, "json", "json", "raw");
    AwsSettings aws = AwsSettings.read(reader, policy);
    List<FieldError> errors = reader.errors();
    return new ParsedConfig<>(
        errors.isEmpty() ? new S3Config(aws, bucket, prefix, format.equals("raw")) : null, errors);
  }
}
