/** Base-graph generators (complete, G(n,p), Watts-Strogatz, Barabasi-Albert, hierarchical) addressable by device range. */
package org.foglab.network.graph;
