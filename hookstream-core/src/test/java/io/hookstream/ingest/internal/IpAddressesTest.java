package io.hookstream.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpAddressesTest {

  @ParameterizedTest
  @CsvSource({
    "192.0.2.1, 192.0.2.1",
    "0.0.0.0, 0.0.0.0",
    "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
    "0:0:0:0:0:0:0:1, ::1",
    "0:0:0:0:0:0:0:0, ::",
    "1:0:0:1:0:0:0:1, 1:0:0:1::1",
    "1:0:0:2:0:0:3:4, 1::2:0:0:3:4",
    "1:0:1:0:1:0:1:0, 1:0:1:0:1:0:1:0",
    "fe80:0:0:0:0:0:0:0, fe80::",
    "::ffff:192.0.2.1, 192.0.2.1",
    "::ffff:c000:201, 192.0.2.1",
    "'[2001:db8::1]:8443', 2001:db8::1",
    "192.0.2.1:443, 192.0.2.1",
    "fe80::1%eth0, fe80::1",
    "::192.0.2.1, ::c000:201"
  })
  void hostsAreFormattedCanonically(String input, String canonical) {
    assertThat(IpAddresses.format(IpAddresses.parseHost(input))).isEqualTo(canonical);
  }

  @ParameterizedTest
  @CsvSource({"example.com", "'[::1'", "'[::1]x'", "1.2.3.4:80:90", "''", "' '"})
  void nonAddressesAreNull(String input) {
    assertThat(IpAddresses.parseHost(input)).isNull();
  }
}
