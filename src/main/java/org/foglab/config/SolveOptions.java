package org.foglab.config;

import java.io.Serializable;
import org.foglab.optimize.ErrorModel;
import org.foglab.optimize.InformationSetting;
import org.foglab.optimize.SolveMethod;

/**
 * What to solve and how, shared by {@code solve} and sweep scenarios ({@code foglab.solve.*}).
 *
 * @param method solver ({@link SolveMethod#AUTO}: closed form unless a capacity binds)
 * @param error error model
 * @param setting a Table III setting (A-D), or null for perfect information with {@code method}
 * @param intervals L, the intervals of the imperfect-information settings C and D
 * @param gapTolerance relative gap up to which an exact solve is reported optimal
 */
public record SolveOptions(SolveMethod method, ErrorModel error, InformationSetting setting,
    int intervals, double gapTolerance) implements Serializable {

  /** The default certified relative gap (reference.conf's {@code solve.gap-tolerance}). */
  public static final double DEFAULT_GAP_TOLERANCE = 1e-6;

  /** The closed form, as {@code bench closed-form} asks for it. */
  public static final SolveOptions CLOSED_FORM = new SolveOptions(SolveMethod.CLOSED_FORM,
      ErrorModel.LINEAR, null, 1, DEFAULT_GAP_TOLERANCE);

  /** Checks the values against {@link SolveSettings} and the rules that tie them together. */
  public SolveOptions {
    SolveSettings.METHOD.check(method);
    SolveSettings.ERROR.check(error);
    SolveSettings.INTERVALS.check(intervals);
    SolveSettings.GAP_TOLERANCE.check(gapTolerance);
    if (error == ErrorModel.SQRT && method == SolveMethod.CLOSED_FORM) {
      throw SolveSettings.ERROR.error("sqrt has no closed form on a general network (Theorem 3 is "
          + "the linear model's); use method exact or auto with it");
    }
    if (setting != null && method != SolveMethod.AUTO) {
      throw SolveSettings.SETTING.error(setting.configName() + " fixes the solver (A moves "
          + "nothing, B and C use the closed form, D the exact solver); leave the method at auto, "
          + "not " + method.configName());
    }
    if (setting != null && error != ErrorModel.LINEAR) {
      throw SolveSettings.SETTING.error(setting.configName() + " is a Table III setting of the "
          + "linear error model; leave the error model at linear");
    }
  }

  /** Reads {@code method}, {@code error}, {@code setting}, {@code intervals}, {@code gap-tolerance}. */
  public static SolveOptions read(Settings s) {
    return new SolveOptions(s.get(SolveSettings.METHOD), s.get(SolveSettings.ERROR),
        s.get(SolveSettings.SETTING), s.get(SolveSettings.INTERVALS),
        s.get(SolveSettings.GAP_TOLERANCE));
  }

  /**
   * The intervals must split the horizon: at most one per slot.
   *
   * @param name how the error names the setting, e.g. {@code --intervals}
   */
  public void checkIntervals(int slots, String name) {
    if (setting != null && setting.imperfect() && intervals > slots) {
      throw new ConfigError(null, name + " must be at most the horizon of " + slots
          + " slots (one interval per slot at most), got " + intervals);
    }
  }
}
