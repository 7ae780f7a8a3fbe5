/** Topic internals: unsupported, and may change without notice. */
package io.hookstream.topic.internal;
