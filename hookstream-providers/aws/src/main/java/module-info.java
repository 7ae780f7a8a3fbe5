/** io.hookstream.providers.aws: exports the API packages; the internal ones stay closed. */
module io.hookstream.providers.aws {
  requires transitive io.hookstream.spi;
  requires software.amazon.awssdk.auth;
  requires software.amazon.awssdk.awscore;
  requires software.amazon.awssdk.core;
  requires software.amazon.awssdk.http;
  requires software.amazon.awssdk.http.apache5;
  requires software.amazon.awssdk.regions;
  requires software.amazon.awssdk.services.eventbridge;
  requires software.amazon.awssdk.services.s3;
  requires software.amazon.awssdk.services.sqs;
  requires software.amazon.awssdk.utils;
  requires org.slf4j;

  exports io.hookstream.providers.aws;
}
