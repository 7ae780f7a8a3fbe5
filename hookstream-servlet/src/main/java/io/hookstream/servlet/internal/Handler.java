package io.hookstream.servlet.internal;

import java.io.IOException;

/** Serves one route. May throw HookstreamException for any expected failure. */
@FunctionalInterface
interface Handler {
  ApiResponse handle(ApiRequest request) throws IOException;
}
