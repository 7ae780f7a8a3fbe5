package io.hookstream.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.FieldError;
import io.hookstream.spi.HookstreamException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpRulesTest {

  private static IpRules rules(String... entries) {
    return IpRules.parse(Arrays.asList(entries), "ip_allowlist");
  }

  @Test
  void singleIpv4MatchesOnlyItself() {
    IpRules r = rules("192.168.1.1");
    assertThat(r.contains("192.168.1.1")).isTrue();
    assertThat(r.contains("192.168.1.2")).isFalse();
  }

  @Test
  void ipv4CidrBoundaries() {
    IpRules r = rules("192.168.1.0/24");
    assertThat(r.contains("192.168.1.0")).isTrue();
    assertThat(r.contains("192.168.1.255")).isTrue();
    assertThat(r.contains("192.168.2.0")).isFalse();
    assertThat(r.contains("192.168.0.255")).isFalse();

    IpRules slash16 = rules("10.0.0.0/16");
    assertThat(slash16.contains("10.0.255.255")).isTrue();
    assertThat(slash16.contains("10.1.0.0")).isFalse();

    IpRules odd = rules("172.16.0.0/12");
    assertThat(odd.contains("172.31.255.255")).isTrue();
    assertThat(odd.contains("172.32.0.0")).isFalse();
  }

  @Test
  void slash32AndSlash0() {
    assertThat(rules("8.8.8.8/32").contains("8.8.8.8")).isTrue();
    assertThat(rules("8.8.8.8/32").contains("8.8.8.9")).isFalse();
    IpRules all = rules("0.0.0.0/0");
    assertThat(all.contains("1.2.3.4")).isTrue();
    assertThat(all.contains("255.255.255.255")).isTrue();
    assertThat(all.contains("2001:db8::1")).as("an IPv4 range never matches IPv6").isFalse();
  }

  @Test
  void hostBitsBelowThePrefixAreIgnored() {
    IpRules r = rules("10.1.2.3/8");
    assertThat(r.contains("10.200.0.1")).isTrue();
    assertThat(r.contains("11.0.0.0")).isFalse();
  }

  @Test
  void ipv6CompressedAndFullFormsAreTheSameAddress() {
    IpRules r = rules("2001:db8::1");
    assertThat(r.contains("2001:0db8:0000:0000:0000:0000:0000:0001")).isTrue();
    assertThat(r.contains("2001:DB8:0:0:0:0:0:1")).isTrue();
    assertThat(r.contains("2001:db8::2")).isFalse();
    assertThat(rules("::1").contains("0:0:0:0:0:0:0:1")).isTrue();
    assertThat(rules("::").contains("::")).isTrue();
    assertThat(rules("fe80::").contains("fe80:0:0:0:0:0:0:0")).isTrue();
    assertThat(rules("1:2:3:4:5:6:7::").contains("1:2:3:4:5:6:7:0")).isTrue();
    assertThat(rules("::2:3:4:5:6:7:8").contains("0:2:3:4:5:6:7:8")).isTrue();
  }

  @Test
  void ipv6Cidr() {
    IpRules r = rules("2001:db8::/32");
    assertThat(r.contains("2001:db8:ffff:ffff:ffff:ffff:ffff:ffff")).isTrue();
    assertThat(r.contains("2001:db9::")).isFalse();
    IpRules slash128 = rules("2001:db8::7/128");
    assertThat(slash128.contains("2001:db8::7")).isTrue();
    assertThat(slash128.contains("2001:db8::6")).isFalse();
    IpRules slash127 = rules("2001:db8::6/127");
    assertThat(slash127.contains("2001:db8::7")).isTrue();
    assertThat(slash127.contains("2001:db8::8")).isFalse();
    IpRules slash0 = rules("::/0");
    assertThat(slash0.contains("ffff::1")).isTrue();
    assertThat(slash0.contains("10.0.0.1")).as("an IPv6 range never matches IPv4").isFalse();
  }

  @Test
  void ipv4MappedClientsMatchIpv4Rules() {
    IpRules r = rules("10.0.0.0/8");
    assertThat(r.contains("::ffff:10.1.2.3")).isTrue();
    assertThat(r.contains("::FFFF:10.1.2.3")).isTrue();
    assertThat(r.contains("::ffff:a01:203")).as("hex form of 10.1.2.3").isTrue();
    assertThat(r.contains("::ffff:11.1.2.3")).isFalse();
  }

  @Test
  void ipv4MappedRulesMatchIpv4Clients() {
    assertThat(rules("::ffff:10.0.0.0/104").contains("10.9.9.9")).isTrue();
    assertThat(rules("::ffff:10.0.0.0/104").contains("11.0.0.0")).isFalse();
    assertThat(rules("::ffff:192.0.2.1").contains("192.0.2.1")).isTrue();
  }

  @Test
  void transportShapesOfClientAddressesAreTolerated() {
    assertThat(rules("2001:db8::1").contains("[2001:db8::1]")).isTrue();
    assertThat(rules("2001:db8::1").contains("[2001:db8::1]:443")).isTrue();
    assertThat(rules("1.2.3.4").contains("1.2.3.4:5678")).isTrue();
    assertThat(rules("fe80::/10").contains("fe80::1%eth0")).isTrue();
    assertThat(rules("1.2.3.4").contains(null)).isFalse();
    assertThat(rules("1.2.3.4").contains("not-an-ip")).isFalse();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "10.0.0.0/33",
        "::1/129",
        "example.com",
        "localhost",
        "1.2.3",
        "1.2.3.4.5",
        "256.1.1.1",
        "01.2.3.4",
        "1.2.3.-4",
        "1.2.3.4/",
        "/8",
        "1.2.3.4/-1",
        "1.2.3.4/08",
        "1.2.3.4/8/8",
        "1.2.3.4/a",
        "1:2:3:4:5:6:7:8:9",
        "1:2:3:4:5:6:7",
        "1:2:3:4:5:6:7::8",
        "1::2::3",
        ":::",
        ":1::",
        "1::2:",
        "12345::",
        "g::1",
        "::ffff:1.2.3",
        "1.2.3.4::",
        "fe80::1%eth0",
        "[::1]",
        "1.2.3.4:80",
        "\u0661.\u0662.\u0663.\u0664",
        "*"
      })
  void badEntriesAreNamedWithFieldAndIndex(String bad) {
    List<FieldError> errors =
        IpRules.validate(List.of("1.2.3.4", "10.0.0.0/8", bad), "ip_allowlist");
    assertThat(errors)
        .containsExactly(
            new FieldError("ip_allowlist.2", "not an IP address or CIDR range: \"" + bad + "\""));
  }

  @Test
  void parseRejectsWithEveryBadEntryAs422() {
    assertThatThrownBy(() -> IpRules.parse(List.of("10.0.0.0/33, 1.1.1.1", "nope"), "ip_denylist"))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.VALIDATION_FAILED);
              assertThat(e.fieldErrors())
                  .extracting(FieldError::toString)
                  .containsExactly(
                      "ip_denylist.0: not an IP address or CIDR range: \"10.0.0.0/33\"",
                      "ip_denylist.2: not an IP address or CIDR range: \"nope\"");
            });
  }

  @Test
  void normalizeSplitsCommaSeparatedStringsAndTrims() {
    assertThat(IpRules.normalize("54.187.174.169, 54.187.205.235 ,,54.187.216.72"))
        .containsExactly("54.187.174.169", "54.187.205.235", "54.187.216.72");
    assertThat(IpRules.normalize(List.of(" 1.1.1.1 ", "2.2.2.0/24,3.3.3.3", "  ")))
        .containsExactly("1.1.1.1", "2.2.2.0/24", "3.3.3.3");
    assertThat(IpRules.normalize((String) null)).isEmpty();
    assertThat(IpRules.normalize((List<String>) null)).isEmpty();
  }

  @Test
  void bothInputShapesCompileToTheSameRules() {
    IpRules fromString = IpRules.parse(IpRules.normalize("1.1.1.1,10.0.0.0/8"), "ip_allowlist");
    IpRules fromList = IpRules.parse(List.of("1.1.1.1", "10.0.0.0/8"), "ip_allowlist");
    assertThat(fromString.entries()).isEqualTo(fromList.entries());
    assertThat(fromString.contains("10.2.2.2")).isTrue();
    assertThat(fromList.contains("10.2.2.2")).isTrue();
  }

  @Test
  void emptyRulesMatchNothing() {
    IpRules none = IpRules.parse(List.of(" , "), "ip_allowlist");
    assertThat(none.isEmpty()).isTrue();
    assertThat(none.contains("1.2.3.4")).isFalse();
  }

  @Test
  void trustedProxiesRejectBadEntriesAtConfiguration() {
    assertThatThrownBy(() -> TrustedProxies.of("10.0.0.0/8", "proxy.internal"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("trusted_proxies.1")
        .hasMessageContaining("proxy.internal");
    assertThat(TrustedProxies.none().trusts("127.0.0.1")).isFalse();
    assertThat(TrustedProxies.of("127.0.0.1, ::1").trusts("::1")).isTrue();
  }
}
