package io.hookstream.benchmarks;

/**
 * One line of the summary: a figure measured for hookstream, the baseline measured in the same run,
 * their ratio and the unit. {@code baseline} is NaN where a figure has no baseline (the ratio is
 * then NaN too). A target, when the issue sets one, is stated in {@code note}.
 */
public record Row(
    String harness, String measure, double value, double baseline, String unit, String note) {

  /** {@code value / baseline}, or NaN without a baseline. */
  public double ratio() {
    return Double.isNaN(baseline) || baseline == 0 ? Double.NaN : value / baseline;
  }

  public static Row of(
      String harness, String measure, double value, double baseline, String unit, String note) {
    return new Row(harness, measure, value, baseline, unit, note);
  }

  public static Row alone(String harness, String measure, double value, String unit, String note) {
    return new Row(harness, measure, value, Double.NaN, unit, note);
  }
}
