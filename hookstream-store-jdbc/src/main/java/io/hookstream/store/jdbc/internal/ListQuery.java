package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * A newest-first list query built from optional conditions, paged by id: {@code WHERE ... AND
 * id < ? ORDER BY id DESC LIMIT n+1}, which an index on (scope..., id) answers as a range scan.
 * Not thread-safe; build one per call.
 */
public final class ListQuery {

  private final StringBuilder sql;
  private final List<Object> params = new ArrayList<>();

  /** Starts from {@code select} (a SELECT ... FROM ... WHERE with at least one condition). */
  public ListQuery(String select, Object... params) {
    this.sql = new StringBuilder(select);
    this.params.addAll(List.of(params));
  }

  /** Adds {@code AND condition} when {@code value} is not null, binding it. */
  public ListQuery andIf(Object value, String condition) {
    if (value != null) {
      sql.append(" AND ").append(condition);
      params.add(value);
    }
    return this;
  }

  /** Adds {@code AND condition} with its parameters. */
  public ListQuery and(String condition, Object... values) {
    sql.append(" AND ").append(condition);
    params.addAll(List.of(values));
    return this;
  }

  public <T> Page<T> page(Jdbc jdbc, PageRequest page, Jdbc.RowMapper<T> mapper,
      Function<T, String> id) {
    andIf(page.after(), "id < ?");
    sql.append(" ORDER BY id DESC LIMIT ?");
    params.add(page.limit() + 1);
    List<T> rows = jdbc.query(sql.toString(), mapper, params.toArray());
    return Page.of(rows, page.limit(), id);
  }
}
