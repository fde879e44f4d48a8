/** One class per command: options, typed configuration, and {@code run(config, context)}. */
package org.foglab.jobs;
