package io.hookstream.page;

import java.util.List;
import java.util.function.Function;

/**
 * A page of a newest-first list. {@code nextAfter} is the id to pass as {@link PageRequest#after()}
 * for the next page, or null when {@code hasMore} is false.
 */
public record Page<T>(List<T> items, String nextAfter, boolean hasMore) {
  public Page {
    items = List.copyOf(items);
  }

  /** This page with each item converted by {@code f}. */
  public <R> Page<R> map(Function<T, R> f) {
    return new Page<>(items.stream().map(f).toList(), nextAfter, hasMore);
  }
}
