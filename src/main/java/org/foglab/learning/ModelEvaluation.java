package org.foglab.learning;

/**
 * A model's quality on a labelled set.
 *
 * @param accuracy fraction of samples whose most probable class is the label
 * @param loss mean cross-entropy {@code -ln p(label)} (probabilities floored at 1e-30)
 * @param samples number of samples evaluated
 */
public record ModelEvaluation(double accuracy, double loss, int samples) {

  /** Index of the largest of {@code prob[row * classes .. (row + 1) * classes)} (first on ties). */
  public static int argmax(float[] prob, int row, int classes) {
    int best = 0;
    for (int c = 1; c < classes; c++) {
      if (prob[row * classes + c] > prob[row * classes + best]) {
        best = c;
      }
    }
    return best;
  }

  /** Adds up predictions batch by batch into a {@link ModelEvaluation}. */
  public static final class Tally {
    private final int classes;
    private long correct;
    private double loss;
    private int samples;

    public Tally(int classes) {
      this.classes = classes;
    }

    /** Row {@code row} of the softmax output {@code prob}, whose label is {@code label}. */
    public void add(float[] prob, int row, int label) {
      if (argmax(prob, row, classes) == label) {
        correct++;
      }
      loss -= Math.log(Math.max(prob[row * classes + label], 1e-30));
      samples++;
    }

    /** Correct predictions so far. */
    public long correct() {
      return correct;
    }

    /** The evaluation of everything added (NaN for none). */
    public ModelEvaluation result() {
      return samples == 0 ? new ModelEvaluation(Double.NaN, Double.NaN, 0)
          : new ModelEvaluation((double) correct / samples, loss / samples, samples);
    }
  }
}
