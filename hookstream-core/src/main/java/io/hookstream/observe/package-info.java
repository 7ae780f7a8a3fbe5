/**
 * Observation hooks for metrics and tracing: {@link io.hookstream.observe.EngineObserver},
 * registered through {@code Hookstream.builder().observer(...)}, hears events received, delivery
 * attempts (with a hook around each send that may add outbound headers such as {@code traceparent})
 * and notifications sent. The {@code hookstream-micrometer} and {@code hookstream-opentelemetry}
 * modules implement it.
 */
package io.hookstream.observe;
