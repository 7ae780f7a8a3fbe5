/**
 * OpenTelemetry tracing for a hookstream engine: {@link
 * io.hookstream.opentelemetry.HookstreamTracing}, a client span per delivery attempt that carries
 * the event's W3C trace context to the receiver.
 */
package io.hookstream.opentelemetry;
