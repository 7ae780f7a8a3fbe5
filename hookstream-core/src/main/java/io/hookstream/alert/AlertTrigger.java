package io.hookstream.alert;

import java.time.Instant;

/**
 * One entry of a rule's history: {@code kind} is {@code triggered} or {@code resolved}; {@code
 * message} says what was measured ("Failure rate 60% exceeds 10% threshold ...").
 */
public record AlertTrigger(
    String id, String alertRuleId, String kind, String message, Instant triggeredAt) {}
