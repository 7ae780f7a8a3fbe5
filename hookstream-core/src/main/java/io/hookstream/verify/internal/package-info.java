/** Signature scheme implementations: unsupported, and may change without notice. */
package io.hookstream.verify.internal;
