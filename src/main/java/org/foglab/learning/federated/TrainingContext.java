package org.foglab.learning.federated;

import java.io.Serializable;
import org.foglab.data.SampleSource;
import org.foglab.learning.ModelConfig;

/**
 * What every worker needs for the whole run (broadcast once on Spark): the model, the training
 * samples by id, and the batches of every device-slot.
 *
 * @param model the classifier
 * @param train the training samples
 * @param schedule the batches {@code G_i(t)}
 * @param recordLosses whether workers report per-step losses
 */
public record TrainingContext(ModelConfig model, SampleSource train, TrainingSchedule schedule,
    boolean recordLosses) implements Serializable {}
