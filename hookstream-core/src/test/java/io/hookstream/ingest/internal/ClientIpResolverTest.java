package io.hookstream.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.TrustedProxies;
import org.junit.jupiter.api.Test;

class ClientIpResolverTest {

  private static final ClientIpResolver BEHIND_PROXIES =
      new ClientIpResolver(TrustedProxies.of("10.0.0.0/8", "2001:db8:ffff::/48"));

  private static IngestRequest.Builder from(String remote) {
    return IngestRequest.builder().clientIp(remote);
  }

  @Test
  void forwardedHeadersAreIgnoredByDefault() {
    ClientIpResolver resolver = new ClientIpResolver(TrustedProxies.none());
    IngestRequest spoofed =
        from("203.0.113.9")
            .header("CF-Connecting-IP", "1.1.1.1")
            .header("X-Forwarded-For", "2.2.2.2")
            .build();
    assertThat(resolver.resolve(spoofed)).isEqualTo("203.0.113.9");
  }

  @Test
  void untrustedRemoteKeepsItsOwnAddressEvenWithProxiesConfigured() {
    IngestRequest spoofed = from("203.0.113.9").header("X-Forwarded-For", "10.0.0.1").build();
    assertThat(BEHIND_PROXIES.resolve(spoofed)).isEqualTo("203.0.113.9");
  }

  @Test
  void cfConnectingIpWinsFromATrustedProxy() {
    IngestRequest r =
        from("10.0.0.5")
            .header("CF-Connecting-IP", "198.51.100.7")
            .header("X-Forwarded-For", "192.0.2.1")
            .build();
    assertThat(BEHIND_PROXIES.resolve(r)).isEqualTo("198.51.100.7");
  }

  @Test
  void invalidCfConnectingIpFallsBackToForwardedFor() {
    IngestRequest r =
        from("10.0.0.5")
            .header("CF-Connecting-IP", "garbage")
            .header("X-Forwarded-For", "192.0.2.1")
            .build();
    assertThat(BEHIND_PROXIES.resolve(r)).isEqualTo("192.0.2.1");
  }

  @Test
  void forwardedForIsWalkedFromTheRightSkippingTrustedHops() {
    // The client forged the first entry; the proxies appended the rest.
    IngestRequest r =
        from("10.0.0.5")
            .header("X-Forwarded-For", "6.6.6.6, 198.51.100.7, 10.1.1.1, 10.2.2.2")
            .build();
    assertThat(BEHIND_PROXIES.resolve(r)).isEqualTo("198.51.100.7");
  }

  @Test
  void repeatedForwardedForHeadersAreOneList() {
    IngestRequest r =
        from("10.0.0.5")
            .header("X-Forwarded-For", "6.6.6.6, 198.51.100.7")
            .header("X-Forwarded-For", "10.1.1.1")
            .build();
    assertThat(BEHIND_PROXIES.resolve(r)).isEqualTo("198.51.100.7");
  }

  @Test
  void whenEveryHopIsTrustedTheLeftmostIsTheClient() {
    IngestRequest r = from("10.0.0.5").header("X-Forwarded-For", "10.3.3.3, 10.1.1.1").build();
    assertThat(BEHIND_PROXIES.resolve(r)).isEqualTo("10.3.3.3");
  }

  @Test
  void anUnparsableHopStopsTheWalkAtTheLastGoodHop() {
    IngestRequest r =
        from("10.0.0.5").header("X-Forwarded-For", "198.51.100.7, unknown, 10.1.1.1").build();
    assertThat(BEHIND_PROXIES.resolve(r)).isEqualTo("10.1.1.1");
  }

  @Test
  void trustedProxyWithoutHeadersIsItselfTheClient() {
    assertThat(BEHIND_PROXIES.resolve(from("10.0.0.5").build())).isEqualTo("10.0.0.5");
  }

  @Test
  void ipv6ProxiesAndHopsAreCanonicalized() {
    IngestRequest r =
        from("[2001:db8:ffff::1]:443")
            .header("X-Forwarded-For", "[2001:DB8:1:0:0:0:0:1]:5555, 2001:db8:ffff::2")
            .build();
    assertThat(BEHIND_PROXIES.resolve(r)).isEqualTo("2001:db8:1::1");
  }

  @Test
  void mappedRemoteAddressMatchesIpv4TrustedProxyAndIsStoredAsIpv4() {
    IngestRequest r =
        from("::ffff:10.0.0.5").header("X-Forwarded-For", "::ffff:198.51.100.7").build();
    assertThat(BEHIND_PROXIES.resolve(r)).isEqualTo("198.51.100.7");
    assertThat(
            new ClientIpResolver(TrustedProxies.none()).resolve(from("::ffff:192.0.2.1").build()))
        .isEqualTo("192.0.2.1");
  }

  @Test
  void forwardedHeaderIsWalkedLikeForwardedForWhenThatIsAbsent() {
    IngestRequest r =
        from("10.0.0.5")
            .header("Forwarded", "for=6.6.6.6, for=\"[2001:db8:1::7]:4711\";proto=https")
            .header("Forwarded", "for=10.1.1.1;by=10.0.0.5")
            .build();
    assertThat(BEHIND_PROXIES.resolve(r)).isEqualTo("2001:db8:1::7");
    IngestRequest both =
        from("10.0.0.5")
            .header("Forwarded", "for=6.6.6.6")
            .header("X-Forwarded-For", "198.51.100.7")
            .build();
    assertThat(BEHIND_PROXIES.resolve(both)).isEqualTo("198.51.100.7");
  }

  @Test
  void forwardedHeaderFromAnUntrustedPeerIsIgnored() {
    IngestRequest spoofed = from("203.0.113.9").header("Forwarded", "for=10.0.0.1").build();
    assertThat(BEHIND_PROXIES.resolve(spoofed)).isEqualTo("203.0.113.9");
  }

  @Test
  void nonAddressRemoteIsKeptAsIs() {
    assertThat(BEHIND_PROXIES.resolve(from(null).build())).isNull();
    assertThat(BEHIND_PROXIES.resolve(from("unix:/run/app.sock").build()))
        .isEqualTo("unix:/run/app.sock");
  }
}
