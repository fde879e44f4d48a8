/**
 * Network-aware federated learning (Sections III-B and V of Tu et al., INFOCOM 2020): devices
 * take one SGD step per slot on the data a data-movement plan gives them, and a server averages
 * their models every {@code tau} slots weighted by the data processed (equation (4)); runs
 * locally or on Spark with identical results.
 */
package org.foglab.learning.federated;
