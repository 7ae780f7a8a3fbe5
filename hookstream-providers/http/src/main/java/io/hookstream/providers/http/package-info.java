/**
 * The {@code http} destination provider: delivers events to HTTP endpoints with custom headers,
 * outbound signing (HMAC or Standard Webhooks) and an SSRF guard. Entry point: {@link
 * io.hookstream.providers.http.HttpDestinationProvider#builder()}.
 */
package io.hookstream.providers.http;
