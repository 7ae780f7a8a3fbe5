package io.hookstream.opentelemetry;

import io.hookstream.observe.AttemptOutcome;
import io.hookstream.observe.DeliveryTrace;
import io.hookstream.observe.EngineObserver;
import io.hookstream.observe.FinishedDelivery;
import io.hookstream.observe.OutgoingDelivery;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapPropagator;
import java.util.Objects;

/**
 * Traces deliveries with OpenTelemetry: each delivery attempt is a {@link SpanKind#CLIENT} span
 * named {@code hookstream deliver <destination id>}, child of the W3C {@code traceparent} (and
 * {@code tracestate}) the event arrived with, or the root of a new trace when it had none. The
 * attempt's request carries the span's {@code traceparent} and {@code tracestate}, so the
 * receiver's own spans join the sender's trace. Register it with {@code
 * Hookstream.builder().observer(HookstreamTracing.create(openTelemetry))}.
 *
 * <p>Attributes: {@value #DESTINATION_ID}, {@value #DESTINATION_TYPE}, {@value #EVENT_ID}, {@value
 * #ATTEMPT}, {@value #OUTCOME}, {@code http.response.status_code} when a status came back, and
 * {@code error.type} with status ERROR for a failed attempt. Only HTTP destinations carry the
 * headers; other types get the span without them. Thread-safe.
 */
public final class HookstreamTracing implements EngineObserver {

  /** The instrumentation scope name of the tracer. */
  public static final String INSTRUMENTATION_SCOPE = "io.hookstream";

  public static final String DESTINATION_ID = "hookstream.destination.id";
  public static final String DESTINATION_TYPE = "hookstream.destination.type";
  public static final String EVENT_ID = "hookstream.event.id";
  public static final String ATTEMPT = "hookstream.delivery.attempt";
  public static final String OUTCOME = "hookstream.delivery.outcome";

  private static final AttributeKey<Long> STATUS_CODE =
      AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private final Tracer tracer;
  private final TextMapPropagator propagator = W3CTraceContextPropagator.getInstance();

  private HookstreamTracing(Tracer tracer) {
    this.tracer = tracer;
  }

  /** Spans from {@code openTelemetry}'s tracer provider (the SDK, or the agent's). */
  public static HookstreamTracing create(OpenTelemetry openTelemetry) {
    Objects.requireNonNull(openTelemetry, "openTelemetry");
    return new HookstreamTracing(openTelemetry.getTracer(INSTRUMENTATION_SCOPE));
  }

  @Override
  public DeliveryTrace deliveryStarting(OutgoingDelivery delivery) {
    // Root, not the current context: the worker thread's context is no business of this event.
    Context parent = propagator.extract(Context.root(), delivery, EventHeaders.GETTER);
    Span span =
        tracer
            .spanBuilder("hookstream deliver " + delivery.destinationId())
            .setSpanKind(SpanKind.CLIENT)
            .setParent(parent)
            .setAttribute(DESTINATION_ID, delivery.destinationId())
            .setAttribute(DESTINATION_TYPE, String.valueOf(delivery.destinationType()))
            .setAttribute(EVENT_ID, delivery.eventId())
            .setAttribute(ATTEMPT, (long) delivery.attemptNumber())
            .startSpan();
    propagator.inject(parent.with(span), delivery, EventHeaders.SETTER);
    return finished -> end(span, finished);
  }

  private static void end(Span span, FinishedDelivery finished) {
    span.setAttribute(OUTCOME, finished.outcome().label());
    if (finished.statusCode() > 0) {
      span.setAttribute(STATUS_CODE, (long) finished.statusCode());
    }
    if (finished.outcome() != AttemptOutcome.SUCCESS) {
      String error =
          finished.errorType() == null ? finished.outcome().label() : finished.errorType();
      span.setAttribute(ERROR_TYPE, error);
      span.setStatus(StatusCode.ERROR, error);
    }
    span.end();
  }
}
