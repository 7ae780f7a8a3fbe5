/** The engine's side of the observation hooks: the dispatcher that calls every observer safely. */
package io.hookstream.observe.internal;
