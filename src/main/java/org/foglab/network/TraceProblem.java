package org.foglab.network;

import java.io.Serializable;
import java.util.List;

/**
 * A trace error found by a distributed pass that sees keys but not files and lines (the solve
 * walks group rows by device and carry no locations, to keep shuffles small). The driver turns it
 * into an {@link org.foglab.InputError} with {@link TraceReader.Tables#locate}, which finds the
 * offending rows by a filtered scan.
 *
 * @param kind what is wrong
 * @param key the offending key: (device, t), (src, dst, t), (src), (dst) or (device, t)
 */
public record TraceProblem(Kind kind, List<Object> key) implements Serializable {

  /** Problems a walk can detect. */
  public enum Kind {
    DUPLICATE_DEVICE_SLOT, DUPLICATE_LINK, UNKNOWN_SRC, UNKNOWN_DST, SLOT_BEYOND_HORIZON
  }

  /** The exception a task throws; its message is for logs, the driver locates it. */
  public static final class Found extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final TraceProblem problem;

    public Found(TraceProblem problem) {
      super(problem.kind() + " " + problem.key());
      this.problem = problem;
    }

    public TraceProblem problem() {
      return problem;
    }

    /** The problem inside a (Spark-wrapped) failure, or null. */
    public static TraceProblem in(Throwable t) {
      for (Throwable c = t; c != null; c = c.getCause()) {
        if (c instanceof Found f) {
          return f.problem;
        }
        if (c.getCause() == c) {
          break;
        }
      }
      return null;
    }
  }

  public static Found duplicateDeviceSlot(String device, int t) {
    return new Found(new TraceProblem(Kind.DUPLICATE_DEVICE_SLOT, List.of(device, t)));
  }

  public static Found duplicateLink(String src, String dst, int t) {
    return new Found(new TraceProblem(Kind.DUPLICATE_LINK, List.of(src, dst, t)));
  }

  public static Found unknownSrc(String src) {
    return new Found(new TraceProblem(Kind.UNKNOWN_SRC, List.of(src)));
  }

  public static Found unknownDst(String dst) {
    return new Found(new TraceProblem(Kind.UNKNOWN_DST, List.of(dst)));
  }

  public static Found beyondHorizon(String device, int t) {
    return new Found(new TraceProblem(Kind.SLOT_BEYOND_HORIZON, List.of(device, t)));
  }
}
