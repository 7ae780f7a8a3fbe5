/**
 * The tools API: a health check of an endpoint, a request sent once after a delay (a durable job on
 * the engine clock), and an idempotency test. Each sends requests to a URL a stranger may choose,
 * so each goes through the SSRF guard: {@link io.hookstream.tools.ToolsService}.
 */
package io.hookstream.tools;
