package io.hookstream.examples.standalone;

import io.hookstream.Hookstream;
import io.hookstream.auth.ApiKeyMode;
import io.hookstream.spi.store.Environment;
import io.hookstream.spi.store.Organization;
import io.hookstream.spi.store.Scope;
import java.util.Optional;

/**
 * First-start setup: the default organization and environment, and one API key. A new key is shown
 * once (only its hash is stored); {@code HOOKSTREAM_API_KEY} is registered instead when set, so
 * scripts know the key in advance.
 */
final class Bootstrap {

  static final String ORG_NAME = "default";
  static final String ENV_NAME = "production";

  /** What setup did: the scope, and the key to show (empty when none was created). */
  record Result(Scope scope, boolean firstStart, Optional<String> newKey) {}

  private Bootstrap() {}

  static Result run(Hookstream engine, String presetKey) {
    boolean first = engine.organizations().list().isEmpty();
    Organization org =
        first ? engine.organizations().create(ORG_NAME) : engine.organizations().list().get(0);
    Environment env =
        engine.organizations().environments(org.id()).stream()
            .findFirst()
            .orElseGet(() -> engine.organizations().createEnvironment(org.id(), ENV_NAME));
    Scope scope = new Scope(org.id(), env.id());
    if (presetKey != null) {
      if (engine.apiKeys().authenticateKey(presetKey).isEmpty()) {
        engine.apiKeys().register(scope, "HOOKSTREAM_API_KEY", presetKey);
      }
      return new Result(scope, first, Optional.empty());
    }
    if (first) {
      String key = engine.apiKeys().create(scope, "standalone", ApiKeyMode.LIVE).key();
      return new Result(scope, true, Optional.of(key));
    }
    return new Result(scope, false, Optional.empty());
  }
}
