/**
 * Model training on Deeplearning4j: the paper's MLP and CNN (network factory), and the adapter
 * that takes one SGD step of equation (3) of Tu et al. (INFOCOM 2020) on given samples. DL4J
 * networks never leave this package and its subpackages.
 */
package org.foglab.learning;
