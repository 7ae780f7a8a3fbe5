package io.hookstream.benchmarks;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** Prints rows as a Markdown table, ready to paste into {@code docs/benchmarks.md}. */
final class SummaryTable {

  private SummaryTable() {}

  static void print(List<Row> rows, PrintStream out) {
    out.println("| harness | measure | hookstream | baseline | ratio | unit | note |");
    out.println("|---|---|---:|---:|---:|---|---|");
    for (Row r : rows) {
      out.printf(
          Locale.ROOT,
          "| %s | %s | %s | %s | %s | %s | %s |%n",
          r.harness(),
          r.measure(),
          number(r.value()),
          number(r.baseline()),
          Double.isNaN(r.ratio()) ? "" : String.format(Locale.ROOT, "%.2f", r.ratio()),
          r.unit(),
          r.note() == null ? "" : r.note());
    }
  }

  static String number(double v) {
    if (Double.isNaN(v)) {
      return "";
    }
    if (Math.abs(v) >= 100) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    return String.format(Locale.ROOT, "%.3g", v);
  }
}
