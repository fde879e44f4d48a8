/**
 * Execution engine for learning across fog nodes and the cloud: a network cut into stages at
 * named layers ({@link org.foglab.learning.engine.StagedModel}), with forward passes, backward
 * passes from external errors and per-stage parameters, the building block of split learning
 * (Gupta and Raskar, J. Netw. Comput. Appl. 2018) and pipelined training (Huang et al., GPipe,
 * NeurIPS 2019). DL4J networks stay inside the adapter class.
 */
package org.foglab.learning.engine;
