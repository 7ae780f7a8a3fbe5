package io.hookstream;

/**
 * Size limits of the ingest path. {@code maxBodyBytes}: a larger body is refused with 413 (default
 * 5 MiB). {@code inlineBodyBytes}: bodies up to this size are stored with the event, larger ones in
 * the blob store (default 10 KiB).
 */
public record Limits(int maxBodyBytes, int inlineBodyBytes) {

  public static final int DEFAULT_MAX_BODY_BYTES = 5 * 1024 * 1024;
  public static final int DEFAULT_INLINE_BODY_BYTES = 10 * 1024;
  public static final Limits DEFAULT =
      new Limits(DEFAULT_MAX_BODY_BYTES, DEFAULT_INLINE_BODY_BYTES);

  public Limits {
    if (maxBodyBytes < 1) {
      throw new IllegalArgumentException("maxBodyBytes must be positive: " + maxBodyBytes);
    }
    if (inlineBodyBytes < 0) {
      throw new IllegalArgumentException("inlineBodyBytes must be >= 0: " + inlineBodyBytes);
    }
  }
}
