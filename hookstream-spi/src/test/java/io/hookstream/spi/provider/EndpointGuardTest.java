package io.hookstream.spi.provider;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.spi.AddressPolicy;
import java.net.URI;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The guard on literal hosts only: nothing is resolved or contacted. */
class EndpointGuardTest {

  private final AddressPolicy guarded = new AddressPolicy(false);
  private final AddressPolicy open = new AddressPolicy(true);

  @ParameterizedTest
  @CsvSource({"127.0.0.1, loopback", "::1, loopback", "[::1], loopback", "10.0.0.8, private"})
  void refusesALocalHostWrittenAsInAHostPortList(String host, String label) {
    assertThat(EndpointGuard.rejection(host, guarded))
        .contains(host.replace("[", "").replace("]", ""))
        .contains(label);
    assertThat(EndpointGuard.rejection(host, open)).isNull();
  }

  @Test
  void refusesTheMetadataAddressEvenWhenPrivateNetworksAreAllowed() {
    assertThat(EndpointGuard.rejection("169.254.169.254", open)).contains("metadata");
    assertThat(EndpointGuard.rejection(URI.create("http://169.254.169.254/"), open))
        .contains("metadata");
  }

  @Test
  void allowsAPublicAddressAndAnAbsentEndpoint() {
    assertThat(EndpointGuard.rejection("93.184.216.34", guarded)).isNull();
    assertThat(EndpointGuard.rejection("[2606:4700::1111]", guarded)).isNull();
    assertThat(EndpointGuard.rejection((URI) null, guarded)).isNull();
  }
}
