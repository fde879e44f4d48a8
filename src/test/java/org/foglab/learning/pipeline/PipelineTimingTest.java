package org.foglab.learning.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PipelineTimingTest {

  /**
   * GPipe by discrete events: micro-batch j leaves station i forward when it has left station
   * i - 1 and station i has finished micro-batch j - 1; the backward phase starts after the last
   * forward and runs the stations in reverse the same way.
   */
  static double simulate(List<PipelineTiming.Station> st, int m) {
    int n = st.size();
    double[][] done = new double[n][m];
    for (int j = 0; j < m; j++) {
      for (int i = 0; i < n; i++) {
        double ready = Math.max(i > 0 ? done[i - 1][j] : 0, j > 0 ? done[i][j - 1] : 0);
        done[i][j] = ready + st.get(i).forwardSeconds();
      }
    }
    double start = done[n - 1][m - 1];
    double[][] back = new double[n][m];
    for (int j = 0; j < m; j++) {
      for (int i = n - 1; i >= 0; i--) {
        double ready = Math.max(i < n - 1 ? back[i + 1][j] : start, j > 0 ? back[i][j - 1] : start);
        back[i][j] = ready + st.get(i).backwardSeconds();
      }
    }
    return back[0][m - 1];
  }

  @Test
  void fillAndDrainByHand() {
    // f = 1, 2, 1 and b = 2, 4, 2, four micro-batches:
    // forward 1 + 2 + 1 + 3 * 2 = 10, backward 2 + 4 + 2 + 3 * 4 = 20.
    List<PipelineTiming.Station> st = List.of(new PipelineTiming.Station("a", true, 1, 2),
        new PipelineTiming.Station("h", false, 2, 4), new PipelineTiming.Station("b", true, 1, 2));
    assertEquals(30, PipelineTiming.pipelined(st, 4), 1e-12);
    assertEquals(30, simulate(st, 4), 1e-12);
    assertEquals("h", PipelineTiming.bottleneck(st).name());
    // One micro-batch is sequential execution.
    assertEquals(PipelineTiming.sequential(st), PipelineTiming.pipelined(st, 1), 1e-12);
  }

  @Test
  void closedFormMatchesTheEventSimulation() {
    Random r = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      int n = 1 + r.nextInt(6);
      int m = 1 + r.nextInt(12);
      List<PipelineTiming.Station> st = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        st.add(new PipelineTiming.Station("s" + i, i % 2 == 0, r.nextDouble(),
            r.nextBoolean() ? 0 : r.nextDouble()));
      }
      assertEquals(simulate(st, m), PipelineTiming.pipelined(st, m), 1e-9,
          "stations " + st + ", " + m + " micro-batches");
    }
  }
}
