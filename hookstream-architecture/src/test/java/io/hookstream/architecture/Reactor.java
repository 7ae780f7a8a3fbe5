package io.hookstream.architecture;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The modules of this repository, found by walking it for {@code pom.xml} files next to a {@code
 * src/main/java}, and which module declares each package. Reads nothing outside the repository.
 */
final class Reactor {

  private final Path root;
  private final List<Module> modules;
  private final Map<String, Module> packageOwners = new HashMap<>();

  private Reactor(Path root, List<Module> modules) {
    this.root = root;
    this.modules = modules;
    for (Module m : modules) {
      for (SourceFile f : m.sources()) {
        packageOwners.putIfAbsent(f.packageName(), m);
      }
    }
  }

  /** The repository named by the {@code hookstream.root} system property (set by the pom). */
  static Reactor load() {
    String property = System.getProperty("hookstream.root");
    if (property == null) {
      throw new IllegalStateException("run through Maven: hookstream.root is not set");
    }
    Path root = Paths.get(property).toAbsolutePath().normalize();
    try {
      if (!Files.readString(root.resolve("pom.xml"))
          .contains("<artifactId>hookstream-parent</artifactId>")) {
        throw new IllegalStateException(root + " is not the hookstream reactor root");
      }
      List<Module> modules = new ArrayList<>();
      try (Stream<Path> dirs = Files.walk(root)) {
        for (Path dir :
            dirs.filter(Files::isDirectory)
                .filter(Reactor::isModule)
                .sorted(Comparator.naturalOrder())
                .toList()) {
          String name = root.relativize(dir).toString().replace('\\', '/');
          modules.add(new Module(name, dir, ModuleRole.of(name), sources(dir)));
        }
      }
      return new Reactor(root, List.copyOf(modules));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path root() {
    return root;
  }

  List<Module> modules() {
    return modules;
  }

  /** The module whose main sources declare {@code packageName}, or null (JDK, libraries). */
  Module ownerOf(String packageName) {
    return packageOwners.get(packageName);
  }

  private static boolean isModule(Path dir) {
    String path = dir.toString();
    return !path.contains("/target")
        && !path.contains("/.git")
        && Files.isRegularFile(dir.resolve("pom.xml"))
        && Files.isDirectory(dir.resolve("src/main/java"));
  }

  private static List<SourceFile> sources(Path moduleDir) throws IOException {
    Path main = moduleDir.resolve("src/main/java");
    try (Stream<Path> files = Files.walk(main)) {
      List<SourceFile> out = new ArrayList<>();
      for (Path f : files.filter(p -> p.toString().endsWith(".java")).sorted().toList()) {
        out.add(SourceFile.read(main, f));
      }
      return List.copyOf(out);
    }
  }

  /** One Maven module with main sources: its path from the root, role and source files. */
  record Module(String name, Path dir, ModuleRole role, List<SourceFile> sources) {

    /** False for modules nobody depends on (examples, benchmarks): their signatures are no API. */
    boolean published() {
      return !name.startsWith("examples/") && !name.equals("benchmarks");
    }

    boolean declares(String packageName) {
      return sources.stream().anyMatch(f -> f.packageName().equals(packageName));
    }
  }
}
