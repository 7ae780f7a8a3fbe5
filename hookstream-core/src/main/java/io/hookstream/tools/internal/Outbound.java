package io.hookstream.tools.internal;

import io.hookstream.tools.ToolExchange;
import io.hookstream.tools.ToolRequest;
import io.hookstream.tools.ToolsService;
import io.hookstream.tools.ToolsSettings;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * How every tool sends: through the SSRF guard, then the bounded client. A refused address is a 422
 * on {@code url} (nothing was sent); a host that does not resolve is a failed exchange.
 * Thread-safe.
 */
public final class Outbound {

  private final TargetGuard guard;
  private final ToolHttpClient client;

  public Outbound(ToolsSettings settings) {
    this.guard = new TargetGuard(settings.allowPrivateNetworks(), settings.resolver());
    this.client =
        new ToolHttpClient(settings.tls().getSocketFactory(), ToolsService.MAX_RESPONSE_BODY_BYTES);
  }

  /** Checks the URL's addresses without sending (a schedule is refused at once, not later). */
  public void check(ToolRequest request) {
    try {
      guard.resolve(request.uri(), "url");
    } catch (UnknownHostException e) {
      // may resolve by the time it fires; checked again then
    }
  }

  /** Sends {@code request} once. */
  public ToolExchange send(ToolRequest request) {
    return sendAll(request, 1).get(0);
  }

  /** Sends {@code request} {@code count} times in order, to the one address resolved first. */
  public List<ToolExchange> sendAll(ToolRequest request, int count) {
    GuardedTarget target;
    try {
      target = guard.resolve(request.uri(), "url");
    } catch (UnknownHostException e) {
      return Collections.nCopies(
          count, ToolExchange.failed(Duration.ZERO, "could not resolve host " + e.getMessage()));
    }
    List<ToolExchange> out = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      out.add(client.exchange(target, request));
    }
    return out;
  }
}
