package io.hookstream.providers.aws.internal;

import java.util.List;
import java.util.Map;

/**
 * What a successful AWS call tells the delivery log: its status, what was sent besides the body
 * (message attributes, object key: never credentials) and a short summary of the answer.
 */
public record Sent(int statusCode, Map<String, List<String>> requestDetails, String summary) {}
