/**
 * The cost ledger of distributed training: every byte that crosses a link and every compute
 * step, turned into time, energy and carbon by pluggable link, device and carbon models (the
 * channel model of equation (3) of Malandrino and Chiasserini, the fog hardware of Vainio et al.).
 */
package org.foglab.learning.cost;
