package io.hookstream.store.memory;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import io.hookstream.spi.store.Scope;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Rows of one aggregate, kept per scope in a newest-first skip list so that a page is a range scan.
 * Optionally also indexes id to scope for the few cross-tenant lookups. Thread-safe; a conditional
 * change is a compare-and-set loop on the row.
 */
final class ScopedTable<T> {

  private final String what;
  private final Function<T, String> idOf;
  private final Function<T, Scope> scopeOf;
  private final ConcurrentHashMap<Scope, ConcurrentSkipListMap<String, T>> byScope =
      new ConcurrentHashMap<>();

  /** Id to scope, or null when the table needs no cross-tenant lookup (saves memory). */
  private final ConcurrentHashMap<String, Scope> scopes;

  ScopedTable(String what, Function<T, String> idOf, Function<T, Scope> scopeOf, boolean global) {
    this.what = what;
    this.idOf = idOf;
    this.scopeOf = scopeOf;
    this.scopes = global ? new ConcurrentHashMap<>() : null;
  }

  /** Adds a new row; CONFLICT if its id is taken. */
  void insert(T row) {
    String id = idOf.apply(row);
    Scope scope = scopeOf.apply(row);
    if (scopes != null && scopes.putIfAbsent(id, scope) != null) {
      throw duplicateId(id);
    }
    if (rows(scope).putIfAbsent(id, row) != null) {
      throw duplicateId(id);
    }
  }

  /**
   * Fails with CONFLICT unless {@code id} is free, for callers that insert several rows at once.
   */
  void checkFree(Scope scope, String id) {
    if (get(scope, id).isPresent() || (scopes != null && scopes.containsKey(id))) {
      throw duplicateId(id);
    }
  }

  Optional<T> get(Scope scope, String id) {
    ConcurrentSkipListMap<String, T> rows = byScope.get(scope);
    return rows == null || id == null ? Optional.empty() : Optional.ofNullable(rows.get(id));
  }

  /** Across tenants; only for tables built with {@code global}. */
  Optional<T> get(String id) {
    Scope scope = id == null ? null : scopes.get(id);
    return scope == null ? Optional.empty() : get(scope, id);
  }

  /**
   * Replaces the row {@code id} of {@code scope} with {@code change(row)}, retried until no
   * concurrent change interferes; {@code change} must be pure and returns null to refuse.
   *
   * @return the stored replacement, or empty if the row is unknown or the change refused
   */
  Optional<T> update(Scope scope, String id, UnaryOperator<T> change) {
    ConcurrentSkipListMap<String, T> rows = byScope.get(scope);
    if (rows == null || id == null) {
      return Optional.empty();
    }
    while (true) {
      T old = rows.get(id);
      T replacement = old == null ? null : change.apply(old);
      if (replacement == null) {
        return Optional.empty();
      }
      if (rows.replace(id, old, replacement)) {
        return Optional.of(replacement);
      }
    }
  }

  /** Removes the row {@code id} of {@code scope}; the removed row, if there was one. */
  Optional<T> remove(Scope scope, String id) {
    ConcurrentSkipListMap<String, T> rows = byScope.get(scope);
    T removed = rows == null ? null : rows.remove(id);
    if (removed != null && scopes != null) {
      scopes.remove(id);
    }
    return Optional.ofNullable(removed);
  }

  /** Every row of every scope, in no particular order. */
  java.util.List<T> all() {
    java.util.List<T> rows = new java.util.ArrayList<>();
    byScope.values().forEach(m -> rows.addAll(m.values()));
    return rows;
  }

  /** Every row of {@code scope}, oldest (lowest id) first. */
  Iterator<T> oldestFirst(Scope scope) {
    ConcurrentSkipListMap<String, T> rows = byScope.get(scope);
    return rows == null
        ? java.util.Collections.emptyIterator()
        : rows.descendingMap().values().iterator();
  }

  /** Every row of {@code scope} with an id above {@code after} (all when null), oldest first. */
  Iterator<T> oldestFirstAfter(Scope scope, String after) {
    ConcurrentSkipListMap<String, T> rows = byScope.get(scope);
    if (rows == null) {
      return java.util.Collections.emptyIterator();
    }
    var ascending = rows.descendingMap();
    return (after == null ? ascending : ascending.tailMap(after, false)).values().iterator();
  }

  /** Every row of {@code scope} older than {@code after}, newest first. */
  Iterator<T> newestFirst(Scope scope, String after) {
    ConcurrentSkipListMap<String, T> rows = byScope.get(scope);
    return rows == null ? java.util.Collections.emptyIterator() : Pages.from(rows, after);
  }

  /**
   * The rows of {@code scope} named by a newest-first id index (null: none), older than {@code
   * after}; ids of other scopes are skipped.
   */
  Iterator<T> newestFirst(Scope scope, java.util.NavigableSet<String> ids, String after) {
    ConcurrentSkipListMap<String, T> rows = byScope.get(scope);
    return rows == null || ids == null
        ? java.util.Collections.emptyIterator()
        : Pages.lookup(Pages.from(ids, after), rows::get);
  }

  Page<T> page(Scope scope, PageRequest page, Predicate<T> filter) {
    return Pages.collect(newestFirst(scope, page.after()), filter, page, idOf);
  }

  private ConcurrentSkipListMap<String, T> rows(Scope scope) {
    return byScope.computeIfAbsent(scope, s -> Pages.newestFirstMap());
  }

  private HookstreamException duplicateId(String id) {
    return new HookstreamException(ErrorCode.CONFLICT, what + " id already exists: " + id);
  }
}
