package org.foglab;

/**
 * Invalid input data: names the file, the line (or row) and the column when known.
 * For example {@code trace/devices.csv line 17, column capacity: -3 is negative}.
 */
public final class InputError extends FoglabError {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final long line;
  private final String column;

  public InputError(String file, long line, String column, String problem) {
    this(file, "line", line, column, problem);
  }

  /**
   * @param unit what {@code line} counts: "line" in text files, "row" in Parquet files
   */
  public InputError(String file, String unit, long line, String column, String problem) {
    super(locate(file, unit, line, column) + problem);
    this.file = file;
    this.line = line;
    this.column = column;
  }

  public InputError(String message) {
    super(message);
    this.file = null;
    this.line = -1;
    this.column = null;
  }

  private static String locate(String file, String unit, long line, String column) {
    StringBuilder b = new StringBuilder();
    if (file != null) {
      b.append(file);
    }
    if (line >= 0) {
      b.append(b.length() > 0 ? " " : "").append(unit).append(' ').append(line);
    }
    if (column != null) {
      b.append(b.length() > 0 ? ", " : "").append("column ").append(column);
    }
    return b.length() > 0 ? b.append(": ").toString() : "";
  }

  public String file() {
    return file;
  }

  public long line() {
    return line;
  }

  public String column() {
    return column;
  }

  @Override
  public int exitCode() {
    return EXIT_INPUT;
  }
}
