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

  /** The problem in words, without file and line (those come from {@link TraceReader.Tables#locate}). */
  public String describe() {
    switch (kind) {
      case DUPLICATE_DEVICE_SLOT:
        return "duplicate device-slot (device " + key.get(0) + ", t " + key.get(1) + ")";
      case DUPLICATE_LINK:
        return "duplicate link (src " + key.get(0) + ", dst " + key.get(1) + ", t " + key.get(2) + ")";
      case UNKNOWN_SRC:
      case UNKNOWN_DST:
        return "links name unknown device " + key.get(0) + " as " + (kind == Kind.UNKNOWN_SRC
            ? "src" : "dst") + " (it has no row in the devices table)";
      default:
        return "device-slot (device " + key.get(0) + ", t " + key.get(1) + ") is beyond the horizon";
    }
  }

  /**
   * The exception a task throws; its message is for logs, the driver locates it. It is an
   * {@link IllegalArgumentException} because {@link Trace.Builder} throws it for duplicate keys,
   * which is a bad argument to the builder and a located error to the jobs.
   */
  public static final class Found extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;
    private final TraceProblem problem;

    public Found(TraceProblem problem) {
      super(problem.describe());
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

  /** The same problem with its slot moved by {@code offset} (a block's local slot to the trace's). */
  public Found shiftedSlots(int offset) {
    List<Object> k = new java.util.ArrayList<>(key);
    switch (kind) {
      case DUPLICATE_DEVICE_SLOT, SLOT_BEYOND_HORIZON -> k.set(1, (Integer) k.get(1) + offset);
      case DUPLICATE_LINK -> k.set(2, (Integer) k.get(2) + offset);
      default -> { }
    }
    return new Found(new TraceProblem(kind, List.copyOf(k)));
  }

  /**
   * The index of a link's source ({@code src} true) or destination in {@code index}; a device the
   * index lacks is the unknown-device problem of that end.
   */
  public static int linkEnd(java.util.Map<String, Integer> index, String id, boolean src) {
    Integer i = index.get(id);
    if (i == null) {
      throw src ? unknownSrc(id) : unknownDst(id);
    }
    return i;
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
