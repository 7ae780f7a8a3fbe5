package io.hookstream.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hookstream.ingest.IngestContext;
import io.hookstream.ingest.IngestRequest;
import io.hookstream.ingest.IngestResult;
import io.hookstream.ingest.IngestStep;
import io.hookstream.ingest.TrustedProxies;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.store.SourceRecord;
import java.util.List;
import org.junit.jupiter.api.Test;

class IpFilterStepTest {

  private final IpFilterStep step = new IpFilterStep();

  private IngestResult send(SourceRecord source, String ip) {
    IngestContext ctx = Fixtures.context(source, IngestRequest.builder().clientIp(ip).build());
    return step.process(ctx, Fixtures.persisted());
  }

  private static void assertForbidden(Runnable call, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.FORBIDDEN);
              assertThat(e.code().httpStatus()).isEqualTo(403);
              assertThat(e.getMessage()).isEqualTo(message);
            });
  }

  @Test
  void noListsLetEveryoneIn() {
    assertThat(send(Fixtures.withIps(null, null), "203.0.113.1").eventId()).startsWith("evt_");
  }

  @Test
  void denylistBlocksListedAddressesOnly() {
    SourceRecord source = Fixtures.withIps(null, List.of("203.0.113.0/24", "2001:db8::/32"));
    assertForbidden(
        () -> send(source, "203.0.113.50"),
        "IP address 203.0.113.50 is denied by the source's denylist");
    assertForbidden(
        () -> send(source, "2001:db8::9"),
        "IP address 2001:db8::9 is denied by the source's denylist");
    assertThat(send(source, "198.51.100.1")).isNotNull();
  }

  @Test
  void allowlistAdmitsListedAddressesOnly() {
    SourceRecord source = Fixtures.withIps(List.of("54.187.174.169,54.187.205.235"), null);
    assertThat(send(source, "54.187.205.235")).isNotNull();
    assertForbidden(
        () -> send(source, "54.187.174.170"),
        "IP address 54.187.174.170 is not in the source's allowlist");
  }

  @Test
  void denylistIsCheckedBeforeAllowlist() {
    SourceRecord source = Fixtures.withIps(List.of("10.0.0.0/8"), List.of("10.6.6.6"));
    assertForbidden(
        () -> send(source, "10.6.6.6"), "IP address 10.6.6.6 is denied by the source's denylist");
    assertThat(send(source, "10.6.6.7")).isNotNull();
  }

  @Test
  void unknownClientPassesDenylistButFailsAllowlist() {
    assertThat(send(Fixtures.source("src_deny", 1, null, List.of("10.0.0.0/8"), null, null), null))
        .isNotNull();
    assertForbidden(
        () -> send(Fixtures.source("src_allow", 1, List.of("10.0.0.0/8"), null, null, null), null),
        "IP address unknown is not in the source's allowlist");
  }

  @Test
  void filtersTheResolvedClientBehindATrustedProxyAndKeepsItForTheEvent() {
    IngestStep clientIp = new ClientIpStep(new ClientIpResolver(TrustedProxies.of("10.0.0.0/8")));
    SourceRecord source =
        Fixtures.withIps(List.of("10.0.0.0/8", "198.51.100.0/24"), List.of("6.6.6.6"));
    IngestStep.Chain filterThenPersist = ctx -> step.process(ctx, Fixtures.persisted());

    IngestContext denied =
        Fixtures.context(
            source,
            IngestRequest.builder()
                .clientIp("10.0.0.2")
                .header("X-Forwarded-For", "6.6.6.6")
                .build());
    assertForbidden(
        () -> clientIp.process(denied, filterThenPersist),
        "IP address 6.6.6.6 is denied by the source's denylist");

    IngestContext allowed =
        Fixtures.context(
            source,
            IngestRequest.builder()
                .clientIp("10.0.0.2")
                .header("X-Forwarded-For", "198.51.100.4")
                .build());
    clientIp.process(allowed, filterThenPersist);
    assertThat(allowed.clientIp()).isEqualTo("198.51.100.4");
  }

  @Test
  void compiledListsAreCachedPerSourceVersion() {
    SourceRecord v1 = Fixtures.source("src_c", 1, List.of("10.0.0.1"), null, null, null);
    assertThat(send(v1, "10.0.0.1")).isNotNull();
    // Same id and version: the cached lists apply, even though this record says otherwise.
    SourceRecord sameVersion = Fixtures.source("src_c", 1, List.of("10.0.0.2"), null, null, null);
    assertThat(send(sameVersion, "10.0.0.1")).isNotNull();
    // A new version recompiles.
    SourceRecord v2 = Fixtures.source("src_c", 2, List.of("10.0.0.2"), null, null, null);
    assertForbidden(
        () -> send(v2, "10.0.0.1"), "IP address 10.0.0.1 is not in the source's allowlist");
  }

  @Test
  void cacheIsBounded() {
    IpFilterStep small = new IpFilterStep(2);
    for (int v = 1; v <= 5; v++) {
      SourceRecord s = Fixtures.source("src_b", v, List.of("10.0.0.1"), null, null, null);
      small.process(
          Fixtures.context(s, IngestRequest.builder().clientIp("10.0.0.1").build()),
          Fixtures.persisted());
    }
    // Versions 1..3 were evicted: version 1 compiles anew from the record it is given.
    SourceRecord v1Changed = Fixtures.source("src_b", 1, List.of("10.0.0.9"), null, null, null);
    assertForbidden(
        () ->
            small.process(
                Fixtures.context(v1Changed, IngestRequest.builder().clientIp("10.0.0.1").build()),
                Fixtures.persisted()),
        "IP address 10.0.0.1 is not in the source's allowlist");
  }

  @Test
  void listsStoredWithoutValidationFailClosed() {
    SourceRecord broken = Fixtures.withIps(List.of("10.0.0.0/8"), List.of("evil.example.com"));
    assertThatThrownBy(() -> send(broken, "10.0.0.1"))
        .isInstanceOfSatisfying(
            HookstreamException.class,
            e -> {
              assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL);
              assertThat(e.getMessage()).contains("ip_denylist.0").contains("evil.example.com");
            });
  }
}
