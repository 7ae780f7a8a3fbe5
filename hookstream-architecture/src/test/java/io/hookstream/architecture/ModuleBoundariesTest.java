package io.hookstream.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.architecture.Reactor.Module;
import io.hookstream.architecture.SourceFile.Reference;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The module boundaries in every module's main code: no module names another module's {@code
 * internal} package, and each module uses only the modules its role allows ({@link
 * ModuleRole#mayUse()}). A module's own internals are its business.
 */
class ModuleBoundariesTest {

  private final Reactor reactor = Reactor.load();

  @Test
  void theScanSeesEveryModuleAndItsReferences() {
    assertThat(reactor.modules())
        .extracting(Module::name)
        .contains(
            "hookstream-spi",
            "hookstream-core",
            "hookstream-servlet",
            "hookstream-client",
            "hookstream-store-jdbc",
            "hookstream-store-memory",
            "hookstream-testkit",
            "benchmarks");
    Module servlet = module("hookstream-servlet");
    assertThat(servlet.role()).isEqualTo(ModuleRole.SERVLET);
    assertThat(servlet.sources())
        .flatExtracting(SourceFile::references)
        .extracting(Reference::packageName)
        .contains("io.hookstream.json", "io.hookstream.spi");
    assertThat(reactor.ownerOf("io.hookstream.json")).isEqualTo(module("hookstream-core"));
  }

  @Test
  void noModuleReachesIntoAnotherModulesInternalPackages() {
    List<String> violations = new ArrayList<>();
    forEachCrossReference(
        (from, file, ref, owner) -> {
          if (isInternal(ref.packageName())) {
            violations.add(
                where(from, file, ref)
                    + " uses "
                    + owner.name()
                    + "'s internal package "
                    + ref.packageName());
          }
        });
    assertThat(violations).as("references to another module's internal package").isEmpty();
  }

  @Test
  void eachModuleUsesOnlyTheModulesItsRoleAllows() {
    List<String> violations = new ArrayList<>();
    forEachCrossReference(
        (from, file, ref, owner) -> {
          if (!from.role().mayUse().contains(owner.role())) {
            violations.add(
                where(from, file, ref)
                    + " ("
                    + from.role()
                    + ") uses "
                    + owner.name()
                    + " ("
                    + owner.role()
                    + "): "
                    + ref.packageName());
          }
        });
    assertThat(violations)
        .as(
            "module arrows: spi <- core <- servlet, integrations; spi <- stores, providers,"
                + " tck; the client uses no hookstream module")
        .isEmpty();
  }

  static boolean isInternal(String packageName) {
    return packageName.endsWith(".internal") || packageName.contains(".internal.");
  }

  /** Calls {@code check} for each reference from one module's main code into another's. */
  private void forEachCrossReference(CrossReferenceCheck check) {
    for (Module from : reactor.modules()) {
      for (SourceFile file : from.sources()) {
        for (Reference ref : file.references()) {
          Module owner = reactor.ownerOf(ref.packageName());
          if (owner != null && !from.declares(ref.packageName())) {
            check.accept(from, file, ref, owner);
          }
        }
      }
    }
  }

  private Module module(String name) {
    return reactor.modules().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
  }

  private static String where(Module from, SourceFile file, Reference ref) {
    return from.name() + "/src/main/java/" + file.path() + ":" + ref.line();
  }

  private interface CrossReferenceCheck {
    void accept(Module from, SourceFile file, Reference ref, Module owner);
  }
}
