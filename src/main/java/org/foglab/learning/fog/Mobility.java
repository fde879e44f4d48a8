package org.foglab.learning.fog;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.foglab.network.FogTree;
import org.foglab.network.graph.ClusterGraph;
import org.foglab.random.Purpose;
import org.foglab.random.Streams;

/**
 * Devices moving between bottom clusters (seed 002's parallel successive learning): the bottom
 * cluster of every device in every global round. In round 1 every device is in its home cluster;
 * before round {@code r >= 2} each device moves, with probability {@code p}, to a uniformly drawn
 * other bottom cluster (drawn from (seed, device, round)), else stays where it was. A device that
 * moves carries the model it ended round {@code r - 1} with into its new cluster instead of
 * receiving the root's broadcast; the trainer hands those models from the round that produced
 * them to the next (their number is that of the movers, not of the devices).
 *
 * <p>A cluster whose membership differs from its home membership gets a re-drawn D2D graph over
 * its current members ({@link #graph}): the home links among its natives, each newcomer linked to
 * each other member with probability {@code density} (drawn from (seed, round, pair)), and any
 * remaining components joined through their smallest members, so the graph is connected and its
 * Metropolis-Hastings matrix doubly stochastic.
 *
 * <p>Membership is a pure function of (seed, p, round), so every task computes the same; each JVM
 * caches the last round it computed and advances from it.
 */
public final class Mobility implements Serializable {
  private static final long serialVersionUID = 1L;

  private final FogTree tree;
  private final double probability;
  private final double density;
  private final long seed;
  /** Planted memberships per round (tests), or null for the random model. */
  private final int[][] planted;
  private transient int cachedRound;
  private transient int[] cached;
  private transient int[][] cachedMembers;

  private Mobility(FogTree tree, double probability, double density, long seed, int[][] planted) {
    this.tree = tree;
    this.probability = probability;
    this.density = density;
    this.seed = seed;
    this.planted = planted;
  }

  /** The random model: each device moves before each round with probability {@code p}. */
  public static Mobility random(FogTree tree, double p, double density, long seed) {
    if (!(p >= 0 && p < 1)) {
      throw new IllegalArgumentException("--move-probability must be in [0, 1), got " + p);
    }
    if (!(density >= 0 && density <= 1)) {
      throw new IllegalArgumentException("the D2D density of newcomers must be in [0, 1], got "
          + density);
    }
    if (tree.depth() < 3 && p > 0) {
      throw new IllegalArgumentException("--move-probability needs a tree with bottom clusters "
          + "(at least three layers); this one has " + tree.depth());
    }
    return new Mobility(tree, p, density, seed, null);
  }

  /**
   * Planted memberships: {@code clusters[r - 1][i]} is device {@code i}'s bottom cluster in round
   * {@code r} (the last entry holds for later rounds); round 1 must be the home clusters.
   */
  public static Mobility planted(FogTree tree, double density, long seed, int[][] clusters) {
    for (int i = 0; i < tree.devices(); i++) {
      if (clusters[0][i] != tree.clusterOf(i)) {
        throw new IllegalArgumentException("round 1 is the home membership");
      }
    }
    int[][] copy = new int[clusters.length][];
    for (int r = 0; r < copy.length; r++) {
      copy[r] = clusters[r].clone();
    }
    return new Mobility(tree, 0, density, seed, copy);
  }

  /** Whether any device can ever leave its home cluster. */
  public boolean moves() {
    return planted != null || probability > 0;
  }

  /**
   * Bottom cluster of every device in round {@code round} (from 1); do not modify. The array is
   * never changed afterwards (a later round gets a new one).
   */
  public synchronized int[] clusters(int round) {
    if (cached == null || cachedRound > round) {
      cached = new int[tree.devices()];
      for (int i = 0; i < cached.length; i++) {
        cached[i] = tree.clusterOf(i);
      }
      cachedRound = 1;
      cachedMembers = null;
    }
    while (cachedRound < round) {
      int r = ++cachedRound;
      cachedMembers = null;
      if (planted != null) {
        cached = planted[Math.min(r, planted.length) - 1].clone();
        continue;
      }
      int k = tree.clusters();
      // A new array per round: callers in other threads keep the round they asked for.
      cached = cached.clone();
      for (int i = 0; i < cached.length; i++) {
        if (Streams.unit(Streams.hash(seed, Purpose.FOG_MOBILITY, i, r, 0)) < probability) {
          int to = (int) Streams.below(Streams.hash(seed, Purpose.FOG_MOBILITY, i, r, 1), k - 1);
          cached[i] = to >= cached[i] ? to + 1 : to;
        }
      }
    }
    return cached;
  }

  /**
   * Members of every bottom cluster in round {@code round}, ascending: {@code [c]} the devices of
   * cluster {@code c}; do not modify.
   */
  public synchronized int[][] members(int round) {
    int[] cl = clusters(round);
    if (cachedMembers == null) {
      int[] count = new int[tree.clusters()];
      for (int c : cl) {
        count[c]++;
      }
      int[][] m = new int[count.length][];
      for (int c = 0; c < m.length; c++) {
        m[c] = new int[count[c]];
      }
      int[] fill = new int[count.length];
      for (int i = 0; i < cl.length; i++) {
        m[cl[i]][fill[cl[i]]++] = i;
      }
      cachedMembers = m;
    }
    return cachedMembers;
  }

  /** Whether cluster {@code c}'s members in a round are exactly its home devices. */
  boolean home(int c, int[] members) {
    int first = tree.clusterStart(c);
    if (members.length != tree.clusterEnd(c) - first) {
      return false;
    }
    for (int k = 0; k < members.length; k++) {
      if (members[k] != first + k) {
        return false;
      }
    }
    return true;
  }

  /**
   * The D2D graph of cluster {@code c} with {@code members} in round {@code round}: home links
   * among natives ({@code homeSrc/homeDst}: the subtree's undirected links, global indices),
   * newcomers linked with probability {@code density}, components joined through their smallest
   * members.
   */
  ClusterGraph graph(int c, int[] members, int round, int[] homeSrc, int[] homeDst) {
    int m = members.length;
    int first = tree.clusterStart(c);
    int end = tree.clusterEnd(c);
    List<int[]> e = new ArrayList<>();
    for (int k = 0; k < homeSrc.length; k++) {
      int a = Arrays.binarySearch(members, homeSrc[k]);
      int b = Arrays.binarySearch(members, homeDst[k]);
      if (a >= 0 && b >= 0) {
        e.add(new int[] {a, b});
      }
    }
    for (int a = 0; a < m; a++) {
      boolean newA = members[a] < first || members[a] >= end;
      for (int b = a + 1; b < m; b++) {
        boolean newB = members[b] < first || members[b] >= end;
        if ((newA || newB) && Streams.unit(Streams.hash(seed, Purpose.FOG_MOBILITY, round,
            members[a], members[b], 2)) < density) {
          e.add(new int[] {a, b});
        }
      }
    }
    ClusterGraph g = build(m, e);
    int[] comp = g.components();
    // Join every other component to the first through its smallest member (its label).
    boolean added = false;
    for (int a = 1; a < m; a++) {
      if (comp[a] == a) {
        e.add(new int[] {0, a});
        added = true;
      }
    }
    return added ? build(m, e) : g;
  }

  private static ClusterGraph build(int m, List<int[]> e) {
    int[] a = new int[e.size()];
    int[] b = new int[e.size()];
    for (int k = 0; k < a.length; k++) {
      a[k] = e.get(k)[0];
      b[k] = e.get(k)[1];
    }
    return ClusterGraph.of(m, a, b);
  }
}
