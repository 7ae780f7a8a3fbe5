/** Internals of the AWS providers: config reading, SDK clients, message formats, failures. */
package io.hookstream.providers.aws.internal;
