/**
 * The three WebSocket endpoints on Jakarta WebSocket 2.1: the organization stream {@code /v1/ws},
 * the test-session feed {@code /v1/ws/test/{session_id}} and inbound ingestion {@code
 * /v1/ws/source/{source_id}}. A host registers them with {@link
 * io.hookstream.servlet.ws.HookstreamWebSockets#install}.
 */
package io.hookstream.servlet.ws;
