package io.hookstream.testsession.internal;

import io.hookstream.verify.SourceTemplate;
import io.hookstream.verify.SourceTemplates;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Names the webhook provider of a request from the signature headers of the source templates:
 * {@code Stripe-Signature} is Stripe, {@code X-Hub-Signature-256} GitHub, and so on, first template
 * first. Clerk, Svix and Resend sign alike (Standard Webhooks headers), so such a request is
 * reported as {@code svix}, the scheme they share. The Custom template's header proves nothing and
 * is skipped. Immutable and thread-safe.
 */
public final class ProviderDetector {

  private static final String SHARED_SCHEME = "svix";

  /** One template's signature header names (lower case). */
  private record Signature(String provider, List<String> headers) {}

  private final List<Signature> signatures = new ArrayList<>();

  public ProviderDetector() {
    for (SourceTemplate t : SourceTemplates.list()) {
      if (t.header() == null || t.id().equals("custom")) {
        continue;
      }
      List<String> names = new ArrayList<>();
      for (String name : t.header().split(" or ")) {
        names.add(name.strip().toLowerCase(Locale.ROOT));
      }
      signatures.add(new Signature(t.id(), List.copyOf(names)));
    }
  }

  /** The provider id (a source template id), or null when no template's header is present. */
  public String detect(Map<String, List<String>> headers) {
    Signature found = null;
    for (Signature s : signatures) {
      if (s.headers().stream().anyMatch(headers::containsKey)) {
        if (found == null) {
          found = s;
        } else if (s.headers().equals(found.headers()) && s.provider().equals(SHARED_SCHEME)) {
          return SHARED_SCHEME;
        }
      }
    }
    return found == null ? null : found.provider();
  }
}
