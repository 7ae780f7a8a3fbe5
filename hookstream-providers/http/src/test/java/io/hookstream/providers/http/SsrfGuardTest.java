package io.hookstream.providers.http;

import static io.hookstream.providers.http.TestRequests.config;
import static io.hookstream.providers.http.TestRequests.request;
import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.DestinationProvider.FailureKind;
import io.hookstream.tck.WebhookReceiver;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import okhttp3.Dns;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The guard with its default setting. Every target here is refused before any connection, and the
 * local receiver proves that nothing reached loopback.
 */
class SsrfGuardTest {

  @RegisterExtension static final WebhookReceiver receiver = WebhookReceiver.start();

  private static final HttpDestinationProvider guarded = HttpDestinationProvider.builder().build();

  @AfterAll
  static void closeProvider() {
    guarded.close();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "127.0.0.1",
        "127.1.2.3",
        "10.0.0.1",
        "172.16.5.4",
        "192.168.1.1",
        "100.64.0.1",
        "169.254.1.1",
        "0.0.0.0",
        "224.0.0.1",
        "[::1]",
        "[::]",
        "[fe80::1]",
        "[fc00::1]",
        "[::ffff:127.0.0.1]",
        "[::ffff:10.0.0.1]",
        "[64:ff9b::a00:1]"
      })
  void refusesLocalAndPrivateIpLiterals(String host) {
    DeliveryResult result =
        guarded.deliver(request(config("http://" + host + ":" + receiver.port() + "/x")));

    assertRefused(result);
    assertThat(result.error()).contains("allowPrivateNetworks(true)");
  }

  @ParameterizedTest
  @ValueSource(strings = {"169.254.169.254", "[fd00:ec2::254]"})
  void refusesCloudMetadataEvenWhenPrivateNetworksAreAllowed(String host) {
    try (HttpDestinationProvider open =
        HttpDestinationProvider.builder().allowPrivateNetworks(true).build()) {
      for (HttpDestinationProvider provider : List.of(guarded, open)) {
        DeliveryResult result =
            provider.deliver(request(config("http://" + host + "/latest/meta-data/")));
        assertRefused(result);
        assertThat(result.error()).contains("metadata");
      }
    }
  }

  @Test
  void refusesAHostnameThatResolvesToLoopback() {
    DeliveryResult result =
        guarded.deliver(request(config("http://localhost:" + receiver.port() + "/x")));

    assertRefused(result);
    assertThat(result.error())
        .contains("resolved from localhost")
        .contains("allowPrivateNetworks(true)");
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void checksAddressesAfterResolutionSoRebindingToAPrivateAddressIsCaught() throws Exception {
    List<String> lookups = new CopyOnWriteArrayList<>();
    InetAddress rebound = InetAddress.getByAddress("hooks.example.com", new byte[] {10, 0, 0, 7});
    Dns rebinding =
        host -> {
          lookups.add(host);
          return List.of(rebound);
        };
    try (HttpDestinationProvider provider =
        HttpDestinationProvider.builder().dns(rebinding).build()) {
      assertThat(provider.validate(config("https://hooks.example.com/in"))).isEmpty();

      DeliveryResult result = provider.deliver(request(config("https://hooks.example.com/in")));

      assertRefused(result);
      assertThat(result.error()).contains("10.0.0.7").contains("hooks.example.com");
      assertThat(lookups).containsExactly("hooks.example.com");
    }
  }

  @Test
  void refusesAHostWhenAnyOfItsAddressesIsBlocked() throws Exception {
    Dns mixed =
        host ->
            List.of(
                InetAddress.getByAddress(host, new byte[] {(byte) 192, (byte) 168, 0, 10}),
                InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1}));
    try (HttpDestinationProvider provider = HttpDestinationProvider.builder().dns(mixed).build()) {
      assertRefused(provider.deliver(request(config("http://mixed.example.com/"))));
    }
  }

  @Test
  void validationNamesABlockedIpLiteralUrl() {
    assertThat(guarded.validate(config("http://10.0.0.1/hooks")))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.field()).isEqualTo("url");
              assertThat(e.message()).contains("10.0.0.1").contains("private");
            });
  }

  @Test
  void refusesObfuscatedIpv4Spellings() {
    assertThat(guarded.validate(config("http://2130706433/"))).isNotEmpty();
    assertRefused(guarded.deliver(request(config("http://2130706433:" + receiver.port() + "/"))));
    assertThat(receiver.requests()).isEmpty();
  }

  @Test
  void theOptOutLetsDeliveriesReachLoopback() {
    try (HttpDestinationProvider open =
        HttpDestinationProvider.builder().allowPrivateNetworks(true).build()) {
      assertThat(
              open.deliver(request(config("http://localhost:" + receiver.port() + "/x"))).success())
          .isTrue();
      assertThat(open.deliver(request(config(receiver.url("/y")))).success()).isTrue();
    }
    assertThat(receiver.requests()).extracting(r -> r.path()).containsExactly("/x", "/y");
  }

  private static void assertRefused(DeliveryResult result) {
    assertThat(result.success()).isFalse();
    assertThat(result.failureKind()).isEqualTo(FailureKind.REJECTED);
    assertThat(result.retryable()).isFalse();
    assertThat(result.statusCode()).isZero();
    assertThat(receiver.requests()).isEmpty();
  }
}
