/**
 * The AWS destination types: {@code aws_sqs}, {@code aws_s3} and {@code aws_eventbridge} on the AWS
 * SDK v2 (see {@link io.hookstream.providers.aws.AwsProviders}).
 */
package io.hookstream.providers.aws;
