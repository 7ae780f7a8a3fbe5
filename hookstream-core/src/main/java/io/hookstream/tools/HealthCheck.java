package io.hookstream.tools;

/**
 * The result of {@link ToolsService#healthCheck}: healthy when the endpoint answered with a status
 * from 200 to 399.
 */
public record HealthCheck(String url, String method, boolean healthy, ToolExchange exchange) {

  static HealthCheck of(ToolRequest request, ToolExchange exchange) {
    boolean healthy = exchange.status() >= 200 && exchange.status() < 400;
    return new HealthCheck(request.url(), request.method(), healthy, exchange);
  }
}
