/**
 * {@link io.hookstream.store.file.FileSystemBlobStore}: blobs (large bodies, archives) as files in
 * a directory, written atomically and durably. It needs only the SPI and {@code java.nio}, so it
 * ships with the in-memory stores and can be combined with any {@code Store}.
 */
package io.hookstream.store.file;
