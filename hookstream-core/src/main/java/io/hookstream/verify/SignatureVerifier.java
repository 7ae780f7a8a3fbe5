package io.hookstream.verify;

import io.hookstream.ingest.IngestRequest;
import java.time.Instant;

/**
 * A compiled check of one source's webhook signatures (secret parsed, key and MAC prepared once).
 * Created by {@link SignatureVerifiers#create}. Immutable and safe for concurrent use.
 */
public interface SignatureVerifier {

  /** The scheme this verifier checks. */
  VerificationType type();

  /**
   * Returns normally if {@code request} carries a valid signature at instant {@code now}.
   *
   * @throws io.hookstream.spi.HookstreamException with {@link
   *     io.hookstream.spi.ErrorCode#UNAUTHORIZED} and a message naming the failed check: a missing
   *     header, a malformed header, a signature mismatch, or a timestamp outside the tolerance
   */
  void verify(IngestRequest request, Instant now);
}
