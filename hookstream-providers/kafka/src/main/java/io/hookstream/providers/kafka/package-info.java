/**
 * The {@code kafka} destination type: a native producer, or Confluent's REST Proxy v3 when the
 * config names a {@code cluster_id} (see {@link io.hookstream.providers.kafka.KafkaProviders}).
 */
package io.hookstream.providers.kafka;
