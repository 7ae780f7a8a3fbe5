package io.hookstream.providers.kafka.internal;

import java.util.List;
import java.util.Map;

/**
 * What a successful send tells the delivery log: the HTTP status (0 for the producer), the record's
 * key and headers (never credentials) and where it landed ({@code partition=0 offset=42}).
 */
public record Sent(int statusCode, Map<String, List<String>> requestDetails, String summary) {}
