/** Typed, validated settings records read from HOCON (reference.conf, conf/foglab.conf, options). */
package org.foglab.config;
