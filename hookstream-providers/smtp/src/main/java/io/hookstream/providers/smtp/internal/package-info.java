/** Recipients, the message, and what an SMTP failure means for a retry. */
package io.hookstream.providers.smtp.internal;
