/** The replay job step and the conversion of stored jobs to the API type. */
package io.hookstream.replay.internal;
