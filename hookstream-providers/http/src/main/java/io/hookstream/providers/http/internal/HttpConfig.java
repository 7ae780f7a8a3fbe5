package io.hookstream.providers.http.internal;

import java.time.Duration;
import java.util.Map;
import okhttp3.HttpUrl;

/**
 * A validated {@code http} destination config.
 *
 * @param url where to deliver
 * @param method upper-case HTTP method
 * @param headers custom headers in config order
 * @param timeout the configured timeout, or null when the config names none
 * @param signing how to sign, or null for unsigned deliveries
 */
public record HttpConfig(
    HttpUrl url,
    String method,
    Map<String, String> headers,
    Duration timeout,
    SigningConfig signing) {}
