/**
 * Multi-stage pipelines across data source, fog nodes and cloud (Vainio et al., Sparse): a model
 * cut into stages placed along a path, trained or run forward-only, with sequential and
 * micro-batched (GPipe-style) timing from the cost models.
 */
package org.foglab.learning.pipeline;
