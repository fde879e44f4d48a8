/**
 * Multi-source learning on views of one phenomenon (Malandrino and Chiasserini, seed 004):
 * flexible parallel learning with a junction layer, vertical split learning, generalized federated
 * learning with FedProx, and raw-image transfer, on the engine's staged models and cost ledger.
 */
package org.foglab.learning.fpl;
