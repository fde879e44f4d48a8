package org.foglab.learning.federated;

import java.io.Serializable;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.rpc.RpcCallContext;
import org.apache.spark.rpc.RpcEndpointRef;
import org.apache.spark.rpc.RpcEnv;
import org.apache.spark.rpc.RpcTimeout;
import org.apache.spark.rpc.ThreadSafeRpcEndpoint;
import org.apache.spark.util.RpcUtils;
import scala.Function1;
import scala.PartialFunction;
import scala.concurrent.Await;
import scala.concurrent.Future;
import scala.concurrent.duration.Duration;
import scala.concurrent.duration.FiniteDuration;
import scala.reflect.ClassTag;
import scala.reflect.ClassTag$;
import scala.runtime.AbstractPartialFunction;
import scala.runtime.BoxedUnit;

/**
 * The all-gather of a barrier stage's tasks, on the driver: each task sends its bytes for one
 * exchange and gets every task's bytes back, in task order, once all have sent theirs.
 *
 * <p>Spark's own {@code BarrierTaskContext.allGather} does the same but its tasks poll the
 * reply once a second, which costs a second per aggregation period; here a task waits on the
 * reply itself, checking every {@value #KILL_CHECK_MS} ms whether Spark killed it (a failed
 * barrier stage kills its other tasks without interrupting them). It uses Spark's RPC
 * environment ({@code SparkEnv.rpcEnv}, internal API of the Spark version foglab pins): messages
 * travel as Java-serialized {@link Part}s whatever {@code spark.serializer} is.
 */
final class PeriodExchange implements ThreadSafeRpcEndpoint {
  private static final long KILL_CHECK_MS = 200;
  private final RpcEnv env;
  private final Map<String, Waiting> waiting = new HashMap<>();

  private PeriodExchange(RpcEnv env) {
    this.env = env;
  }

  /** One task's bytes for exchange {@code key} of a stage of {@code tasks} tasks. */
  record Part(String key, int task, int tasks, byte[] bytes) implements Serializable {}

  private static final class Waiting {
    final RpcCallContext[] callers;
    final byte[][] parts;
    int arrived;

    Waiting(int tasks) {
      callers = new RpcCallContext[tasks];
      parts = new byte[tasks][];
    }
  }

  /** Starts an exchange endpoint on the driver; tasks find it by its {@code name()}. */
  static RpcEndpointRef start() {
    RpcEnv env = SparkEnv.get().rpcEnv();
    return env.setupEndpoint("foglab-periods-" + UUID.randomUUID(), new PeriodExchange(env));
  }

  /** Stops the endpoint {@link #start} returned. */
  static void stop(RpcEndpointRef endpoint) {
    SparkEnv.get().rpcEnv().stop(endpoint);
  }

  /** The driver's endpoint {@code name}, from a task. */
  static RpcEndpointRef connect(String name) {
    SparkEnv spark = SparkEnv.get();
    return RpcUtils.makeDriverRef(name, spark.conf(), spark.rpcEnv());
  }

  /** Sends this task's bytes and returns every task's, in task order. */
  static byte[][] gather(RpcEndpointRef exchange, Part part) {
    ClassTag<byte[][]> tag = ClassTag$.MODULE$.apply(byte[][].class);
    // Waiting is bounded by the slowest task, not by a timeout: kills end it.
    Future<byte[][]> reply = exchange.ask(part,
        new RpcTimeout(new FiniteDuration(365, TimeUnit.DAYS), "foglab period exchange"), tag);
    FiniteDuration step = Duration.create(KILL_CHECK_MS, TimeUnit.MILLISECONDS);
    TaskContext task = TaskContext.get();
    while (true) {
      try {
        return Await.result(reply, step);
      } catch (java.util.concurrent.TimeoutException e) {
        if (task != null) {
          task.killTaskIfInterrupted();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the other tasks", e);
      } catch (RuntimeException | Error e) {
        throw e;
      } catch (Exception e) {
        throw new IllegalStateException("the period exchange failed: " + e, e);
      }
    }
  }

  @Override
  public RpcEnv rpcEnv() {
    return env;
  }

  @Override
  public PartialFunction<Object, BoxedUnit> receiveAndReply(RpcCallContext context) {
    return new AbstractPartialFunction<>() {
      @Override
      public boolean isDefinedAt(Object message) {
        return message instanceof Part;
      }

      @Override
      public <A1, B1> B1 applyOrElse(A1 message, Function1<A1, B1> otherwise) {
        if (!(message instanceof Part p)) {
          return otherwise.apply(message);
        }
        Waiting w = waiting.computeIfAbsent(p.key(), k -> new Waiting(p.tasks()));
        if (w.parts[p.task()] == null) {
          w.arrived++;
        }
        // A task's retry within the same stage attempt replaces its earlier part.
        w.callers[p.task()] = context;
        w.parts[p.task()] = p.bytes();
        if (w.arrived == w.parts.length) {
          waiting.remove(p.key());
          for (RpcCallContext c : w.callers) {
            c.reply(w.parts);
          }
        }
        @SuppressWarnings("unchecked")
        B1 unit = (B1) BoxedUnit.UNIT;
        return unit;
      }
    };
  }
}
