/** SQL front ends over the warehouse: statement scripts, and the Spark SQL extensions of {@code serve}. */
package org.foglab.sql;
