package io.hookstream.stream;

import com.fasterxml.jackson.databind.JsonNode;
import io.hookstream.internal.Json;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** A sink that completes every send at once and keeps the frames, parsed, for assertions. */
public final class CollectingSink implements FrameSink {
  public final BlockingQueue<JsonNode> frames = new LinkedBlockingQueue<>();

  @Override
  public void send(String frame, Consumer<Throwable> done) {
    frames.add(Json.parse(frame));
    done.accept(null);
  }

  @Override
  public void close(int code, String reason) {}

  public JsonNode next() throws InterruptedException {
    JsonNode f = frames.poll(5, TimeUnit.SECONDS);
    if (f == null) {
      throw new AssertionError("no frame within 5 s");
    }
    return f;
  }

  /** Nothing more arrives within {@code millis} (used after a later message proves ordering). */
  public JsonNode poll(long millis) throws InterruptedException {
    return frames.poll(millis, TimeUnit.MILLISECONDS);
  }
}
