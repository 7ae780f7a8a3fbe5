package io.hookstream.connection.internal;

import io.hookstream.connection.ConnectionSpec;
import io.hookstream.internal.Validation;
import io.hookstream.routing.TransformEngine;
import io.hookstream.routing.internal.FieldPath;
import io.hookstream.routing.internal.RouteRules;
import io.hookstream.spi.store.ConnectionRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.time.Instant;

/**
 * Turns a {@link ConnectionSpec} into a {@link ConnectionRecord}: the source and destination must
 * exist in the same scope, filter rules must be well-formed and the transform must compile, so a
 * bad rule or expression is a 422 at write time rather than a failure at delivery. The ordering key
 * must be a field path as filter rules use them.
 */
public final class ConnectionChecks {

  private final Store store;
  private final TransformEngine transforms;

  public ConnectionChecks(Store store, TransformEngine transforms) {
    this.store = store;
    this.transforms = transforms;
  }

  public ConnectionRecord toRecord(
      ConnectionSpec spec, String id, Scope scope, long version, Instant createdAt, Instant now) {
    Validation v = new Validation();
    v.checkLength("name", spec.name(), 200);
    if (spec.sourceId() == null || spec.sourceId().isBlank()) {
      v.error("source_id", "is required");
    } else if (store.sources().find(scope, spec.sourceId()).isEmpty()) {
      v.error("source_id", "no source " + spec.sourceId() + " in this environment");
    }
    if (spec.destinationId() == null || spec.destinationId().isBlank()) {
      v.error("destination_id", "is required");
    } else if (store.destinations().find(scope, spec.destinationId()).isEmpty()) {
      v.error("destination_id", "no destination " + spec.destinationId() + " in this environment");
    }
    String rules = RouteRules.filterRules(spec.filterRulesJson(), v);
    boolean transformEnabled =
        spec.transformEnabled() == null
            ? spec.transformExpression() != null
            : spec.transformEnabled();
    if (transformEnabled
        && (spec.transformExpression() == null || spec.transformExpression().isBlank())) {
      v.error("transform_expression", "is required when transform_enabled is true");
    }
    RouteRules.transform(transforms, spec.transformExpression(), v);
    if (spec.orderingKey() != null) {
      FieldPath.problem(spec.orderingKey()).ifPresent(p -> v.error("ordering_key", p));
      v.checkLength("ordering_key", spec.orderingKey(), 500);
    }
    v.throwIfInvalid();
    return new ConnectionRecord(
        id,
        scope.orgId(),
        scope.envId(),
        spec.name(),
        spec.sourceId(),
        spec.destinationId(),
        rules,
        spec.transformExpression(),
        transformEnabled,
        spec.enabled() == null || spec.enabled(),
        spec.orderingKey(),
        version,
        createdAt,
        now,
        null);
  }
}
