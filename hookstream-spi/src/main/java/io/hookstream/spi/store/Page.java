package io.hookstream.spi.store;

import java.util.List;
import java.util.function.Function;

/**
 * A page of items, newest first. {@code nextAfter} is the id to pass as {@link PageRequest#after()}
 * for the next page, or null when {@code hasMore} is false.
 */
public record Page<T>(List<T> items, String nextAfter, boolean hasMore) {
  public Page {
    items = List.copyOf(items);
  }

  /**
   * Builds a page from up to {@code limit + 1} items fetched newest first: the extra item, if
   * present, only signals that there is more.
   */
  public static <T> Page<T> of(List<T> fetched, int limit, Function<T, String> id) {
    boolean more = fetched.size() > limit;
    List<T> items = more ? fetched.subList(0, limit) : fetched;
    return new Page<>(items, more ? id.apply(items.get(items.size() - 1)) : null, more);
  }

  public <R> Page<R> map(Function<T, R> f) {
    return new Page<>(items.stream().map(f).toList(), nextAfter, hasMore);
  }
}
