package io.hookstream.alert;

/** What a test notification came to: {@code error} is null on success. */
public record ChannelTestResult(boolean success, String error) {}
