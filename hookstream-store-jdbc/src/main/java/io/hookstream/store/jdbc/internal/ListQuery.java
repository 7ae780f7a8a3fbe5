package io.hookstream.store.jdbc.internal;

import io.hookstream.spi.store.Page;
import io.hookstream.spi.store.PageRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A newest-first list query built from optional conditions, paged by id: {@code WHERE ... AND id <
 * ? ORDER BY id DESC LIMIT n+1}, which an index on (scope..., id) answers as a range scan. The
 * ORDER BY also names every column bound by {@code column = ?}, descending, ahead of {@code id}:
 * the order is the same (those columns are constant), but H2 only walks an index backwards for a
 * sort that names its leading columns, and otherwise sorts the whole scope. Not thread-safe; build
 * one per call.
 */
public final class ListQuery {

  private static final Pattern EQUALITY = Pattern.compile("\\b(\\w+) = \\?");

  private final StringBuilder sql;
  private final List<Object> params = new ArrayList<>();
  private final List<String> boundColumns = new ArrayList<>();

  /** Starts from {@code select} (a SELECT ... FROM ... WHERE with at least one condition). */
  public ListQuery(String select, Object... params) {
    this.sql = new StringBuilder(select);
    this.params.addAll(List.of(params));
    bound(select);
  }

  /** Adds {@code AND condition} when {@code value} is not null, binding it. */
  public ListQuery andIf(Object value, String condition) {
    if (value != null) {
      sql.append(" AND ").append(condition);
      params.add(value);
      bound(condition);
    }
    return this;
  }

  /** Adds {@code AND condition} with its parameters. */
  public ListQuery and(String condition, Object... values) {
    sql.append(" AND ").append(condition);
    params.addAll(List.of(values));
    return this;
  }

  public <T> Page<T> page(
      Jdbc jdbc, PageRequest page, Jdbc.RowMapper<T> mapper, Function<T, String> id) {
    andIf(page.after(), "id < ?");
    sql.append(" ORDER BY ");
    boundColumns.forEach(c -> sql.append(c).append(" DESC, "));
    sql.append("id DESC LIMIT ?");
    params.add(page.limit() + 1);
    List<T> rows = jdbc.query(sql.toString(), mapper, params.toArray());
    return Page.of(rows, page.limit(), id);
  }

  private void bound(String conditions) {
    Matcher m = EQUALITY.matcher(conditions);
    while (m.find()) {
      if (!m.group(1).equals("id") && !boundColumns.contains(m.group(1))) {
        boundColumns.add(m.group(1));
      }
    }
  }
}
