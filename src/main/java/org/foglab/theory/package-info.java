/**
 * The paper's theorems (Tu et al., INFOCOM 2020, Sections III-IV) as computations, each with an
 * independent validation: the loss bound (Theorem 1), the hierarchical closed form (Theorem 4),
 * the value of offloading (Theorem 5) and the expected capacity violations (Theorem 6).
 */
package org.foglab.theory;
