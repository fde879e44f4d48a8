/** Benchmarks behind {@code jobs/foglab bench <name>}: speed and memory targets, never unit tests. */
package org.foglab.bench;
