package org.foglab.learning;

/**
 * A model's quality on a labelled set.
 *
 * @param accuracy fraction of samples whose most probable class is the label
 * @param loss mean cross-entropy {@code -ln p(label)} (probabilities floored at 1e-30)
 * @param samples number of samples evaluated
 */
public record ModelEvaluation(double accuracy, double loss, int samples) {}
