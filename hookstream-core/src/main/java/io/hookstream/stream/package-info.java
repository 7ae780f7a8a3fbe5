/**
 * Live streaming: the {@link io.hookstream.stream.ChannelBroadcaster} that publishes {@code event},
 * {@code delivery}, {@code issue} and {@code event.delivered} messages per organization through the
 * {@link io.hookstream.spi.ChannelBus}, the {@link io.hookstream.stream.StreamSubscription} a
 * connection reads them through (bounded, never blocking the publisher), the channel names ({@link
 * io.hookstream.stream.StreamChannels}) and the {@code websocket} destination type ({@link
 * io.hookstream.stream.WebSocketDestinationProvider}).
 */
package io.hookstream.stream;
