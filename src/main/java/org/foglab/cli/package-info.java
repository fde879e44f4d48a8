/** Command-line options, parsing and help text. */
package org.foglab.cli;
