/**
 * A Java client for {@code /v1/ws} on the JDK's {@link java.net.http.WebSocket}: subscriptions,
 * heartbeat answers, and reconnection with exponential backoff that re-subscribes.
 */
package io.hookstream.client;
