package io.hookstream.alert;

import io.hookstream.alert.internal.ChannelSettings;
import io.hookstream.alert.internal.NotificationProvider;
import io.hookstream.alert.internal.Notifications;
import io.hookstream.internal.Ids;
import io.hookstream.internal.Json;
import io.hookstream.internal.Pages;
import io.hookstream.internal.Validation;
import io.hookstream.page.Page;
import io.hookstream.page.PageRequest;
import io.hookstream.secret.SecretKeys;
import io.hookstream.secret.internal.SecretCipher;
import io.hookstream.spi.AddressPolicy;
import io.hookstream.spi.Clock;
import io.hookstream.spi.DestinationProvider.DeliveryResult;
import io.hookstream.spi.ErrorCode;
import io.hookstream.spi.HookstreamException;
import io.hookstream.spi.NotificationSender;
import io.hookstream.spi.store.AlertRuleRecord;
import io.hookstream.spi.store.NotificationChannelRecord;
import io.hookstream.spi.store.Scope;
import io.hookstream.spi.store.Store;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Notification channels: where alert rules send. Types {@code webhook}, {@code slack}, {@code
 * discord}, and {@code email} when the engine has an SMTP sender. Notifications to a channel are
 * queued as delivery tasks of the channel's id, so their attempts are listed like deliveries'
 * ({@code destination_id} = the channel id). Thread-safe. Unknown ids throw NOT_FOUND, bad input
 * VALIDATION_FAILED naming the field; deleting a channel that rules use throws CONFLICT naming
 * them.
 */
public final class NotificationChannelService {

  private static final Duration TEST_TIMEOUT = Duration.ofSeconds(10);

  private final Store store;
  private final Clock clock;
  private final Ids ids;
  private final ChannelSettings settings;
  private final NotificationProvider provider;
  private final SecretCipher cipher;
  private final Consumer<String> changed;

  /**
   * Channels of {@code store}: the built-in types and those of {@code senders}, with URLs checked
   * against {@code addresses} and webhook secrets encrypted with {@code keys} (null: stored as
   * given); {@code changed} hears the id of each updated or deleted channel (the delivery
   * scheduler's cache).
   */
  public NotificationChannelService(
      Store store,
      Clock clock,
      Map<String, NotificationSender> senders,
      AddressPolicy addresses,
      SecretKeys keys,
      Consumer<String> changed) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.ids = new Ids(clock);
    this.settings = new ChannelSettings(senders, addresses);
    this.cipher = SecretCipher.of(keys);
    this.provider = new NotificationProvider(senders, addresses, cipher);
    this.changed = Objects.requireNonNull(changed, "changed");
  }

  public NotificationChannel create(Scope scope, NotificationChannelSpec spec) {
    Objects.requireNonNull(spec, "spec");
    check(spec.name(), spec.type(), spec.config());
    Instant now = clock.now();
    NotificationChannelRecord c =
        new NotificationChannelRecord(
            ids.next("nc"),
            scope.orgId(),
            scope.envId(),
            spec.name(),
            spec.type(),
            sealed(spec.config()),
            now,
            now);
    store.notificationChannels().insert(c);
    return toApi(c);
  }

  public NotificationChannel get(Scope scope, String id) {
    return toApi(stored(scope, id));
  }

  public Page<NotificationChannel> list(Scope scope, PageRequest page) {
    return Pages.fromStore(
        store.notificationChannels().list(scope, Pages.toStore(page)), this::toApi);
  }

  /** Changes the values {@code spec} sets; a new type needs a config for it. */
  public NotificationChannel update(Scope scope, String id, NotificationChannelSpec spec) {
    NotificationChannelRecord old = stored(scope, id);
    String name = spec.name() != null ? spec.name() : old.name();
    String type = spec.type() != null ? spec.type() : old.type();
    Map<String, Object> stored = opened(old);
    Map<String, Object> config =
        spec.config() != null ? ChannelSettings.keepSecret(spec.config(), stored) : stored;
    check(name, type, config);
    NotificationChannelRecord c =
        new NotificationChannelRecord(
            old.id(),
            old.orgId(),
            old.envId(),
            name,
            type,
            sealed(config),
            old.createdAt(),
            clock.now());
    if (!store.notificationChannels().update(c)) {
      throw HookstreamException.notFound("notification channel", id);
    }
    changed.accept(id);
    return toApi(c);
  }

  /** Deletes the channel; CONFLICT naming the rules that still send to it. */
  public void delete(Scope scope, String id) {
    stored(scope, id);
    List<AlertRuleRecord> using = store.alertRules().usingChannel(scope, id);
    if (!using.isEmpty()) {
      throw new HookstreamException(
          ErrorCode.CONFLICT,
          "notification channel "
              + id
              + " is used by alert rules "
              + String.join(", ", using.stream().map(r -> r.id() + " (" + r.name() + ")").toList())
              + "; remove it from them first");
    }
    if (!store.notificationChannels().delete(scope, id)) {
      throw HookstreamException.notFound("notification channel", id);
    }
    changed.accept(id);
  }

  /**
   * Sends a test notification now and waits for the answer (at most 10 s); nothing is queued or
   * retried.
   */
  public ChannelTestResult test(Scope scope, String id) {
    NotificationChannelRecord c = stored(scope, id);
    DeliveryResult r =
        provider.send(
            c.type(),
            Notifications.test(ids.next("ntf"), c.name(), clock.now()),
            Json.toMap(c.configJson()),
            TEST_TIMEOUT);
    return new ChannelTestResult(r.success(), r.success() ? null : describe(r));
  }

  private void check(String name, String type, Map<String, Object> config) {
    Validation v = new Validation().requireText("name", name, 200);
    if (type == null || !settings.supports(type)) {
      v.error("channel_type", "must be one of " + settings.supportedTypes() + "; got " + type);
    } else if (config == null) {
      v.error("config", "is required");
    } else {
      settings.check(type, config, v);
    }
    v.throwIfInvalid();
  }

  private NotificationChannelRecord stored(Scope scope, String id) {
    return store
        .notificationChannels()
        .find(scope, id)
        .orElseThrow(() -> HookstreamException.notFound("notification channel", id));
  }

  private static String describe(DeliveryResult r) {
    return r.statusCode() > 0 ? r.error() + " (HTTP " + r.statusCode() + ")" : r.error();
  }

  private String sealed(Map<String, Object> config) {
    return Json.write(ChannelSettings.withSecret(config, cipher::seal));
  }

  private Map<String, Object> opened(NotificationChannelRecord c) {
    return ChannelSettings.withSecret(Json.toMap(c.configJson()), cipher::open);
  }

  private NotificationChannel toApi(NotificationChannelRecord c) {
    return new NotificationChannel(
        c.id(),
        c.orgId(),
        c.envId(),
        c.name(),
        c.type(),
        ChannelSettings.mask(opened(c)),
        c.createdAt(),
        c.updatedAt());
  }
}
