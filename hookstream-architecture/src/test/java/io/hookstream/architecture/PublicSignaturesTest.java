package io.hookstream.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.architecture.Reactor.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * No public signature of a published module's API package names an internal type, except the known
 * violations listed (none today). The list only shrinks: a new violation fails, and so does a
 * listed one that has gone (delete its line).
 */
class PublicSignaturesTest {

  /**
   * Each known violation, and what removes it. Empty since the Engine took over the wiring; an
   * entry added here must say which change removes it.
   */
  private static final Map<String, String> KNOWN = Map.of();

  @Test
  void noPublicSignatureNamesAnInternalTypeBeyondTheKnownList() {
    Set<String> found = new TreeSet<>();
    List<String> missing = new ArrayList<>();
    int classes = 0;
    for (Module module : Reactor.load().modules()) {
      if (!module.published()) {
        continue;
      }
      for (SourceFile file : module.sources()) {
        if (file.declaresClass()) {
          Class<?> type = load(file.className(), module, missing);
          if (type != null) {
            classes++;
            found.addAll(InternalTypeExposures.of(type));
          }
        }
      }
    }
    assertThat(missing).as("classes not on this module's test classpath").isEmpty();
    assertThat(classes).as("classes checked").isGreaterThan(300);

    Set<String> added = new TreeSet<>(found);
    added.removeAll(KNOWN.keySet());
    Set<String> gone = new TreeSet<>(KNOWN.keySet());
    gone.removeAll(found);
    SoftAssertions.assertSoftly(
        soft -> {
          soft.assertThat(added)
              .as(
                  "public signatures that name an internal type (make the member"
                      + " package-private, or move the type out of internal)")
              .isEmpty();
          soft.assertThat(gone)
              .as("fixed: delete these lines from PublicSignaturesTest.KNOWN")
              .isEmpty();
        });
  }

  private static Class<?> load(String className, Module module, List<String> missing) {
    try {
      return Class.forName(className, false, PublicSignaturesTest.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      missing.add(
          className
              + " of "
              + module.name()
              + " (add the module as a test dependency of"
              + " hookstream-architecture): "
              + e);
      return null;
    }
  }
}
