package io.hookstream.stream.internal;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hookstream.collection.internal.Collections;
import io.hookstream.delivery.internal.Attempts;
import io.hookstream.destination.internal.Destinations;
import io.hookstream.event.internal.Events;
import io.hookstream.internal.Json;
import io.hookstream.issue.internal.Issues;
import io.hookstream.json.CollectionJson;
import io.hookstream.json.ResourceJson;
import io.hookstream.replay.internal.ReplayJobs;
import io.hookstream.spi.store.AttemptRecord;
import io.hookstream.spi.store.BackfillRecord;
import io.hookstream.spi.store.CollectionEntry;
import io.hookstream.spi.store.DestinationRecord;
import io.hookstream.spi.store.EventRecord;
import io.hookstream.spi.store.IssueRecord;
import io.hookstream.spi.store.ReplayJobRecord;

/**
 * The JSON text of what live subscribers receive: resources rendered as the REST API renders them
 * ({@link ResourceJson}), and the frame around them. Stateless and thread-safe.
 */
public final class StreamJson {

  private StreamJson() {}

  /** The event summary (no headers or body). */
  public static String event(EventRecord e) {
    return Json.write(ResourceJson.event(Events.summary(e)));
  }

  /** One delivery attempt, without its captured headers and response body. */
  public static String attempt(AttemptRecord a) {
    return Json.write(ResourceJson.attempt(Attempts.toApi(a)));
  }

  /** One issue. */
  public static String issue(IssueRecord i) {
    return Json.write(ResourceJson.issue(Issues.toApi(i)));
  }

  /** A replay or bulk-retry job with its progress. */
  public static String replayJob(ReplayJobRecord j) {
    return Json.write(ResourceJson.replayJob(ReplayJobs.toApi(j)));
  }

  /** A collection record as {@code GET /v1/collections/:id/records/:key} renders it. */
  public static String collectionRecord(CollectionEntry e) {
    return Json.write(CollectionJson.record(Collections.toApi(e)));
  }

  /** A backfill as {@code GET /v1/collections/:id/backfill} renders it. */
  public static String backfill(BackfillRecord b) {
    return Json.write(CollectionJson.backfill(Collections.toApi(b)));
  }

  /** A destination's identity and delivery state. */
  public static String destination(DestinationRecord d) {
    return Json.write(ResourceJson.destination(Destinations.toApi(d)));
  }

  /** The {@code event.delivered} data of the websocket destination; payload is the raw body. */
  public static String delivered(String eventId, String destinationId, String payload) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("event_id", eventId);
    n.put("destination_id", destinationId);
    n.put("payload", payload);
    return Json.write(n);
  }

  /** The wire frame {@code {"type":..,"channel":..,"data":..}}; {@code dataJson} is JSON text. */
  public static String frame(String type, String channel, String dataJson) {
    StringBuilder sb = new StringBuilder(dataJson.length() + 64);
    sb.append("{\"type\":").append(Json.write(type));
    if (channel != null) {
      sb.append(",\"channel\":").append(Json.write(channel));
    }
    return sb.append(",\"data\":").append(dataJson).append('}').toString();
  }
}
