package org.foglab.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.foglab.learning.cost.CarbonModel;
import org.foglab.learning.cost.ConstantLinkModel;
import org.foglab.learning.cost.CostLedger;
import org.foglab.learning.cost.CostModels;
import org.foglab.learning.cost.DeviceProfile;
import org.foglab.learning.cost.Node;
import org.foglab.learning.cost.Tier;
import org.foglab.learning.cost.TrafficKind;
import org.junit.jupiter.api.Test;

class LedgerTableTest {
  @Test
  void rowsOfATinyLedgerByHand() {
    // Links 8e6 b/s, 1 ms, 2 W; tiers 1e9 FLOP/s at 10 W; 3.6 kg/kWh, so 1 J = 1e-6 kg.
    Map<Tier, DeviceProfile> p = new EnumMap<>(Tier.class);
    for (Tier t : Tier.values()) {
      p.put(t, new DeviceProfile(1e9, 10, 1, 0, Double.POSITIVE_INFINITY));
    }
    CostLedger l = new CostLedger(new CostModels(ConstantLinkModel.uniform(8e6, 1e-3, 2), p,
        new CarbonModel(3.6)));
    Node dev = new Node("4", Tier.DEVICE);
    Node cloud = new Node("cloud", Tier.CLOUD);
    l.compute(dev, 1, "local", 2e9, 0, Double.NaN);
    l.send(dev, cloud, 1, TrafficKind.ACTIVATIONS, 1000);
    l.send(dev, cloud, 1, TrafficKind.ACTIVATIONS, 3000);
    l.compute(cloud, 0, "remote", 5e8, 0, 0.2);

    List<Row> rows = LedgerTable.rows("run-1", null, null, "split", l);
    assertEquals(3, rows.size());
    // Round 0 first: the cloud's step, 5e8 / 1e9 = 0.5 s, 5 J, 5e-6 kg.
    Row r0 = rows.get(0);
    assertEquals("node", r0.getAs("entity"));
    assertEquals("cloud", r0.getAs("src"));
    assertEquals("cloud", r0.getAs("src_tier"));
    assertNull(r0.getAs("dst"));
    assertEquals("remote", r0.getAs("stage"));
    assertEquals(0L, (long) r0.getAs("round"));
    assertEquals(0.2, r0.<Double>getAs("cpu_seconds"), 1e-15);
    assertEquals(0.5, r0.<Double>getAs("seconds"), 1e-15);
    assertEquals(5.0, r0.<Double>getAs("energy_joules"), 1e-12);
    assertEquals(5e-6, r0.<Double>getAs("carbon_kg"), 1e-18);
    // Round 1, the link before the node: two messages, 4000 bytes,
    // 2 x 1 ms + 4000 us = 0.006 s, 2 W x 0.004 s = 0.008 J.
    Row r1 = rows.get(1);
    assertEquals("link", r1.getAs("entity"));
    assertEquals("activations", r1.getAs("kind"));
    assertEquals("4", r1.getAs("src"));
    assertEquals("device", r1.getAs("src_tier"));
    assertEquals("cloud", r1.getAs("dst"));
    assertEquals("cloud", r1.getAs("dst_tier"));
    assertNull(r1.getAs("stage"));
    assertEquals(2L, (long) r1.getAs("count"));
    assertEquals(4000.0, r1.<Double>getAs("bytes"));
    assertEquals(0.006, r1.<Double>getAs("seconds"), 1e-15);
    assertEquals(0.008, r1.<Double>getAs("energy_joules"), 1e-15);
    assertNull(r1.getAs("cpu_seconds"), "links have no CPU measurement");
    // The device's step: 2 s, 20 J, unmeasured CPU is null.
    Row r2 = rows.get(2);
    assertEquals("compute", r2.getAs("kind"));
    assertEquals(2e9, r2.<Double>getAs("flops"));
    assertEquals(20.0, r2.<Double>getAs("energy_joules"), 1e-12);
    assertNull(r2.getAs("cpu_seconds"));
    for (Row r : rows) {
      assertEquals("run-1", r.getAs("run_id"));
      assertEquals("split", r.getAs("mode"));
      assertNull(r.getAs("sweep"));
      assertNull(r.getAs("scenario_key"));
      assertEquals(LedgerTable.SCHEMA, r.schema());
    }
  }
}
