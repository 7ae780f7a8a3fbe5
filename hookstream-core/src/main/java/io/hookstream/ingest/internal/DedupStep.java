package io.hookstream.ingest.internal;

import io.hookstream.ingest.DedupSettings;
import io.hookstream.ingest.IngestContext;
import io.hookstream.ingest.IngestResult;
import io.hookstream.ingest.IngestStep;
import io.hookstream.spi.KeyValueStore;
import io.hookstream.spi.store.SourceRecord;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Marks a request unique or a duplicate within the source's dedup window. It claims the dedup key
 * with the context's event id (assigned before the pipeline runs) in one atomic {@link
 * KeyValueStore#putIfAbsent}, so of N identical requests racing on any number of engines exactly
 * one is unique and the others all name it as their original. Duplicates still go down the chain
 * (they are stored for visibility, then not routed); a request whose key cannot be extracted is
 * unique. If the rest of the chain fails for the unique request, the key is released so a retry is
 * not taken for a duplicate of an event that was never stored. Thread-safe.
 */
public final class DedupStep implements IngestStep {

  private final KeyValueStore kv;

  public DedupStep(KeyValueStore kv) {
    this.kv = Objects.requireNonNull(kv, "kv");
  }

  @Override
  public IngestResult process(IngestContext context, Chain chain) {
    SourceRecord.Dedup dedup = context.source().dedup();
    if (dedup == null) {
      return chain.proceed(context);
    }
    String strategy =
        dedup.strategy() == null
            ? DedupSettings.PAYLOAD_HASH
            : dedup.strategy().trim().toLowerCase(Locale.ROOT);
    Optional<String> key = DedupKeys.key(context, strategy, dedup.field());
    if (key.isEmpty()) {
      context.markUnique();
      return chain.proceed(context);
    }
    int seconds =
        dedup.windowSeconds() > 0 ? dedup.windowSeconds() : DedupSettings.DEFAULT_WINDOW_SECONDS;
    Optional<String> original =
        kv.putIfAbsent(key.get(), context.eventId(), Duration.ofSeconds(seconds));
    if (original.isPresent()) {
      context.markDuplicate(original.get());
      return chain.proceed(context);
    }
    context.markUnique();
    try {
      return chain.proceed(context);
    } catch (RuntimeException | Error e) {
      release(key.get(), e);
      throw e;
    }
  }

  private void release(String key, Throwable cause) {
    try {
      kv.delete(key);
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
    }
  }
}
