/** Fog networks: topology generators, traces in memory and on Spark, trace reading and validation, graph statistics. */
package org.foglab.network;
