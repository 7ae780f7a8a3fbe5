/** Scale-out: several engine JVMs sharing one PostgreSQL queue. */
package io.hookstream.benchmarks.scaleout;
