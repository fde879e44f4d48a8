/** Counter-based random streams: every draw is a pure function of the root seed and its keys. */
package org.foglab.random;
