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

  /** The resolver's shortcut must agree with parse + format on what is already canonical. */
  @ParameterizedTest
  @CsvSource({
    "192.0.2.1, true", "0.0.0.0, true", "255.255.255.255, true", "10.0.0.10, true",
    "256.0.0.1, false", "01.2.3.4, false", "1.2.3, false", "1.2.3.4.5, false",
    "1.2.3.4., false", ".1.2.3.4, false", "1..2.3, false", "1.2.3.1234, false",
    "192.0.2.1:443, false", "' 192.0.2.1', false", "::1, false", "::ffff:192.0.2.1, false",
    "'', false", "a.b.c.d, false"
  })
  void canonicalIpv4IsRecognisedWithoutParsing(String input, boolean canonical) {
    assertThat(IpAddresses.isCanonicalIpv4(input)).isEqualTo(canonical);
    byte[] parsed = IpAddresses.parseHost(input);
    boolean sameWhenFormatted =
        parsed != null && parsed.length == 4 && IpAddresses.format(parsed).equals(input);
    assertThat(sameWhenFormatted).isEqualTo(canonical);
  }
}
