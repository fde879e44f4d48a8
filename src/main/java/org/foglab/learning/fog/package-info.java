/**
 * Fog learning (Hosseinalipour et al., "From Federated to Fog Learning", seed 002): multi-layer
 * aggregation over a fog tree, D2D average consensus inside bottom clusters, cluster sampling,
 * and its honest traffic and energy accounting.
 */
package org.foglab.learning.fog;
