package org.relulab.training.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.relulab.core.Provider;
import org.relulab.training.config.RunConfig;
import org.relulab.training.config.RunOption;
import org.relulab.training.data.DataSource;
import org.relulab.training.failure.Failure;
import org.relulab.training.failure.FileProblem;
import org.relulab.training.run.OutputFolder;
import org.relulab.training.run.RunLock;
import org.relulab.training.run.Trainer;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParseResult;

/**
 * {@code relulab train}: one teacher–student run, of the options {@link TrainOptions} declares: the run configuration
 * ({@link RunOption}) and where the data, the checkpoints and the starting options come from.
 */
final class TrainCommand implements CliCommand {
    private final CommandSpec spec = TrainOptions.spec(this);

    private TrainCommand() {}

    /** The command's picocli model: a new one for each command line (it holds the values parsed). */
    static CommandSpec spec() {
        return new TrainCommand().spec;
    }

    @Override
    public void run(PrintStream out, PrintStream err) {
        run(Options.of("train", spec.commandLine().getParseResult()), out, err);
    }

    /** {@code relulab train ARGS}, for the demo: parsed as the command line would be. */
    static void run(String[] args, PrintStream out, PrintStream err) {
        List<String> all = new ArrayList<>(List.of("train"));
        all.addAll(List.of(args));
        ParseResult parsed = Main.parse(RelulabCommand.commandLine(), all.toArray(String[]::new));
        ((TrainCommand) parsed.subcommand().commandSpec().userObject()).run(out, err);
    }

    private static void run(Options given, PrintStream out, PrintStream err) {
        RunConfig cfg;
        DataSource data;
        Trainer.Checkpoints checkpoints;
        Options o = given;
        if (given.has("resume")) {
            for (String name : given.names()) {
                if (!name.equals("resume") && !name.equals("threads")) {
                    throw new UsageException("train: --resume DIR takes no other options than --threads (the run "
                            + "keeps the ones its manifest recorded; got --" + name + ")");
                }
            }
            Resume r = Resume.of(Path.of(o.string("resume", ".")));
            // the thread count changes no number (GEMM sums in the same order on any count): a resume may pick its own
            cfg = o.has("threads") ? threads(r.config(), o) : r.config();
            data = r.data();
            checkpoints = new Trainer.Checkpoints(r.checkpointEvery(), true);
        } else {
            FromManifest from = null;
            if (given.has("from")) {
                from = FromManifest.read(given.string("from", ""), given.names());
                o = from.under(given);
            }
            try {
                cfg = config(o);
            } catch (UsageException e) {
                throw from == null ? e : from.explain(e, given);
            }
            data = new DataSource(dataDir(o), o.has("save-data"));
            checkpoints = new Trainer.Checkpoints(checkpointEvery(o, cfg.steps()), false);
        }
        try {
            // before the lock creates the folder: a run too large leaves nothing
            Trainer.requireFits(cfg, Provider.lookup(), checkpoints);
        } catch (IllegalArgumentException e) {
            throw new UsageException("train: " + e.getMessage());
        }
        locked(cfg.out(), () -> {
            if (!checkpoints.resume()) checkOutput(cfg.out()); // again, now that no other run can fill the folder
            train(cfg, data, checkpoints, out, err);
        });
    }

    /**
     * Runs {@code body} holding the lock of the run folder {@code dir} ({@link RunLock}), so that nothing there is
     * written or deleted without it; the lock is released however {@code body} ends.
     */
    private static void locked(Path dir, Runnable body) {
        RunLock lock;
        try {
            lock = RunLock.acquire(dir);
        } catch (IOException e) {
            throw FileProblem.of("creating", dir, e);
        }
        boolean ran = false;
        try {
            body.run();
            ran = true;
        } finally {
            try {
                if (ran) lock.close();
                else lock.closeUnused(); // a run refused before writing leaves no folder behind
            } catch (IOException e) {
                if (ran) throw FileProblem.of("writing", dir.resolve(RunLock.FILE), e);
            }
        }
    }

    private static void train(RunConfig cfg, DataSource data, Trainer.Checkpoints checkpoints, PrintStream out,
            PrintStream err) {
        Trainer.Result r;
        try {
            r = Trainer.run(cfg, err, Provider.lookup(), data, checkpoints);
        } catch (IllegalArgumentException e) { // a value one of the run's parts refuses; files a resume refuses
            throw new UsageException(
                    "train: " + (checkpoints.resume() ? "--resume " + cfg.out() + ": " : "") + e.getMessage());
        } catch (IOException e) {
            throw FileProblem.of("writing", cfg.out(), e);
        }
        out.printf(Locale.ROOT, "%s after %d steps in %.1f s: train loss %.4e, test loss %.4e (x d = %.4e)%n",
                r.diverged() ? "diverged" : "done", r.steps(), r.seconds(), r.trainLoss(), r.testLoss(),
                r.testLoss() * cfg.data().d());
        out.println("results in " + r.out());
        if (r.diverged()) throw Failure.diverged("train: the run diverged (see above)");
    }

    /** {@code cfg} with the --threads of {@code o}, checked by its option's range. */
    private static RunConfig threads(RunConfig cfg, Options o) {
        try {
            RunConfig.Builder b = cfg.toBuilder();
            RunOption.THREADS.set(b, o.string("threads", ""));
            return b.build();
        } catch (IllegalArgumentException e) {
            throw new UsageException("train: " + e.getMessage());
        }
    }

    /**
     * The run configuration the options describe, the defaults filled in by {@link RunConfig.Builder#build()} (with
     * --data, n, d and test-n default to the data's shapes), or a {@link UsageException} naming the bad value or an
     * option given that does not apply to the run ({@link RunOption#appliesTo}).
     */
    static RunConfig config(Options o) {
        try {
            RunConfig.Builder b = RunConfig.defaults();
            for (RunOption r : RunOption.values()) if (o.has(r.cli())) r.set(b, o.string(r.cli(), ""));
            DataSource source = new DataSource(dataDir(o), false);
            refuseInapplicable(o, r -> r.notApplying(source)); // before the data are read
            if (source.dir() != null) {
                DataSource.Shapes shapes = DataSource.shapes(source.dir());
                if (!o.has("n")) b.n(shapes.n());
                if (!o.has("d")) b.d(shapes.d());
                if (!o.has("test-n")) b.testN(shapes.testN());
            }
            Path outDir = o.has("out")
                    ? Path.of(o.string("out", ""))
                    : Path.of("runs/train-"
                            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
            RunLock.requireNotHeld(outDir); // a folder a running run fills is busy (exit 5), not merely full
            checkOutput(outDir);
            RunConfig cfg = b.out(outDir).build();
            refuseInapplicable(o, r -> r.notApplying(cfg));
            return cfg;
        } catch (IllegalArgumentException e) {
            throw new UsageException("train: " + e.getMessage());
        }
    }

    /** Refuses the first option the user gave that {@code rule} says has no effect, naming it and why. */
    private static void refuseInapplicable(Options o, Function<RunOption, String> rule) {
        for (RunOption r : RunOption.values()) {
            String why = o.has(r.cli()) ? rule.apply(r) : null;
            if (why != null) throw new UsageException("train: --" + r.cli() + " " + why);
        }
    }

    /** The --data folder, or null. */
    private static Path dataDir(Options o) {
        if (!o.has("data")) return null;
        String dir = o.string("data", "");
        try {
            return Path.of(dir);
        } catch (InvalidPathException e) {
            throw new UsageException("train: --data '" + dir + "' is not a path: " + e.getReason());
        }
    }

    /** --checkpoint-every N: 0 (none) or fewer than the run's steps; a longer interval would never write one. */
    private static long checkpointEvery(Options o, long steps) {
        long every = o.longInteger("checkpoint-every", 0, 0, Long.MAX_VALUE);
        if (every >= steps) {
            throw new UsageException("train: --checkpoint-every " + every + " does not apply to a run of --steps "
                    + steps + ": it would never write a checkpoint (expected fewer than " + steps + ", or 0 for none)");
        }
        return every;
    }

    /** The output folder must be new or empty: a run never mixes its files with another's. */
    static void checkOutput(Path dir) {
        try {
            OutputFolder.requireNewOrEmpty(dir);
        } catch (IllegalArgumentException e) {
            throw new UsageException("train: " + e.getMessage());
        }
    }
}
