package io.hookstream.providers.aws.internal;

import io.hookstream.spi.DestinationProvider.DeliveryRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.PutEventsRequestEntry;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResponse;
import software.amazon.awssdk.services.eventbridge.model.PutEventsResultEntry;

/**
 * {@code aws_eventbridge}: one PutEvents entry per delivery (see {@link EventBridgeEntry}). A 200
 * whose {@code FailedEntryCount} is above 0 is a failure, classified by the entry's error code.
 */
public final class EventBridgeType extends AwsType<EventBridgeClient, EventBridgeConfig> {

  public static final String TYPE = "aws_eventbridge";

  public EventBridgeType() {
    super(
        TYPE,
        EventBridgeConfig::parse,
        EventBridgeConfig::aws,
        (settings, timeout) -> SdkClients.build(EventBridgeClient.builder(), settings, timeout));
  }

  @Override
  public Sent send(EventBridgeClient client, EventBridgeConfig config, DeliveryRequest request) {
    PutEventsRequestEntry entry = EventBridgeEntry.of(config, request);
    long size = EventBridgeEntry.size(entry);
    if (size > EventBridgeEntry.MAX_BYTES) {
      throw new MessageTooLargeException("the EventBridge entry", size, EventBridgeEntry.MAX_BYTES);
    }
    PutEventsResponse response = client.putEvents(r -> r.entries(entry));
    PutEventsResultEntry result =
        response.hasEntries() && !response.entries().isEmpty() ? response.entries().get(0) : null;
    if (response.failedEntryCount() != null && response.failedEntryCount() > 0) {
      throw new EntryFailedException(
          result == null ? null : result.errorCode(),
          result == null
              ? "FailedEntryCount " + response.failedEntryCount()
              : result.errorMessage());
    }
    Map<String, List<String>> details = new LinkedHashMap<>();
    details.put("EventBusName", List.of(entry.eventBusName()));
    details.put("Source", List.of(entry.source()));
    details.put("DetailType", List.of(entry.detailType()));
    return new Sent(
        response.sdkHttpResponse().statusCode(),
        details,
        "EventId=" + (result == null ? null : result.eventId()));
  }
}
