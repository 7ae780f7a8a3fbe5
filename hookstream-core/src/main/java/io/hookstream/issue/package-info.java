/**
 * Issues: delivery failures auto-grouped per destination and error type, with status, snooze and
 * 30-minute auto-resolve ({@link io.hookstream.issue.IssueService}).
 */
package io.hookstream.issue;
