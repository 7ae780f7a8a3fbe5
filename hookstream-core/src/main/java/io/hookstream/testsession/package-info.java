/**
 * Test sessions: unauthenticated URLs that record whatever hits them, answer what you tell them to,
 * forward a copy, and can be claimed into an environment as a source. {@link
 * io.hookstream.testsession.TestSessionService} is the entry point.
 */
package io.hookstream.testsession;
