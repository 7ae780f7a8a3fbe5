package io.hookstream.benchmarks.routing;

import io.hookstream.benchmarks.Harness;
import io.hookstream.benchmarks.Mode;
import io.hookstream.benchmarks.Row;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Harness 5: runs {@link RoutingBenchmark} under JMH (one forked JVM) and reports each routing step
 * in ns per event against parsing the same body.
 */
public final class RoutingCostHarness implements Harness {

  @Override
  public String name() {
    return "routing";
  }

  @Override
  public List<Row> run(Mode mode) throws Exception {
    Options options =
        new OptionsBuilder()
            .include(RoutingBenchmark.class.getName() + "\\.")
            .forks(1)
            .warmupIterations(mode.quick() ? 2 : 5)
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(mode.quick() ? 4 : 10)
            .measurementTime(TimeValue.seconds(mode.quick() ? 1 : 2))
            .jvmArgsAppend("-Xmx1g")
            .build();
    Collection<RunResult> results = new Runner(options).run();
    Map<String, Double> nanos = new HashMap<>();
    Map<String, String> errors = new HashMap<>();
    for (RunResult r : results) {
      String label = r.getPrimaryResult().getLabel();
      nanos.put(label, r.getPrimaryResult().getScore());
      errors.put(
          label,
          String.format(
              Locale.ROOT, "± %.0f ns (99.9 %% CI)", r.getPrimaryResult().getScoreError()));
    }
    double parse = nanos.get("parseJson");
    List<Row> rows = new ArrayList<>();
    rows.add(
        Row.alone(
            name(),
            "parse 1 KB JSON (baseline)",
            parse,
            "ns/event",
            "Jackson readTree " + errors.get("parseJson")));
    rows.add(
        Row.of(
            name(),
            "filter, 3 rules, parsed body",
            nanos.get("filterParsed"),
            parse,
            "ns/event",
            errors.get("filterParsed")));
    rows.add(
        Row.of(
            name(),
            "JSONata transform, parsed body",
            nanos.get("transformParsed"),
            parse,
            "ns/event",
            errors.get("transformParsed")));
    rows.add(
        Row.of(
            name(),
            "parse + filter",
            nanos.get("parseAndFilter"),
            parse,
            "ns/event",
            errors.get("parseAndFilter")));
    rows.add(
        Row.of(
            name(),
            "parse + filter + transform",
            nanos.get("parseFilterAndTransform"),
            parse,
            "ns/event",
            errors.get("parseFilterAndTransform")));
    return rows;
  }
}
