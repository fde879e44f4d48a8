/**
 * Cost, capacity and channel models as pure functions, e.g. the straggler-aware processing
 * capacity of Theorem 2 (Tu et al., INFOCOM 2020).
 */
package org.foglab.cost;
