/**
 * The contracts that adapters implement: {@link io.hookstream.spi.Clock}, {@link
 * io.hookstream.spi.KeyValueStore}, {@link io.hookstream.spi.BlobStore}, {@link
 * io.hookstream.spi.ChannelBus}, {@link io.hookstream.spi.Authenticator}, {@link
 * io.hookstream.spi.DestinationProvider}, and the store in {@link io.hookstream.spi.store}.
 */
package io.hookstream.spi;
