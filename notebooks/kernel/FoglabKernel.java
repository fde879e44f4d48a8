import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.logging.LogManager;
import org.rapaio.jupyter.kernel.MainApp;
import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.Transform;

/**
 * Starts rapaio-jupyter-kernel 3.0.1 as its MainApp does, without its startup race.
 *
 * <p>Channels.connect binds the sockets (starting the shell thread) before it creates its
 * message-handler map; the client's first kernel_info_request, queued before the bind, can reach
 * the shell thread while the map is still null, and the thread dies on a NullPointerException:
 * the kernel never answers. Here the map is, until connect has filled the real one, a map whose
 * get waits for connect to finish and then answers from the real map.
 */
public final class FoglabKernel {
  private FoglabKernel() {}

  public static void main(String[] args) throws Exception {
    if (args.length != 1 || !Files.isRegularFile(Path.of(args[0]))) {
      throw new IllegalArgumentException("usage: FoglabKernel CONNECTION_FILE");
    }
    LogManager.getLogManager().readConfiguration(
        MainApp.class.getClassLoader().getResourceAsStream("logging.properties"));
    ConnectionProperties props = Transform.fromJson(Files.readString(Path.of(args[0])),
        ConnectionProperties.class);
    Channels channels = new Channels(props);
    // The kernel MainApp's static initializer made: the display functions of the notebooks
    // (Global.display) send through it.
    Field kernelField = MainApp.class.getDeclaredField("kernel");
    kernelField.setAccessible(true);
    RapaioKernel kernel = (RapaioKernel) kernelField.get(null);
    Field handlers = Channels.class.getDeclaredField("handlers");
    handlers.setAccessible(true);
    CountDownLatch connected = new CountDownLatch(1);
    handlers.set(channels, new HashMap<Object, Object>() {
      @Override
      public Object get(Object key) {
        try {
          connected.await();
          return ((Map<?, ?>) handlers.get(channels)).get(key);
        } catch (InterruptedException | IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    });
    channels.connect(kernel);
    connected.countDown();
    channels.joinUntilClose();
  }
}
