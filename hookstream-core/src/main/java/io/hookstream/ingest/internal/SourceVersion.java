package io.hookstream.ingest.internal;

import io.hookstream.spi.store.SourceRecord;

/** Cache key for artefacts compiled from one version of a source's settings. */
public record SourceVersion(String sourceId, long version) {

  public static SourceVersion of(SourceRecord source) {
    return new SourceVersion(source.id(), source.version());
  }
}
