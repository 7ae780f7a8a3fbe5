package io.hookstream.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The address rules, on literals only: nothing is resolved or contacted. */
class AddressPolicyTest {

  private final AddressPolicy guarded = new AddressPolicy(false);
  private final AddressPolicy open = new AddressPolicy(true);

  @ParameterizedTest
  @CsvSource({
    "127.0.0.1, loopback",
    "10.255.0.1, private",
    "172.31.255.255, private",
    "192.168.0.1, private",
    "100.127.255.254, carrier-grade NAT",
    "169.254.10.10, link-local",
    "0.0.0.0, unspecified",
    "239.1.1.1, multicast",
    "255.255.255.255, broadcast",
    "::1, loopback",
    "::, unspecified",
    "fe80::abcd, link-local",
    "fd12:3456::1, unique local",
    "ff02::1, multicast",
    "::ffff:192.168.1.1, private",
    "::10.0.0.1, private",
    "2002:7f00:1::, loopback",
    "64:ff9b::a9fe:a9fe, metadata"
  })
  void refusesLocalRanges(String ip, String label) {
    String rejection = guarded.rejection(ip, AddressPolicy.literal(ip));
    assertThat(rejection).contains(ip).contains(label).contains("allowPrivateNetworks(true)");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "8.8.8.8",
        "1.1.1.1",
        "172.32.0.1",
        "100.128.0.1",
        "192.169.0.1",
        "2606:4700::1111",
        "2a00:1450::200e"
      })
  void allowsPublicAddresses(String ip) {
    assertThat(guarded.rejection(ip, AddressPolicy.literal(ip))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"127.0.0.1", "10.0.0.1", "::1", "192.168.1.1"})
  void theOptOutAllowsLocalRanges(String ip) {
    assertThat(open.rejection(ip, AddressPolicy.literal(ip))).isNull();
  }

  @ParameterizedTest
  @ValueSource(strings = {"169.254.169.254", "fd00:ec2::254", "168.63.129.16", "100.100.100.200"})
  void metadataIsRefusedEvenWithTheOptOut(String ip) {
    assertThat(open.rejection(ip, AddressPolicy.literal(ip)))
        .contains("metadata")
        .contains("always");
  }

  @ParameterizedTest
  @ValueSource(strings = {"2130706433", "0x7f.1", "127.1", "256.0.0.1", "example.com", "1.2.3.4.5"})
  void literalRefusesAnythingButPlainAddresses(String text) {
    assertThatThrownBy(() -> AddressPolicy.literal(text))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @ParameterizedTest
  @CsvSource({
    "example.com, false",
    "127.0.0.1, true",
    "::1, true",
    "2130706433, true",
    "a.b, false"
  })
  void knowsWhichHostsOkHttpTreatsAsLiterals(String host, boolean literal) {
    assertThat(AddressPolicy.isIpLiteral(host)).isEqualTo(literal);
  }

  @ParameterizedTest
  @ValueSource(strings = {"[::1]", "::1"})
  void bracketsAreOptional(String ip) throws Exception {
    assertThat(AddressPolicy.literal(ip)).isEqualTo(InetAddress.getByName("::1"));
  }
}
