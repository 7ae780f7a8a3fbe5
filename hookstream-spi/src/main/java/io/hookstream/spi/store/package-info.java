/**
 * The persistence contract ({@link io.hookstream.spi.store.Store}) and the records it stores.
 * Records are immutable values; arbitrary JSON (filter rules, schemas, provider config) travels as
 * JSON text that the engine parses, so stores never need a JSON library.
 */
package io.hookstream.spi.store;
