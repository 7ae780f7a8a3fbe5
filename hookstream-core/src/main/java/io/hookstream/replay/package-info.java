/**
 * Replay jobs (send a time window's events to a destination again, one attempt each) and bulk
 * retries (queue the failed deliveries of a window's events again), both paced by the engine clock
 * and tracked as durable jobs: {@link io.hookstream.replay.ReplayService}.
 */
package io.hookstream.replay;
