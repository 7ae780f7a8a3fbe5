package io.hookstream.routing;

import io.hookstream.routing.internal.RulePredicate;
import java.util.List;

/**
 * A connection's filter rules compiled once: paths split, values converted, so that {@link
 * #matches} does no parsing per event. Rules are AND-combined; no rules match every event.
 * Immutable and thread-safe; compile once per connection version and share.
 */
public final class CompiledFilter {

  /** The filter with no rules: matches everything. */
  public static final CompiledFilter MATCH_ALL = new CompiledFilter(List.of(), List.of());

  private final List<FilterRule> rules;
  private final RulePredicate[] predicates;

  private CompiledFilter(List<FilterRule> rules, List<RulePredicate> predicates) {
    this.rules = rules;
    this.predicates = predicates.toArray(RulePredicate[]::new);
  }

  /** Compiles rules that came from {@link FilterRules#parse} (or were built as valid records). */
  public static CompiledFilter compile(List<FilterRule> rules) {
    if (rules.isEmpty()) {
      return MATCH_ALL;
    }
    return new CompiledFilter(
        List.copyOf(rules), rules.stream().map(RulePredicate::compile).toList());
  }

  /** Parses stored rules JSON text and compiles it; see {@link FilterRules#parse(String)}. */
  public static CompiledFilter compile(String filterRulesJson) {
    return compile(FilterRules.parse(filterRulesJson));
  }

  /** True when every rule matches {@code input}. Never throws for any body shape. */
  public boolean matches(FilterInput input) {
    for (RulePredicate predicate : predicates) {
      if (!predicate.test(input)) {
        return false;
      }
    }
    return true;
  }

  /** The rules this filter was compiled from. */
  public List<FilterRule> rules() {
    return rules;
  }
}
