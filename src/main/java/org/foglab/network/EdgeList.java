package org.foglab.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.foglab.InputError;
import org.foglab.network.io.CsvRecords;

/**
 * A user's edge list ({@code --edges FILE}): a CSV file with a header row and columns
 * {@code src,dst} naming devices. Devices are the ids that appear; their indices follow string
 * order. Repeated rows are kept once; a row linking a device to itself is an error.
 *
 * @param ids device ids, sorted
 * @param src source index of each directed link
 * @param dst destination index of each directed link
 */
public record EdgeList(String[] ids, int[] src, int[] dst) {

  public static final List<String> COLUMNS = List.of("src", "dst");

  public int devices() {
    return ids.length;
  }

  /**
   * Reads an edge file (local path or Hadoop URI). With {@code directed = false} every row
   * gives both directions.
   */
  public static EdgeList read(String path, boolean directed) {
    List<String[]> rows = new ArrayList<>();
    try {
      Path p = new Path(path);
      FileSystem fs = p.getFileSystem(org.foglab.network.io.HadoopConf.driver());
      if (!fs.exists(p)) {
        throw new InputError(path, -1, null, "no such edge file");
      }
      if (fs.getFileStatus(p).isDirectory()) {
        throw new InputError(path, -1, null, "is a directory; --edges takes one CSV file with columns src,dst");
      }
      try (CsvRecords r = new CsvRecords(new BufferedReader(new InputStreamReader(fs.open(p),
          StandardCharsets.UTF_8)), path, COLUMNS)) {
        int cs = r.column("src");
        int cd = r.column("dst");
        while (r.next()) {
          String a = r.field(cs).trim();
          String b = r.field(cd).trim();
          if (a.isEmpty()) {
            throw r.error("src", "empty device id");
          }
          if (b.isEmpty()) {
            throw r.error("dst", "empty device id");
          }
          if (a.equals(b)) {
            throw r.error("dst", "device " + a + " links to itself; links join two different devices");
          }
          rows.add(new String[] {a, b});
        }
      }
    } catch (IOException e) {
      throw new InputError(path, -1, null, "cannot read the edge file: " + e.getMessage());
    }
    TreeSet<String> idSet = new TreeSet<>();
    for (String[] r : rows) {
      idSet.add(r[0]);
      idSet.add(r[1]);
    }
    String[] ids = idSet.toArray(new String[0]);
    Map<String, Integer> index = new HashMap<>(ids.length * 2);
    for (int i = 0; i < ids.length; i++) {
      index.put(ids[i], i);
    }
    long[] pairs = new long[rows.size() * (directed ? 1 : 2)];
    int c = 0;
    for (String[] r : rows) {
      int a = index.get(r[0]);
      int b = index.get(r[1]);
      pairs[c++] = ((long) a << 32) | b;
      if (!directed) {
        pairs[c++] = ((long) b << 32) | a;
      }
    }
    Arrays.sort(pairs);
    int u = 0;
    for (int q = 0; q < pairs.length; q++) {
      if (q == 0 || pairs[q] != pairs[q - 1]) {
        pairs[u++] = pairs[q];
      }
    }
    int[] src = new int[u];
    int[] dst = new int[u];
    for (int q = 0; q < u; q++) {
      src[q] = (int) (pairs[q] >>> 32);
      dst[q] = (int) pairs[q];
    }
    return new EdgeList(ids, src, dst);
  }
}
