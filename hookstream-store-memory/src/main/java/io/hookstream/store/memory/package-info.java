/**
 * The in-memory implementations of the SPI: {@link io.hookstream.store.memory.InMemoryStore},
 * {@link io.hookstream.store.memory.InMemoryKeyValueStore} and {@link
 * io.hookstream.store.memory.InMemoryBlobStore}. They are the embedded default and the test
 * default: thread-safe, fast, and gone when the JVM exits. One instance is one isolated store, so
 * several engines in one JVM share data only when they share an instance.
 */
package io.hookstream.store.memory;
