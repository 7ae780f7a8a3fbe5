package io.hookstream.providers.kafka.internal;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One destination's native producer: {@code acks=all} with idempotence, so a retry inside the
 * producer never duplicates a record; every wait (metadata, send, acknowledgement) bounded by the
 * destination's timeout. Thread-safe, as KafkaProducer is.
 */
final class NativeProducer implements AutoCloseable {

  private final KafkaProducer<String, byte[]> producer;
  private final Duration timeout;

  NativeProducer(KafkaConfig config, String destinationId, Duration timeout) {
    this.timeout = timeout;
    this.producer =
        new KafkaProducer<>(
            properties(config, destinationId, timeout),
            new StringSerializer(),
            new ByteArraySerializer());
  }

  private static Properties properties(KafkaConfig c, String destinationId, Duration timeout) {
    int ms = (int) Math.min(Integer.MAX_VALUE, timeout.toMillis());
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, String.join(",", c.bootstrapServers()));
    p.put(ProducerConfig.CLIENT_ID_CONFIG, "hookstream-" + destinationId);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
    p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
    // delivery.timeout.ms must be at least linger.ms + request.timeout.ms: both are the timeout.
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Integer.toString(ms));
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Integer.toString(ms));
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Integer.toString(ms));
    p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(KafkaMessage.MAX_BYTES + 4096));
    p.put(ProducerConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "1000");
    p.put("security.protocol", c.securityProtocol());
    if (c.securityProtocol().startsWith("SASL")) {
      p.put(SaslConfigs.SASL_MECHANISM, c.saslMechanism());
      String module =
          c.saslMechanism().equals("PLAIN")
              ? "org.apache.kafka.common.security.plain.PlainLoginModule"
              : "org.apache.kafka.common.security.scram.ScramLoginModule";
      p.put(
          SaslConfigs.SASL_JAAS_CONFIG,
          module
              + " required username="
              + jaasQuote(c.apiKey())
              + " password="
              + jaasQuote(c.apiSecret())
              + ";");
    }
    return p;
  }

  private static String jaasQuote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  /** Sends {@code m} to {@code topic} and waits for the acknowledgement of all replicas. */
  Sent send(String topic, KafkaMessage m) throws Exception {
    List<Header> headers = new ArrayList<>();
    m.headers()
        .forEach((k, v) -> headers.add(new RecordHeader(k, v.getBytes(StandardCharsets.UTF_8))));
    ProducerRecord<String, byte[]> record =
        new ProducerRecord<>(topic, null, m.key(), m.value(), headers);
    // One deadline for the metadata wait inside send() and the acknowledgement after it.
    long deadline = System.nanoTime() + timeout.toNanos();
    RecordMetadata metadata;
    try {
      var future = producer.send(record);
      long left = Math.max(100_000_000L, deadline - System.nanoTime());
      metadata = future.get(left, TimeUnit.NANOSECONDS);
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    } catch (java.util.concurrent.TimeoutException e) {
      throw new TimeoutException("no acknowledgement within " + timeout.toMillis() + " ms");
    }
    Map<String, List<String>> details = new LinkedHashMap<>();
    details.put("key", List.of(m.key()));
    m.headers().forEach((k, v) -> details.put(k, List.of(v)));
    return new Sent(
        0, details, "partition=" + metadata.partition() + " offset=" + metadata.offset());
  }

  /** Whether any broker ever answered this producer (so a missing topic is not a dead cluster). */
  boolean brokerAnswered() {
    for (Map.Entry<MetricName, ? extends Metric> e : producer.metrics().entrySet()) {
      MetricName name = e.getKey();
      if (name.group().equals("producer-metrics")
          && name.name().equals("response-total")
          && e.getValue().metricValue() instanceof Number n
          && n.doubleValue() > 0) {
        return true;
      }
    }
    return false;
  }

  @Override
  public void close() {
    producer.close(Duration.ZERO);
  }
}
