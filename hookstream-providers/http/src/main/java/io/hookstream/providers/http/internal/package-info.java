/**
 * Internals of the HTTP destination provider: config parsing, signing, the SSRF guard, response
 * capture. Unsupported and may change without notice.
 */
package io.hookstream.providers.http.internal;
