/**
 * The JSON wire format of the {@code /v1} REST API and the live streams, supported for bindings and
 * hosts that render hookstream resources themselves: {@link io.hookstream.json.ResourceJson}
 * renders resources, {@link io.hookstream.json.HookstreamJson} reads and writes the text.
 */
package io.hookstream.json;
