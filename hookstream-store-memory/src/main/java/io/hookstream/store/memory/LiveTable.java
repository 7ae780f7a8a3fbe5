package io.hookstream.store.memory;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Versioned, soft-deletable rows with an optional slug that is unique among the live rows of a
 * scope: sources, destinations, connections. Reads are lock-free; writes hold the table's lock so
 * that the slug check and the write are one step.
 */
final class LiveTable<T> {

  /** How to read the columns the table needs from a row, and how to mark one deleted. */
  record Columns<T>(
      String what,
      Function<T, String> id,
      Function<T, Scope> scope,
      Function<T, String> slug,
      Function<T, Long> version,
      Function<T, Instant> deletedAt,
      BiFunction<T, Instant, T> deletedCopy) {}

  private final Columns<T> columns;
  private final ScopedTable<T> rows;

  /** Live slugs per scope, to the id holding them; guarded by {@code this}. */
  private final Map<Scope, Map<String, String>> slugs = new HashMap<>();

  LiveTable(Columns<T> columns) {
    this.columns = columns;
    this.rows = new ScopedTable<>(columns.what(), columns.id(), columns.scope(), true);
  }

  synchronized void insert(T row) {
    Scope scope = columns.scope().apply(row);
    String id = columns.id().apply(row);
    checkSlugFree(scope, columns.slug().apply(row), id);
    rows.insert(row);
    if (live(row)) {
      holdSlug(scope, columns.slug().apply(row), id);
    }
  }

  /** A live row of the scope. */
  Optional<T> find(Scope scope, String id) {
    return rows.get(scope, id).filter(this::live);
  }

  /** Any row with this id, in any scope, deleted or not. */
  Optional<T> findAny(String id) {
    return rows.get(id);
  }

  Page<T> page(Scope scope, PageRequest page, Predicate<T> filter) {
    return rows.page(scope, page, r -> live(r) && filter.test(r));
  }

  /** How many rows of {@code scope} are not deleted. */
  long countLive(Scope scope) {
    long n = 0;
    for (var it = rows.oldestFirst(scope); it.hasNext(); ) {
      n += live(it.next()) ? 1 : 0;
    }
    return n;
  }

  java.util.Iterator<T> newestFirst(Scope scope) {
    return rows.newestFirst(scope, null);
  }

  /** Replaces a live row whose stored version is one less than the new one's. */
  synchronized boolean update(T row) {
    Scope scope = columns.scope().apply(row);
    String id = columns.id().apply(row);
    T stored = find(scope, id).orElse(null);
    if (stored == null || columns.version().apply(stored) != columns.version().apply(row) - 1) {
      return false;
    }
    String oldSlug = columns.slug().apply(stored);
    String newSlug = columns.slug().apply(row);
    checkSlugFree(scope, newSlug, id);
    rows.update(scope, id, old -> row);
    releaseSlug(scope, oldSlug, id);
    if (live(row)) {
      holdSlug(scope, newSlug, id);
    }
    return true;
  }

  /** Soft-deletes a live row; false if unknown or already deleted. */
  synchronized boolean delete(Scope scope, String id, Instant at) {
    Optional<T> deleted =
        rows.update(scope, id, old -> live(old) ? columns.deletedCopy().apply(old, at) : null);
    deleted.ifPresent(row -> releaseSlug(scope, columns.slug().apply(row), id));
    return deleted.isPresent();
  }

  private boolean live(T row) {
    return columns.deletedAt().apply(row) == null;
  }

  private void checkSlugFree(Scope scope, String slug, String id) {
    if (slug == null) {
      return;
    }
    String holder = slugs.getOrDefault(scope, Map.of()).get(slug);
    if (holder != null && !holder.equals(id)) {
      throw new HookstreamException(
          ErrorCode.CONFLICT, columns.what() + " slug already exists: " + slug);
    }
  }

  private void holdSlug(Scope scope, String slug, String id) {
    if (slug != null) {
      slugs.computeIfAbsent(scope, s -> new HashMap<>()).put(slug, id);
    }
  }

  private void releaseSlug(Scope scope, String slug, String id) {
    Map<String, String> taken = slugs.get(scope);
    if (slug != null && taken != null && Objects.equals(taken.get(slug), id)) {
      taken.remove(slug);
    }
  }
}
