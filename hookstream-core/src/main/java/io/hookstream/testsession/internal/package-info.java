/** The parts of test sessions that are not API: provider detection, forwarding, the claim copy. */
package io.hookstream.testsession.internal;
