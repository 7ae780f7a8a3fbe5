/**
 * Inbound webhook signature verification: the schemes ({@link
 * io.hookstream.verify.VerificationType}), write-time validation and compiled verifiers ({@link
 * io.hookstream.verify.SignatureVerifiers}), and the provider templates ({@link
 * io.hookstream.verify.SourceTemplates}).
 */
package io.hookstream.verify;
