package io.hookstream.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.architecture.Reactor.Module;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * No public signature of a published module's API package names an internal type, except the
 * known violations below. The list only shrinks: a new violation fails, and so does a listed one
 * that has gone (delete its line).
 */
class PublicSignaturesTest {

  private static final String CTOR =
      "the constructor goes behind the internal Engine's wiring (issue 12, branch engine)";
  private static final String SCHED =
      "the Engine builds the scheduler; the builder goes internal (issue 12, branch engine)";
  private static final String TRACKER = "the Engine hands the tracker to the scheduler, which"
      + " stops building its own IssueService (issue 12, branch engine)";

  /** Each known violation, and what removes it. */
  private static final Map<String, String> KNOWN = new TreeMap<>(Map.ofEntries(
      Map.entry("auth.ApiKeyService#<init> -> internal.Ids", CTOR),
      Map.entry("auth.OrganizationService#<init> -> internal.Ids", CTOR),
      Map.entry("connection.ConnectionService#<init> -> connection.internal.ConnectionChecks",
          CTOR),
      Map.entry("connection.ConnectionService#<init> -> internal.Ids", CTOR),
      Map.entry("delivery.DeliveryScheduler#builder -> internal.Ids", SCHED),
      Map.entry("delivery.TaskFactory#<init> -> internal.Ids", CTOR),
      Map.entry("destination.DestinationService#<init> -> internal.Ids", CTOR),
      Map.entry("destination.DestinationService#<init> -> secret.internal.DestinationSecrets",
          CTOR),
      Map.entry("issue.IssueService#<init> -> internal.Ids", CTOR),
      Map.entry("issue.IssueService#tracker -> issue.internal.IssueTracker", TRACKER),
      Map.entry("secret.SecretService#<init> -> secret.internal.DestinationSecrets", CTOR),
      Map.entry("secret.SecretService#<init> -> secret.internal.SecretCipher", CTOR),
      Map.entry("secret.SecretService#<init> -> secret.internal.SourceSecrets", CTOR),
      Map.entry("source.SourceService#<init> -> internal.Ids", CTOR),
      Map.entry("source.SourceService#<init> -> secret.internal.SourceSecrets", CTOR),
      Map.entry("source.SourceService#<init> -> source.internal.SourceChecks", CTOR)));

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
    SoftAssertions.assertSoftly(soft -> {
      soft.assertThat(added).as("public signatures that name an internal type (make the member"
          + " package-private, or move the type out of internal)").isEmpty();
      soft.assertThat(gone).as("fixed: delete these lines from PublicSignaturesTest.KNOWN")
          .isEmpty();
    });
  }

  private static Class<?> load(String className, Module module, List<String> missing) {
    try {
      return Class.forName(className, false, PublicSignaturesTest.class.getClassLoader());
    } catch (ClassNotFoundException | LinkageError e) {
      missing.add(className + " of " + module.name() + " (add the module as a test dependency of"
          + " hookstream-architecture): " + e);
      return null;
    }
  }
}
