package io.hookstream.benchmarks;

import java.util.List;

/** One benchmark: runs to completion by itself and returns the lines it adds to the summary. */
public interface Harness {

  /** Short name used on the command line and in the summary, such as {@code routing}. */
  String name();

  /** Runs the harness, printing its figures as it goes. */
  List<Row> run(Mode mode) throws Exception;
}
