package io.hookstream.architecture;

import java.util.EnumSet;
import java.util.Set;

/**
 * What a module is, and so which other modules its main code may use. The arrows point one way: spi
 * ← core ← servlet, integrations; spi ← stores, providers, tck; the client stands alone. The
 * integrations (micrometer, opentelemetry) bind the core's public API to a library. Applications of
 * the library (testkit, examples, benchmarks) may use any module's public API.
 */
enum ModuleRole {
  SPI,
  CORE,
  SERVLET,
  INTEGRATION,
  STORE,
  PROVIDER,
  TCK,
  CLIENT,
  APPLICATION;

  /** The roles whose modules this role's main code may import. */
  Set<ModuleRole> mayUse() {
    return switch (this) {
      case SPI, CLIENT -> EnumSet.noneOf(ModuleRole.class);
      case CORE, STORE, PROVIDER, TCK -> EnumSet.of(SPI);
      case SERVLET, INTEGRATION -> EnumSet.of(SPI, CORE);
      case APPLICATION -> EnumSet.allOf(ModuleRole.class);
    };
  }

  /** The role of the module at {@code name}, its path from the reactor root. */
  static ModuleRole of(String name) {
    String last = name.substring(name.lastIndexOf('/') + 1);
    if (name.startsWith("hookstream-providers")) {
      return PROVIDER;
    }
    if (last.startsWith("hookstream-store-")) {
      return STORE;
    }
    return switch (last) {
      case "hookstream-spi" -> SPI;
      case "hookstream-core" -> CORE;
      case "hookstream-servlet" -> SERVLET;
      case "hookstream-tck" -> TCK;
      case "hookstream-client" -> CLIENT;
      case "hookstream-micrometer", "hookstream-opentelemetry" -> INTEGRATION;
      default -> APPLICATION;
    };
  }
}
