package io.hookstream.routing.internal;

import io.hookstream.internal.Validation;
import io.hookstream.routing.FilterRules;
import io.hookstream.routing.TransformEngine;
import io.hookstream.spi.HookstreamException;

/**
 * The write-time checks of a route's filter rules and transform, shared by connections and topic
 * subscriptions so that both answer a bad rule or expression with the same 422. Stateless.
 */
public final class RouteRules {

  private RouteRules() {}

  /** The rules in canonical form ({@code op}, not {@code operator}); every bad rule named. */
  public static String filterRules(String json, Validation v) {
    if (json == null || json.isBlank()) {
      return "[]";
    }
    try {
      return FilterRules.toJsonText(FilterRules.parse(json));
    } catch (HookstreamException e) {
      v.addAll(e.fieldErrors());
      return "[]";
    }
  }

  /** Checks that a present transform is within the size limit and compiles. */
  public static void transform(TransformEngine transforms, String expression, Validation v) {
    v.checkLength("transform_expression", expression, 64_000);
    if (expression != null && !expression.isBlank()) {
      try {
        transforms.compile(expression);
      } catch (HookstreamException e) {
        v.addAll(e.fieldErrors());
      }
    }
  }
}
