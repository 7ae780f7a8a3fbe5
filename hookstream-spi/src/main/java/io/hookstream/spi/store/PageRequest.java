package io.hookstream.spi.store;

/**
 * One page of a newest-first list: at most {@code limit} items whose ids sort before {@code after}
 * (exclusive), or the first page when {@code after} is null. Ids sort by creation time, so a page
 * is an index range scan and stays stable while rows are inserted.
 */
public record PageRequest(String after, int limit) {
  public static final int DEFAULT_LIMIT = 20;
  public static final int MAX_LIMIT = 100;

  public PageRequest {
    if (limit < 1 || limit > MAX_LIMIT) {
      throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ": " + limit);
    }
  }

  public static PageRequest first(int limit) {
    return new PageRequest(null, limit);
  }
}
