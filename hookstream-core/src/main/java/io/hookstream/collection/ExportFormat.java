package io.hookstream.collection;

import java.util.Locale;
import java.util.Optional;

/**
 * How an export writes records: {@code NDJSON} one JSON object per line (the default), {@code JSON}
 * one streamed array, {@code CSV} one row per record with nested fields flattened to dot-notation
 * columns.
 */
public enum ExportFormat {
  NDJSON("application/x-ndjson"),
  JSON("application/json"),
  CSV("text/csv; charset=utf-8");

  private final String contentType;

  ExportFormat(String contentType) {
    this.contentType = contentType;
  }

  public String contentType() {
    return contentType;
  }

  /** The format named {@code name} ({@code ndjson}, {@code json} or {@code csv}, any case). */
  public static Optional<ExportFormat> named(String name) {
    for (ExportFormat f : values()) {
      if (f.name().equalsIgnoreCase(name)) {
        return Optional.of(f);
      }
    }
    return Optional.empty();
  }

  /** The lower-case name, as the API spells it. */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
