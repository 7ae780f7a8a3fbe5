package io.hookstream.verify.internal;

import io.hookstream.ingest.IngestRequest;

/**
 * How one HMAC scheme lays out its headers and signed content. Implementations are immutable and
 * throw the 401 of {@link Rejections} for a missing or malformed header.
 */
interface SignatureFormat {

  Presented read(IngestRequest request);

  /** The header's first value, or a "missing header" rejection naming it. */
  static String required(IngestRequest request, String header) {
    return request
        .header(header)
        .map(String::trim)
        .filter(v -> !v.isEmpty())
        .orElseThrow(() -> Rejections.missingHeader(header));
  }
}
