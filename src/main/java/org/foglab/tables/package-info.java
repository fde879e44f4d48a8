/** Result tables (Iceberg) and their schemas, run metadata, JSON and text output. */
package org.foglab.tables;
