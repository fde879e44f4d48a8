package org.foglab;

import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;
import org.foglab.cli.ArgParser;
import org.foglab.cli.CommandSpec;
import org.foglab.cli.Help;
import org.foglab.cli.OptionSpec;
import org.foglab.cli.ParsedArgs;
import org.foglab.config.ConfigError;
import org.foglab.config.ConfigLoader;
import org.foglab.config.Settings;
import org.foglab.config.SparkSettings;
import org.foglab.config.WarehouseSettings;
import org.foglab.jobs.Commands;
import org.foglab.jobs.Job;
import org.foglab.jobs.JobContext;
import org.foglab.jobs.Progress;
import org.foglab.jobs.SparkSessions;
import org.foglab.tables.RunInfo;
import org.foglab.tables.Warehouse;

/**
 * The command-line entry point: {@code foglab <command> [options]}. Parses, loads and validates
 * the configuration, then runs the command's job; maps user errors to one line on standard error
 * and an exit code (2 usage/configuration, 3 input data, 1 anything else).
 */
public final class Foglab {
  private Foglab() {}

  public static void main(String[] args) {
    int code = run(args, System.out, System.err, System.getenv(), null);
    System.exit(code);
  }

  /**
   * Runs a command.
   *
   * @param sessionFactory makes the SparkSession from the validated settings; null for the
   *     default (embedded or spark-submit's); tests pass their shared session
   */
  public static int run(String[] rawArgs, PrintStream out, PrintStream err, Map<String, String> env,
      Function<Settings, SparkSession> sessionFactory) {
    // train on a fog tree (modes hierarchical, consensus) is fog-train's.
    String[] args = org.foglab.jobs.FogTrainJob.route(commandFirst(rawArgs));
    List<Job<?>> jobs = Commands.all();
    List<CommandSpec> specs = jobs.stream().<CommandSpec>map(Job::spec).toList();
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")
        || args[0].equals("help")) {
      out.print(Help.commands(specs));
      return args.length == 0 ? FoglabError.EXIT_USAGE : 0;
    }
    // Command groups ("theory bound") match on their first two words.
    int words = 1;
    Job<?> job = null;
    if (args.length > 1) {
      String two = args[0] + " " + args[1];
      job = jobs.stream().filter(j -> j.spec().name().equals(two)).findFirst().orElse(null);
      words = job == null ? 1 : 2;
    }
    if (job == null) {
      job = jobs.stream().filter(j -> j.spec().name().equals(args[0])).findFirst().orElse(null);
    }
    if (job == null && jobs.stream().anyMatch(j -> j.spec().name().startsWith(args[0] + " "))) {
      List<CommandSpec> group = specs.stream().filter(s -> s.name().startsWith(args[0] + " ")).toList();
      if (args.length == 1 || args[1].equals("--help") || args[1].equals("-h")) {
        out.print(Help.commands(group));
        return args.length == 1 ? FoglabError.EXIT_USAGE : 0;
      }
      err.println("foglab: unknown " + args[0] + " command '" + args[1] + "'; choose one of: "
          + String.join(", ", group.stream().map(s -> s.name().substring(args[0].length() + 1)).toList()));
      return FoglabError.EXIT_USAGE;
    }
    if (job == null) {
      err.println("foglab: unknown command '" + args[0] + "'; commands: "
          + String.join(", ", specs.stream().map(s -> s.name().split(" ")[0]).distinct().toList())
          + " (see jobs/foglab --help)");
      return FoglabError.EXIT_USAGE;
    }
    JobContext context = null;
    try {
      ParsedArgs parsed = ArgParser.parse(job.spec(), Arrays.asList(args).subList(words, args.length));
      com.typesafe.config.Config commandLine = ConfigLoader.commandLine(parsed.sets(),
          parsed.overrides());
      com.typesafe.config.Config config = ConfigLoader.load(parsed.confFile(), commandLine, env);
      if (parsed.help()) {
        out.print(Help.command(job.spec(), config));
        return 0;
      }
      Settings root = new Settings(config, "foglab", commandLine);
      Settings positional = withPositional(root, parsed, job.spec());
      context = new JobContext(positional, RunInfo.start(), sparkFactory(positional, job, sessionFactory),
          out, new Progress(job.spec().name(), err));
      return runJob(job, positional, context);
    } catch (Throwable t) {
      return report(t, job.spec(), err);
    } finally {
      if (context != null && context.sparkStarted() && sessionFactory == null) {
        context.spark().stop();
      }
    }
  }

  /** Global options may precede the command: move them after it. */
  static String[] commandFirst(String[] args) {
    int i = 0;
    while (i < args.length && List.of("--master", "--conf", "--set").contains(args[i])) {
      i += 2;
    }
    if (i == 0 || i >= args.length) {
      return args;
    }
    String[] out = new String[args.length];
    out[0] = args[i];
    System.arraycopy(args, 0, out, 1, i);
    System.arraycopy(args, i + 1, out, i + 1, args.length - i - 1);
    return out;
  }

  private static <C> int runJob(Job<C> job, Settings root, JobContext context) throws Exception {
    C config;
    try {
      // The master is checked here, before any Spark starts (Spark's own check comes with a trace).
      SparkSettings.read(root);
      config = job.configure(root);
    } catch (ConfigError e) {
      throw attribute(e, job.spec(), root);
    }
    job.run(config, context);
    return 0;
  }

  /** Positional arguments go to the key {@code foglab.<command>.args} as a list. */
  private static Settings withPositional(Settings root, ParsedArgs parsed, CommandSpec spec) {
    if (parsed.positional().isEmpty()) {
      return root;
    }
    com.typesafe.config.Config c = com.typesafe.config.ConfigFactory.parseMap(
        Map.of("foglab." + spec.name().replace(' ', '.') + ".args", parsed.positional()), "command line")
        .withFallback(root.config());
    return new Settings(c, "foglab", root.commandLine());
  }

  private static Supplier<SparkSession> sparkFactory(Settings root, Job<?> job,
      Function<Settings, SparkSession> factory) {
    return () -> {
      if (factory != null) {
        SparkSession s = factory.apply(root);
        Warehouse.register(s, WarehouseSettings.read(root));
        return s;
      }
      return SparkSessions.create(SparkSettings.read(root), WarehouseSettings.read(root),
          job.spec().name());
    };
  }

  /** Names the option the user typed, or the key and the file that set it. */
  static ConfigError attribute(ConfigError e, CommandSpec spec, Settings root) {
    if (e.key() == null) {
      return e;
    }
    OptionSpec o = spec.optionForKey(e.key());
    String origin = ConfigLoader.origin(root.config(), e.key());
    boolean fromCommandLine = origin != null && origin.contains("command line");
    if (o != null && fromCommandLine) {
      return e.renamed(o.display());
    }
    if (o != null && origin != null && origin.contains("reference.conf")) {
      return e.renamed(o.display() + " (" + e.key() + ")");
    }
    return origin == null ? e : e.renamed(e.key() + " (set in " + origin + ")");
  }

  private static int report(Throwable t, CommandSpec spec, PrintStream err) {
    FoglabError f = FoglabError.find(t);
    if (f != null) {
      err.println("foglab " + spec.name() + ": " + f.getMessage());
      return f.exitCode();
    }
    String ended = org.foglab.jobs.ClusterEnd.sentence(t);
    if (ended != null) {
      err.println("foglab " + spec.name() + ": " + ended);
      return 1;
    }
    err.println("foglab " + spec.name() + ": internal error: " + t);
    t.printStackTrace(err);
    return 1;
  }
}
