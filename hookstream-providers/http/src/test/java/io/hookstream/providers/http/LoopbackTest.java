package io.hookstream.providers.http;

import io.hookstream.tck.WebhookReceiver;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A fresh receiver on loopback and a provider allowed to reach it, for each test. */
abstract class LoopbackTest {

  static final Duration WAIT = Duration.ofSeconds(5);

  @RegisterExtension final WebhookReceiver receiver = WebhookReceiver.start();

  // The receiver listens on 127.0.0.1, which the SSRF guard refuses unless opened.
  final HttpDestinationProvider provider =
      HttpDestinationProvider.builder().allowPrivateNetworks(true).build();

  @AfterEach
  void closeProvider() {
    provider.close();
  }
}
