package io.hookstream.ingest.internal;

import io.hookstream.ingest.IngestContext;
import io.hookstream.ingest.IngestResult;
import io.hookstream.ingest.IngestStep;
import java.util.List;

/**
 * The ingest steps in order, run as a chain (like OkHttp's interceptors). The chain fails loudly,
 * naming the step, when a step breaks the contract: calls proceed twice, or returns null.
 * Thread-safe: a new chain object is made per request.
 */
public final class IngestPipeline {

  private final List<IngestStep> steps;

  /** {@code steps} must end with a step that answers without proceeding (persist). */
  public IngestPipeline(List<IngestStep> steps) {
    if (steps.isEmpty()) {
      throw new IllegalArgumentException("an ingest pipeline needs at least one step");
    }
    this.steps = List.copyOf(steps);
  }

  public IngestResult run(IngestContext context) {
    return new Chain(0).proceed(context);
  }

  public List<IngestStep> steps() {
    return steps;
  }

  private final class Chain implements IngestStep.Chain {
    private final int index;
    private boolean called;

    Chain(int index) {
      this.index = index;
    }

    @Override
    public IngestResult proceed(IngestContext context) {
      if (index >= steps.size()) {
        throw new IllegalStateException(
            "ingest step " + name(index - 1) + " proceeded past the last step");
      }
      if (called) {
        throw new IllegalStateException(
            "ingest step " + name(index - 1) + " called proceed more than once");
      }
      called = true;
      IngestResult result = steps.get(index).process(context, new Chain(index + 1));
      if (result == null) {
        throw new IllegalStateException("ingest step " + name(index) + " returned null");
      }
      return result;
    }

    private String name(int i) {
      return i < 0 ? "(start)" : steps.get(i).getClass().getName();
    }
  }
}
