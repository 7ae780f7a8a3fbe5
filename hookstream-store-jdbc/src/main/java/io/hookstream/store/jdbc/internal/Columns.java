package io.hookstream.store.jdbc.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A table's written columns and their bind markers: a spec {@code "name"} binds as is, {@code
 * "name:json"} as JSON and {@code "name:ojson"} as key-order-keeping JSON, per dialect.
 */
public record Columns(List<String> names, List<String> markers) {

  public static Columns of(Dialect dialect, String... specs) {
    List<String> names = new ArrayList<>();
    List<String> markers = new ArrayList<>();
    for (String spec : specs) {
      int colon = spec.indexOf(':');
      String name = colon < 0 ? spec : spec.substring(0, colon);
      String kind = colon < 0 ? "" : spec.substring(colon + 1);
      names.add(name);
      markers.add(
          switch (kind) {
            case "" -> "?";
            case "json" -> dialect.jsonParam();
            case "ojson" -> dialect.orderedJsonParam();
            default -> throw new IllegalArgumentException("unknown column kind " + spec);
          });
    }
    return new Columns(List.copyOf(names), List.copyOf(markers));
  }

  /** {@code INSERT INTO table (a, b) VALUES (?, ?)}. */
  public String insert(String table) {
    return "INSERT INTO "
        + table
        + " ("
        + String.join(", ", names)
        + ") VALUES ("
        + String.join(", ", markers)
        + ")";
  }

  /** {@code a = ?, b = ?} for every column except {@code skipped}. */
  public String assignments(String... skipped) {
    Set<String> skip = Set.of(skipped);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < names.size(); i++) {
      if (skip.contains(names.get(i))) {
        continue;
      }
      if (sb.length() > 0) {
        sb.append(", ");
      }
      sb.append(names.get(i)).append(" = ").append(markers.get(i));
    }
    return sb.toString();
  }

  /** {@code ?, ?, ?} for {@code n} values. */
  public static String markers(int n) {
    return String.join(", ", java.util.Collections.nCopies(n, "?"));
  }
}
