package io.hookstream.ingest.internal;

import io.hookstream.ingest.IngestContext;
import io.hookstream.ingest.IngestResult;
import io.hookstream.ingest.IngestStep;
import io.hookstream.ingest.IpRules;
import io.hookstream.internal.ExpiringCache;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.SourceRecord;

/**
 * Rejects requests by client IP: the source's denylist first, then its allowlist (when it has one),
 * both with 403. Uses {@link IngestContext#clientIp()}, so it runs after {@link ClientIpStep}. An
 * unknown client address never matches a list, so it passes a denylist and fails an allowlist.
 * Compiled lists are cached per source version. Thread-safe.
 */
public final class IpFilterStep implements IngestStep {

  /** How many source versions keep their compiled lists. */
  public static final int DEFAULT_CACHE_SIZE = 10_000;

  private final ExpiringCache<SourceVersion, Lists> cache;

  public IpFilterStep() {
    this(DEFAULT_CACHE_SIZE);
  }

  public IpFilterStep(int cacheSize) {
    this.cache = new ExpiringCache<>(cacheSize);
  }

  @Override
  public IngestResult process(IngestContext context, Chain chain) {
    SourceRecord source = context.source();
    if (source.ipAllowlist().isEmpty() && source.ipDenylist().isEmpty()) {
      return chain.proceed(context);
    }
    Lists lists = cache.load(SourceVersion.of(source), key -> compile(source));
    String ip = context.clientIp();
    String shown = ip == null ? "unknown" : ip;
    if (lists.deny.contains(ip)) {
      throw new HookstreamException(
          ErrorCode.FORBIDDEN, "IP address " + shown + " is denied by the source's denylist");
    }
    if (!lists.allow.isEmpty() && !lists.allow.contains(ip)) {
      throw new HookstreamException(
          ErrorCode.FORBIDDEN, "IP address " + shown + " is not in the source's allowlist");
    }
    return chain.proceed(context);
  }

  /** Lists stored without validation fail closed: every request is refused until fixed. */
  private static Lists compile(SourceRecord source) {
    try {
      return new Lists(
          IpRules.parse(source.ipDenylist(), "ip_denylist"),
          IpRules.parse(source.ipAllowlist(), "ip_allowlist"));
    } catch (HookstreamException e) {
      throw new HookstreamException(
          ErrorCode.INTERNAL,
          "source " + source.id() + " has invalid IP rules: " + e.getMessage(),
          e);
    }
  }

  private record Lists(IpRules deny, IpRules allow) {}
}
