/** Issue tracking internals: unsupported, and may change without notice. */
package io.hookstream.issue.internal;
