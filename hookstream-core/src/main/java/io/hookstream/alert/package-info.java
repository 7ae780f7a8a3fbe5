/**
 * Alert rules and notification channels: rules evaluated every 5 minutes on the engine clock, and
 * the channels (webhook, Slack, Discord, email) their notifications are queued to.
 */
package io.hookstream.alert;
