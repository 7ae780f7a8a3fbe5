package io.hookstream.spi.store;

import java.time.Instant;

/** The top-level tenant. */
public record Organization(String id, String name, Instant createdAt) {}
