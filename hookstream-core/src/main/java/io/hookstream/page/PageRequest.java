package io.hookstream.page;

/**
 * One page of a newest-first list: at most {@code limit} items whose ids sort before {@code after}
 * (exclusive), or the first page when {@code after} is null. Ids sort by creation time, so a page
 * stays stable while new items arrive.
 */
public record PageRequest(String after, int limit) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  /**
   * @throws IllegalArgumentException if {@code limit} is not 1 to {@link #MAX_LIMIT}
   */
  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
    }
  }

  /** The first page of at most {@code limit} items. */
  public static PageRequest first(int limit) {
    return new PageRequest(null, limit);
  }

  /** The page after {@code page}, or null if it was the last. */
  public PageRequest next(Page<?> page) {
    return page.hasMore() ? new PageRequest(page.nextAfter(), limit) : null;
  }
}
