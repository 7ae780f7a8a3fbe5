package io.hookstream.benchmarks;

import io.hookstream.benchmarks.collections.CollectionsHarness;
import io.hookstream.benchmarks.delivery.EndToEndHarness;
import io.hookstream.benchmarks.delivery.HeldXminHarness;
import io.hookstream.benchmarks.durable.DurableIngestHarness;
import io.hookstream.benchmarks.growth.CostGrowthHarness;
import io.hookstream.benchmarks.http.HttpIngestHarness;
import io.hookstream.benchmarks.routing.RoutingCostHarness;
import io.hookstream.benchmarks.scaleout.ScaleOutHarness;
import io.hookstream.benchmarks.support.Databases;
import io.hookstream.benchmarks.ws.WebSocketFanOutHarness;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the harnesses: {@code Main quick|full [harness...]}. Without harness names all run, in a
 * fixed order. Prints each harness's figures as it goes, then one summary table. Exits 1 if a
 * harness failed (its failure is a line of the table too).
 */
public final class Main {

  private static final Logger LOG = LoggerFactory.getLogger(Main.class);

  private Main() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0 || !(args[0].equals("quick") || args[0].equals("full"))) {
      System.err.println(
          "usage: Main quick|full [http durable delivery xmin scaleout websocket routing growth collections]");
      System.exit(2);
    }
    Mode mode = Mode.valueOf(args[0].toUpperCase(Locale.ROOT));
    boolean failed = false;
    List<Row> rows = new ArrayList<>();
    long start = System.nanoTime();
    try (Databases databases = new Databases()) {
      Map<String, Harness> harnesses = harnesses(databases);
      List<String> chosen =
          args.length > 1 ? List.of(args).subList(1, args.length) : List.copyOf(harnesses.keySet());
      System.out.println(machine(mode));
      for (String name : chosen) {
        Harness h = harnesses.get(name);
        if (h == null) {
          System.err.println("unknown harness " + name + "; known: " + harnesses.keySet());
          System.exit(2);
        }
        System.out.printf(
            Locale.ROOT, "%n=== %s (%s); load average %.1f ===%n", name, mode, loadAverage());
        long t0 = System.nanoTime();
        try {
          rows.addAll(h.run(mode));
        } catch (Exception | AssertionError e) {
          failed = true;
          LOG.error("harness {} failed", name, e);
          rows.add(Row.alone(name, "FAILED", Double.NaN, "", e.toString()));
        }
        System.out.printf(
            Locale.ROOT,
            "=== %s took %.1f s; load average %.1f ===%n",
            name,
            (System.nanoTime() - t0) / 1e9,
            loadAverage());
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%n## Summary (%s, %.0f s in all)%n%n",
        mode,
        (System.nanoTime() - start) / 1e9);
    System.out.println(machine(mode));
    System.out.println();
    SummaryTable.print(rows, System.out);
    System.exit(failed ? 1 : 0);
  }

  private static Map<String, Harness> harnesses(Databases databases) {
    Map<String, Harness> all = new LinkedHashMap<>();
    // The numbering: 1 http, 2 durable, 3 delivery (3b xmin, 3c scaleout), 4 websocket,
    // 5 routing, 6 growth.
    for (Harness h :
        List.of(
            new HttpIngestHarness(databases),
            new DurableIngestHarness(databases),
            new EndToEndHarness(databases),
            new HeldXminHarness(databases),
            new ScaleOutHarness(databases),
            new WebSocketFanOutHarness(),
            new RoutingCostHarness(),
            new CostGrowthHarness(databases),
            new CollectionsHarness(databases))) {
      all.put(h.name(), h);
    }
    return all;
  }

  /** The 1-minute load average: other work on the machine shows here. */
  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  private static String machine(Mode mode) {
    Runtime rt = Runtime.getRuntime();
    long physical =
        ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
            .getTotalMemorySize();
    return String.format(
        Locale.ROOT,
        "mode=%s date=%s cpus=%d memory=%.1f GiB max-heap=%.1f GiB java=%s (%s) os=%s %s"
            + " load-average=%.1f",
        mode.name().toLowerCase(Locale.ROOT),
        Instant.now(),
        rt.availableProcessors(),
        physical / (1024.0 * 1024 * 1024),
        rt.maxMemory() / (1024.0 * 1024 * 1024),
        System.getProperty("java.runtime.version"),
        System.getProperty("java.vm.name"),
        System.getProperty("os.name"),
        System.getProperty("os.arch"),
        loadAverage());
  }
}
