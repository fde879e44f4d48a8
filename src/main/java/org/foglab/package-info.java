/** foglab: distributed learning in fog networks on Apache Spark. The entry point is {@link org.foglab.Foglab}. */
package org.foglab;
