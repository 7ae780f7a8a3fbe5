package io.hookstream.benchmarks;

/** How much work a run does: {@code quick} (a few minutes on 2 cores) or {@code full}. */
public enum Mode {
  QUICK,
  FULL;

  public boolean quick() {
    return this == QUICK;
  }
}
