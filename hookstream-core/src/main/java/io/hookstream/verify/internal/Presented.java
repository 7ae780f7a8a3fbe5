package io.hookstream.verify.internal;

import java.time.Instant;
import java.util.List;

/**
 * What a request's signature headers present for an HMAC scheme: the bytes signed before the body,
 * the signed timestamp (null when the scheme has none) and where it came from, and the candidate
 * signatures (any one may match, as during a secret rotation).
 */
record Presented(
    byte[] contentPrefix,
    Instant timestamp,
    String timestampSource,
    List<byte[]> signatures,
    String signatureHeader) {}
