/**
 * Routing building blocks: content-based filter rules ({@link io.hookstream.routing.FilterRules},
 * {@link io.hookstream.routing.CompiledFilter}) and JSONata transforms ({@link
 * io.hookstream.routing.TransformEngine}). The router compiles both once per connection version and
 * evaluates them per event.
 */
package io.hookstream.routing;
