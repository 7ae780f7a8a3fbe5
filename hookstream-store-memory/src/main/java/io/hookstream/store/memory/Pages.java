package io.hookstream.store.memory;

import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.function.Function;
import java.util.function.Predicate;

/** Newest-first range scans over id-keyed sorted structures. */
final class Pages {

  private Pages() {}

  /** A map whose iteration order is newest id first. */
  static <T> ConcurrentSkipListMap<String, T> newestFirstMap() {
    return new ConcurrentSkipListMap<>(Comparator.reverseOrder());
  }

  /** A set whose iteration order is newest id first. */
  static ConcurrentSkipListSet<String> newestFirstSet() {
    return new ConcurrentSkipListSet<>(Comparator.reverseOrder());
  }

  /** The rows of a newest-first map strictly older than {@code after} (all when null). */
  static <T> Iterator<T> from(NavigableMap<String, T> newestFirst, String after) {
    return (after == null ? newestFirst : newestFirst.tailMap(after, false)).values().iterator();
  }

  /** The ids of a newest-first set strictly older than {@code after} (all when null). */
  static Iterator<String> from(NavigableSet<String> newestFirst, String after) {
    return (after == null ? newestFirst : newestFirst.tailSet(after, false)).iterator();
  }

  /** Takes up to {@code limit + 1} matching rows and builds the page. */
  static <T> Page<T> collect(
      Iterator<T> rows, Predicate<T> filter, PageRequest page, Function<T, String> id) {
    List<T> fetched = new ArrayList<>(Math.min(page.limit() + 1, 64));
    while (rows.hasNext() && fetched.size() <= page.limit()) {
      T row = rows.next();
      if (row != null && filter.test(row)) {
        fetched.add(row);
      }
    }
    return Page.of(fetched, page.limit(), id);
  }

  /** Maps ids to rows lazily; an id whose row is gone maps to null (skipped by collect). */
  static <T> Iterator<T> lookup(Iterator<String> ids, Function<String, T> rowOf) {
    return new Iterator<>() {
      @Override
      public boolean hasNext() {
        return ids.hasNext();
      }

      @Override
      public T next() {
        return rowOf.apply(ids.next());
      }
    };
  }
}
