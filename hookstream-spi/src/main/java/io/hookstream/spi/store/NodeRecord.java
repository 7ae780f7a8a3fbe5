package io.hookstream.spi.store;

import java.time.Instant;

/** An engine (node) sharing the store, and when it last said it was alive. */
public record NodeRecord(String id, Instant lastHeartbeatAt) {}
