/**
 * Cursor pagination of the Java API: every list method takes a {@link
 * io.hookstream.page.PageRequest} and returns a {@link io.hookstream.page.Page}, newest first.
 */
package io.hookstream.page;
