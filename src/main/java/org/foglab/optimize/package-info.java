/** Data-movement optimisation: plans, their evaluation, the closed form (Theorem 3), imperfect information, and the distributed solve. */
package org.foglab.optimize;
