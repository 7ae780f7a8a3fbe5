/** Internals of the Kafka provider: config reading, the two send modes, failures. */
package io.hookstream.providers.kafka.internal;
