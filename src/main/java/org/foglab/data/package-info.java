/**
 * Datasets for the learning experiments: MNIST-format IDX readers, seeded train/test splits,
 * synthetic classification data materialised by sample id, and the per-device data streams
 * {@code D_i(t)} of Section V-A of Tu et al. (INFOCOM 2020).
 */
package org.foglab.data;
