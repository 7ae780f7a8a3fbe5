/**
 * Delivery: the durable {@link io.hookstream.delivery.DeliveryScheduler} (leased claims, retries
 * with backoff, circuit breakers, per-destination limits, dead letter queue), the retry paths of
 * {@link io.hookstream.delivery.DeliveryService}, and {@link
 * io.hookstream.delivery.CircuitBreakers}. See {@code docs/delivery.md} for the guarantees.
 */
package io.hookstream.delivery;
