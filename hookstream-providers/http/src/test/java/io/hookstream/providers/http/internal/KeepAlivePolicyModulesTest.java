package io.hookstream.providers.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.module.Configuration;
import java.lang.module.ModuleFinder;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import okhttp3.Interceptor;
import org.junit.jupiter.api.Test;

/**
 * Whether {@link KeepAlivePolicy} may retire OkHttp connections, against OkHttp's real module: on
 * the class path yes; on the module path only with {@code --add-exports}, otherwise it stands aside
 * instead of failing deliveries with an {@code IllegalAccessError}.
 */
class KeepAlivePolicyModulesTest {

  private static final String CONNECTION_PACKAGE = "okhttp3.internal.connection";

  private final Module us = KeepAlivePolicy.class.getModule();

  @Test
  void onTheClassPathThePolicyRetiresConnections() {
    assertThat(Interceptor.class.getModule().isNamed()).isFalse();
    assertThat(new KeepAlivePolicy().canRetire()).isTrue();
  }

  @Test
  void onTheModulePathWithoutTheFlagThePolicyStandsAside() throws Exception {
    ModuleLayer.Controller okhttp = okhttpOnTheModulePath();
    Module named = okhttp.layer().findModule("okhttp3").orElseThrow();

    assertThat(new KeepAlivePolicy(named, us).canRetire()).isFalse();
  }

  @Test
  void onTheModulePathTheAddExportsFlagLetsThePolicyRetireConnections() throws Exception {
    ModuleLayer.Controller okhttp = okhttpOnTheModulePath();
    Module named = okhttp.layer().findModule("okhttp3").orElseThrow();
    // What --add-exports okhttp3/okhttp3.internal.connection=... does for the boot layer.
    okhttp.addExports(named, CONNECTION_PACKAGE, us);

    assertThat(new KeepAlivePolicy(named, us).canRetire()).isTrue();
  }

  /** OkHttp's own jar with its module descriptor, and the modules it requires, in a new layer. */
  private static ModuleLayer.Controller okhttpOnTheModulePath() throws URISyntaxException {
    ModuleFinder jars =
        ModuleFinder.of(
            jarOf(Interceptor.class), jarOf(okio.Buffer.class), jarOf(kotlin.Unit.class));
    ModuleLayer boot = ModuleLayer.boot();
    Configuration cf = boot.configuration().resolve(jars, ModuleFinder.of(), Set.of("okhttp3"));
    return ModuleLayer.defineModulesWithOneLoader(
        cf, List.of(boot), ClassLoader.getPlatformClassLoader());
  }

  private static Path jarOf(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
