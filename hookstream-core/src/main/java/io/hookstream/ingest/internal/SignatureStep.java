package io.hookstream.ingest.internal;

import io.hookstream.ingest.IngestContext;
import io.hookstream.ingest.IngestResult;
import io.hookstream.ingest.IngestStep;
import io.hookstream.internal.ExpiringCache;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.SourceRecord;
import io.hookstream.spi.store.SourceRecord.Verification;
import io.hookstream.verify.SignatureVerifier;
import io.hookstream.verify.SignatureVerifiers;
import java.util.function.UnaryOperator;

/**
 * The ingest step that checks the webhook's signature when the source has verification: a failure
 * throws the verifier's 401 before anything is stored; success marks the context {@code verified}.
 * Compiled verifiers are cached per source (the newest version seen), at most {@code maxSources} of
 * them, so a stored secret is decrypted once per source version, not per request. Safe for
 * concurrent use.
 */
public final class SignatureStep implements IngestStep {

  /** The default number of sources whose compiled verifiers are kept. */
  public static final int DEFAULT_MAX_SOURCES = 10_000;

  private final ExpiringCache<String, Compiled> cache;
  private final UnaryOperator<String> openSecret;

  /** A step for sources whose secrets are stored in plaintext. */
  public SignatureStep() {
    this(DEFAULT_MAX_SOURCES, UnaryOperator.identity());
  }

  public SignatureStep(int maxSources) {
    this(maxSources, UnaryOperator.identity());
  }

  /** {@code openSecret} turns a stored secret into its plaintext. */
  public SignatureStep(int maxSources, UnaryOperator<String> openSecret) {
    this.openSecret = openSecret;
    if (maxSources < 1) {
      throw new IllegalArgumentException("maxSources must be at least 1: " + maxSources);
    }
    this.cache = new ExpiringCache<>(maxSources);
  }

  @Override
  public IngestResult process(IngestContext context, Chain chain) {
    SourceRecord source = context.source();
    if (source.verification() != null) {
      verifier(source).verify(context.request(), context.receivedAt());
      context.verificationStatus("verified");
    }
    return chain.proceed(context);
  }

  /** The number of sources with a cached verifier. */
  public int cachedSources() {
    return cache.size();
  }

  private SignatureVerifier verifier(SourceRecord source) {
    Compiled hit = cache.load(source.id(), id -> compiled(source));
    if (hit.version() >= source.version()) {
      return hit.verifier();
    }
    cache.invalidate(source.id()); // the source changed: recompile its newest version
    return cache.load(source.id(), id -> compiled(source)).verifier();
  }

  private Compiled compiled(SourceRecord source) {
    return new Compiled(source.version(), compile(source));
  }

  /** A stored verification that no longer validates is the operator's fault: fail closed, 500. */
  private SignatureVerifier compile(SourceRecord source) {
    Verification v = source.verification();
    try {
      return SignatureVerifiers.create(
          new Verification(
              v.type(),
              openSecret.apply(v.secret()),
              v.header(),
              v.encoding(),
              v.prefix(),
              v.timestampHeader(),
              v.toleranceSeconds()));
    } catch (HookstreamException e) {
      throw new HookstreamException(
          ErrorCode.INTERNAL,
          "source " + source.id() + " has invalid verification settings: " + e.getMessage(),
          e);
    }
  }

  private record Compiled(long version, SignatureVerifier verifier) {}
}
