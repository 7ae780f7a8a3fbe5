package io.hookstream.topic.internal;

import io.hookstream.internal.Validation;
import io.hookstream.routing.TransformEngine;
import io.hookstream.routing.internal.RouteRules;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import io.hookstream.spi.store.SubscriptionRecord;
import io.hookstream.spi.store.TopicRecord;
import io.hookstream.topic.SubscriptionSpec;
import io.hookstream.topic.TopicSpec;
import java.time.Instant;

/**
 * Turns specs into records: a topic needs a name and a URL-safe slug; a subscription needs a
 * destination of the same environment, well-formed filter rules and a transform that compiles,
 * checked as a connection's are, so that both answer with the same 422.
 */
public final class TopicChecks {

  private final Store store;
  private final TransformEngine transforms;

  public TopicChecks(Store store, TransformEngine transforms) {
    this.store = store;
    this.transforms = transforms;
  }

  public TopicRecord topic(
      TopicSpec spec, String id, Scope scope, long version, Instant createdAt, Instant now) {
    Validation v = new Validation();
    String slug = v.nameSlugAndDescription(spec.name(), spec.slug(), spec.description());
    v.throwIfInvalid();
    return new TopicRecord(
        id,
        scope.orgId(),
        scope.envId(),
        spec.name(),
        slug,
        spec.description(),
        version,
        createdAt,
        now);
  }

  public SubscriptionRecord subscription(
      SubscriptionSpec spec,
      String id,
      TopicRecord topic,
      long version,
      Instant createdAt,
      Instant now) {
    Validation v = new Validation();
    if (spec.destinationId() == null || spec.destinationId().isBlank()) {
      v.error("destination_id", "is required");
    } else if (store.destinations().find(topic.scope(), spec.destinationId()).isEmpty()) {
      v.error("destination_id", "no destination " + spec.destinationId() + " in this environment");
    }
    String rules = RouteRules.filterRules(spec.filterRulesJson(), v);
    RouteRules.transform(transforms, spec.transformExpression(), v);
    v.throwIfInvalid();
    String transform =
        spec.transformExpression() == null || spec.transformExpression().isBlank()
            ? null
            : spec.transformExpression();
    return new SubscriptionRecord(
        id,
        topic.orgId(),
        topic.envId(),
        topic.id(),
        spec.destinationId(),
        rules,
        transform,
        spec.active() == null || spec.active(),
        version,
        createdAt,
        now);
  }
}
