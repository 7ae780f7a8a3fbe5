/** How collections are synced, backfilled, inferred and exported; not API. */
package io.hookstream.collection.internal;
