package io.hookstream.client;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One message from the server: its {@code type} ({@code welcome}, {@code event}, {@code delivery},
 * {@code issue}, {@code event.delivered}, {@code subscribed}, {@code error}, ...), its {@code
 * channel} (null for replies), its {@code data} (a missing node when absent) and the raw JSON text.
 */
public record StreamMessage(String type, String channel, JsonNode data, String raw) {}
