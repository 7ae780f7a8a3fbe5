package io.hookstream.benchmarks.support;

import io.hookstream.Hookstream;
import io.hookstream.source.SourceSpec;
import io.hookstream.spi.store.Scope;

/** Tenants and sources that harnesses set up in an engine. */
public final class Engines {

  private Engines() {}

  /** A new organization with one environment. */
  public static Scope tenant(Hookstream hs) {
    var org = hs.organizations().create("Bench");
    return hs.organizations().createEnvironment(org.id(), "bench").scope();
  }

  /** A source with no verification and no dedup. */
  public static String plainSource(Hookstream hs, Scope scope) {
    return hs.sources().create(scope, SourceSpec.builder().name("bench").build()).id();
  }
}
