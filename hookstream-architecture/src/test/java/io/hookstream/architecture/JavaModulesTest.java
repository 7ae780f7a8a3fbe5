package io.hookstream.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.architecture.Reactor.Module;
import io.hookstream.examples.embedded.EmbeddedExample;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java module descriptors of the library modules: each exports exactly its non-internal
 * packages under its pom's {@code module.name}, and an application embeds the library from the
 * module path with core's internals closed to it.
 */
class JavaModulesTest {

  private static final Pattern MODULE_NAME =
      Pattern.compile("<module\\.name>([^<]+)</module\\.name>");

  private final Reactor reactor = Reactor.load();

  @Test
  void eachLibraryModuleExportsExactlyItsNonInternalPackages() throws IOException {
    List<String> violations = new ArrayList<>();
    List<Module> libraries = reactor.modules().stream().filter(Module::published).toList();
    assertThat(libraries).extracting(Module::name).contains("hookstream-core", "hookstream-tck");
    for (Module m : libraries) {
      Path descriptorFile = m.dir().resolve("target/classes/module-info.class");
      if (!Files.isRegularFile(m.dir().resolve("src/main/java/module-info.java"))
          || !Files.isRegularFile(descriptorFile)) {
        violations.add(m.name() + " has no compiled module-info.java");
        continue;
      }
      ModuleDescriptor descriptor;
      try (InputStream in = Files.newInputStream(descriptorFile)) {
        descriptor = ModuleDescriptor.read(in);
      }
      String expectedName = moduleName(m);
      if (!descriptor.name().equals(expectedName)) {
        violations.add(m.name() + " is module " + descriptor.name() + ", pom says " + expectedName);
      }
      Set<String> exported =
          descriptor.exports().stream()
              .map(e -> e.isQualified() ? e.source() + " to " + e.targets() : e.source())
              .collect(Collectors.toCollection(TreeSet::new));
      Set<String> apiPackages =
          m.sources().stream()
              .map(SourceFile::packageName)
              .filter(p -> !p.isEmpty() && !ModuleBoundariesTest.isInternal(p))
              .collect(Collectors.toCollection(TreeSet::new));
      if (!exported.equals(apiPackages)) {
        violations.add(m.name() + " exports " + exported + ", its API packages are " + apiPackages);
      }
      if (!descriptor.opens().isEmpty() || descriptor.isOpen()) {
        violations.add(m.name() + " opens " + descriptor.opens());
      }
    }
    assertThat(violations).as("module descriptors").isEmpty();
  }

  @Test
  void anApplicationEmbedsTheLibraryFromTheModulePath(@TempDir Path tmp) throws Exception {
    // The application (the example and this class's main) on the class path, the rest as modules.
    List<String> classPath =
        List.of(codeSource(EmbeddedExample.class), codeSource(ModulePathEmbedding.class));
    List<String> modulePath = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      if (!classPath.contains(Path.of(entry).toAbsolutePath().toString())) {
        modulePath.add(entry);
      }
    }
    assertThat(modulePath).anyMatch(e -> e.contains("hookstream-core"));
    Path log = tmp.resolve("child.log");
    Process child =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path",
                String.join(File.pathSeparator, modulePath),
                "--add-modules",
                "io.hookstream.core,io.hookstream.store.memory",
                "-cp",
                String.join(File.pathSeparator, classPath),
                ModulePathEmbedding.class.getName())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!child.waitFor(60, TimeUnit.SECONDS)) {
      child.destroyForcibly();
    }
    String output = Files.readString(log);
    assertThat(child.exitValue()).as(output).isZero();
    assertThat(output)
        .contains(
            "core module: io.hookstream.core",
            "stored event evt_",
            "\"ord_123\"",
            "internal: closed");
  }

  private static String codeSource(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI())
        .toAbsolutePath()
        .toString();
  }

  private static String moduleName(Module m) throws IOException {
    Matcher matcher = MODULE_NAME.matcher(Files.readString(m.dir().resolve("pom.xml")));
    return matcher.find() ? matcher.group(1) : "(no module.name in " + m.name() + "/pom.xml)";
  }
}
