/**
 * The Jakarta Servlet 6 binding: the {@code /v1} REST API and the public ingest endpoint as one
 * servlet a host registers in any container ({@link io.hookstream.servlet.HookstreamServlet}).
 */
package io.hookstream.servlet;
