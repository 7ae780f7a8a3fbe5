package io.hookstream.providers.aws;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache5.Apache5HttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** An embedded ElasticMQ (a real SQS server) on loopback, with a client to read queues back. */
final class ElasticMq implements AutoCloseable {

  static final String REGION = "us-east-1";

  private final SQSRestServer server;
  private final URI endpoint;
  private final SqsClient reader;

  private ElasticMq() {
    server = SQSRestServerBuilder.withInterface("127.0.0.1").withDynamicPort().start();
    endpoint = URI.create("http://127.0.0.1:" + server.waitUntilStarted().localAddress().getPort());
    reader =
        SqsClient.builder()
            .region(Region.of(REGION))
            .endpointOverride(endpoint)
            .credentialsProvider(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("reader", "reader-secret")))
            .httpClient(Apache5HttpClient.create())
            .build();
  }

  static ElasticMq start() {
    return new ElasticMq();
  }

  URI endpoint() {
    return endpoint;
  }

  /** A new queue's URL; FIFO when {@code name} ends in {@code .fifo}. */
  String createQueue(String name) {
    return reader
        .createQueue(
            r ->
                r.queueName(name)
                    .attributes(
                        name.endsWith(".fifo")
                            ? Map.of(QueueAttributeName.FIFO_QUEUE, "true")
                            : Map.of()))
        .queueUrl();
  }

  /** Up to 10 messages now in the queue, with all their attributes; waits up to 1 s. */
  List<Message> receive(String queueUrl) {
    return reader
        .receiveMessage(
            r ->
                r.queueUrl(queueUrl)
                    .maxNumberOfMessages(10)
                    .waitTimeSeconds(1)
                    .visibilityTimeout((int) Duration.ofMinutes(5).toSeconds())
                    .messageAttributeNames("All")
                    .messageSystemAttributeNames(MessageSystemAttributeName.ALL))
        .messages();
  }

  @Override
  public void close() {
    reader.close();
    server.stopAndWait();
  }
}
