/** The tools' guarded HTTP/1.1 client and the scheduled-send job. */
package io.hookstream.tools.internal;
