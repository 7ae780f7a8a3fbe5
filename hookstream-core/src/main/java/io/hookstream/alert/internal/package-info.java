/** The evaluation, the checks per rule type, channel settings and the notification senders. */
package io.hookstream.alert.internal;
