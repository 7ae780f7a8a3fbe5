/**
 * Topics: application-initiated fan-out. A topic has subscriptions (a destination with its own
 * filter rules and transform); publishing to the topic's slug stores one ordinary event and one
 * delivery task per matching subscription in one commit, or in the caller's own JDBC transaction.
 */
package io.hookstream.topic;
