/** Line-numbered CSV reading and strict field parsing for user files. */
package org.foglab.network.io;
