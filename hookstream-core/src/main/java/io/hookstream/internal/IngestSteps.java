package io.hookstream.internal;

import io.hookstream.ingest.IngestStep;
import io.hookstream.ingest.internal.ClientIpResolver;
import io.hookstream.ingest.internal.ClientIpStep;
import io.hookstream.ingest.internal.DedupStep;
import io.hookstream.ingest.internal.IngestPipeline;
import io.hookstream.ingest.internal.IpFilterStep;
import io.hookstream.ingest.internal.PersistStep;
import io.hookstream.ingest.internal.SchemaStep;
import io.hookstream.ingest.internal.SignatureStep;
import io.hookstream.secret.internal.SecretCipher;
import io.hookstream.spi.store.EventRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** The engine's ingest pipeline, its steps in the documented order. */
final class IngestSteps {

  private IngestSteps() {}

  /**
   * Client IP → denylist → allowlist → signature → dedup → schema → the host's steps → persist;
   * {@code routing} routes at persist, {@code accepted} hears each stored event.
   */
  static IngestPipeline pipeline(
      EngineSettings s,
      ClientIpResolver clientIps,
      SecretCipher cipher,
      PersistStep.Routing routing,
      Consumer<EventRecord> accepted) {
    List<IngestStep> steps = new ArrayList<>();
    steps.add(new ClientIpStep(clientIps));
    steps.add(new IpFilterStep());
    steps.add(new SignatureStep(SignatureStep.DEFAULT_MAX_SOURCES, cipher::open));
    steps.add(new DedupStep(s.keyValueStore));
    steps.add(new SchemaStep());
    steps.addAll(s.ingestSteps);
    steps.add(new PersistStep(s.store, s.blobStore, s.limits.inlineBodyBytes(), routing, accepted));
    return new IngestPipeline(steps);
  }
}
