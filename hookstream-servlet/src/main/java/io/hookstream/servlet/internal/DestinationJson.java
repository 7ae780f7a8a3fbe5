package io.hookstream.servlet.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.destination.Destination;
import io.hookstream.destination.DestinationSpec;
import io.hookstream.json.ResourceJson;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The JSON of a destination. Accepts every shape the docs use: {@code url}/{@code method}/ {@code
 * headers}/{@code timeout} at the top level, or inside {@code config} (alias {@code
 * provider_config}); {@code signing_config} beside them; the retry fields under their API names or
 * the concept page's ({@code max_retries}, {@code backoff_type}, {@code intervals}); {@code
 * enabled}. Renders the provider config with its secrets masked by the provider, and the delivery
 * state ({@code enabled}, {@code disabled}, {@code disabled_reason}). Stateless.
 */
final class DestinationJson {

  private DestinationJson() {}

  static UnaryOperator<DestinationSpec.Builder> changes(Fields f) {
    Changes<DestinationSpec.Builder> c = new Changes<>();
    f.readText(c.set(DestinationSpec.Builder::name), "name");
    f.readText(c.set(DestinationSpec.Builder::slug), "slug");
    f.readText(c.set(DestinationSpec.Builder::description), "description");
    f.readText(c.set(DestinationSpec.Builder::type), "type");
    f.readText(c.set(DestinationSpec.Builder::url), "url");
    f.readText(c.set(DestinationSpec.Builder::method), "method");
    f.readTextMap(c.set(DestinationSpec.Builder::headers), "headers");
    f.readInt(c.set(DestinationSpec.Builder::timeoutSeconds), "timeout", "timeout_seconds");
    f.readObject(c.set(DestinationSpec.Builder::config), "config", "provider_config");
    f.readObject(c.set(DestinationSpec.Builder::signingConfig), "signing_config");
    f.readInt(
        c.set(DestinationSpec.Builder::retryMaxAttempts), "retry_max_attempts", "max_retries");
    f.readText(
        c.set(DestinationSpec.Builder::retryBackoffType), "retry_backoff_type", "backoff_type");
    f.readIntList(c.set(DestinationSpec.Builder::retryIntervals), "retry_intervals", "intervals");
    f.readInt(c.set(DestinationSpec.Builder::maxInFlight), "max_in_flight");
    f.readBool(c.set(DestinationSpec.Builder::ordered), "ordered");
    f.readNumber(c.set(DestinationSpec.Builder::rateLimitPerSecond), "rate_limit_per_second");
    f.readBool(c.set(DestinationSpec.Builder::enabled), "enabled");
    f.throwIfInvalid();
    return c.toOperator();
  }

  /** The provider config and signing config come masked from the service. */
  static ObjectNode render(Destination d) {
    Map<String, Object> config = d.config();
    Object signing = d.signingConfig();
    ObjectNode o = JsonIo.object();
    o.put("id", d.id());
    o.put("name", d.name());
    o.put("slug", d.slug());
    o.put("description", d.description());
    o.put("type", d.type());
    o.put("url", config.get("url") instanceof String url ? url : null);
    if (config.get("method") instanceof String method) {
      o.put("method", method);
    }
    o.set("config", JsonIo.MAPPER.valueToTree(config));
    o.set("signing_config", JsonIo.MAPPER.valueToTree(signing));
    o.put("retry_max_attempts", d.retry().maxAttempts());
    o.put("retry_backoff_type", d.retry().backoff());
    d.retry().intervalsSeconds().forEach(o.putArray("retry_intervals")::add);
    o.put("max_in_flight", d.delivery().maxInFlight());
    o.put("ordered", d.delivery().ordered());
    if (d.delivery().rateLimitPerSecond() == null) {
      o.putNull("rate_limit_per_second");
    } else {
      o.put("rate_limit_per_second", d.delivery().rateLimitPerSecond());
    }
    ResourceJson.destinationState(o, d);
    ResourceJson.instant(o, "created_at", d.createdAt());
    ResourceJson.instant(o, "updated_at", d.updatedAt());
    return o;
  }
}
