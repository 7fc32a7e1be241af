package org.relulab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.relulab.training.cli.UsageException;
import org.relulab.training.failure.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code relulab bench compare}: compares two JMH JSON result files benchmark by benchmark (same name and
 * parameters) and flags regressions: a benchmark regresses when the new score is worse than the base by more than the
 * threshold (a fraction, default 0.10) <em>and</em> by more than the two scores' error bars together (JMH's 99.9 %
 * intervals), so noise alone never fails it. Worse means lower for throughput units (ops/s, GFLOP/s) and higher for
 * time units (s/op …). Prints a Markdown table; exit code 0 when nothing regressed, 7 ({@link ExitCode#REGRESSION})
 * when something did, 2 ({@link ExitCode#USAGE}) for bad input. Needs only the JDK: usable in any CI as
 * {@code java -cp bench/target/benchmarks.jar org.relulab.bench.JmhCompare}, with the same arguments.
 */
@Command(name = "compare", header = JmhCompare.HEADER, customSynopsis = JmhCompare.SYNOPSIS, description = {
        JmhCompare.DESCRIPTION}, footerHeading = "%n", footer = {JmhCompare.FOOTER})
public final class JmhCompare implements BenchCli.Command {
    static final String HEADER = "compare two JMH result files; exit 7 when a benchmark regressed";
    static final String SYNOPSIS = "relulab bench compare [-hV] [--threshold=F] [--profile=BASE.jar NEW.jar] "
            + "BASE.json NEW.json";
    static final String DESCRIPTION = "Compares two JMH result files benchmark by benchmark and prints a Markdown "
            + "table. A benchmark regressed when it is slower than in BASE.json by more than the threshold and beyond "
            + "both error bars (JMH's 99.9 %% intervals), so noise alone never fails it; exit code 7 when one did. "
            + "Needs only the JDK: as a plain java command (last example) it takes the same arguments, for any CI.";
    static final String FOOTER = """
            Examples:
              ./relulab bench compare results/a/gemm.json results/b/gemm.json --threshold 0.05
              ./relulab bench compare base.json new.json --profile base.jar new.jar
              java -cp bench/target/benchmarks.jar org.relulab.bench.JmhCompare base.json new.json""";
    /** The slowdown, as a fraction of the base, that is a regression when it is also beyond the error bars. */
    static final double THRESHOLD = 0.10;

    @Parameters(index = "0", arity = "0..1", paramLabel = "BASE.json", hideParamSyntax = true, description = {
            "the base's JMH result file (JMH -rf json)"})
    String base;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NEW.json", hideParamSyntax = true, description = {
            "the candidate's"})
    String next;

    /** Files beyond the two: refused in one line that names them. */
    @Parameters(index = "2..*", arity = "0..*", hidden = true)
    List<String> extra = new ArrayList<>();

    @Option(names = "--threshold", paramLabel = "F", description = {"the slowdown that counts as a regression when it "
            + "is also beyond the error bars, as a fraction from 0 to 10 [0.10 = 10 %%]"})
    String threshold;

    @Option(names = "--profile", arity = "2", paramLabel = "BASE.jar NEW.jar", hideParamSyntax = true, description = {
            "rerun each regressed benchmark under JMH's stack profiler with the base build's and the new build's "
                    + "benchmarks.jar, and print their hot methods side by side (about 10 s per jar and benchmark)"})
    List<Path> profile;

    /** Runs a benchmark under the stack profiler (a fake in tests). */
    private final RegressionProfile.Runner profiler;

    JmhCompare(RegressionProfile.Runner profiler) {
        this.profiler = profiler;
    }

    /** {@code relulab bench compare}, under its own class name for scripts and CI. */
    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs {@code relulab bench compare ARGS}; returns the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, RegressionProfile.processRunner());
    }

    /** {@link #run(String[], PrintStream, PrintStream)} with the runner that profiles a regression. */
    static int run(String[] args, PrintStream out, PrintStream err, RegressionProfile.Runner profiler) {
        String[] command = new String[args.length + 1];
        command[0] = "compare";
        System.arraycopy(args, 0, command, 1, args.length);
        return BenchCli.run(command, out, err, profiler);
    }

    @Override
    public int run(PrintStream out, PrintStream err) {
        double threshold = threshold();
        List<String> files = new ArrayList<>();
        for (String f : new String[] {base, next}) if (f != null) files.add(f);
        files.addAll(extra);
        if (files.size() != 2) {
            throw usage("expected two result files, BASE.json NEW.json; got " + files.size()
                    + (files.isEmpty() ? "" : ": " + String.join(" ", files)));
        }
        if (profile != null) {
            if (profile.size() != 2) {
                throw usage("--profile " + profile.stream().map(Path::toString).collect(Collectors.joining(" "))
                        + ": expected two jars once, BASE.jar NEW.jar");
            }
            for (Path jar : profile) {
                if (!Files.isRegularFile(jar)) {
                    throw usage("--profile: " + jar + " is not a file (expected a build's benchmarks.jar)");
                }
            }
        }
        List<Row> rows;
        try {
            rows = compare(read(files.get(0)), read(files.get(1)), threshold);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        out.print(render(rows, threshold));
        long regressions = rows.stream().filter(r -> r.verdict == Verdict.REGRESSION).count();
        out.printf(Locale.ROOT, "%d benchmarks compared, %d regressed beyond %.0f %% and their error bars%n",
                rows.stream().filter(r -> r.base != null && r.next != null).count(), regressions, threshold * 100);
        if (regressions > 0 && profile != null) {
            for (Row r : rows) {
                if (r.verdict != Verdict.REGRESSION) continue;
                try {
                    out.print("\n" + RegressionProfile.profile(profiler, profile.get(0), profile.get(1), r.next));
                } catch (IOException e) {
                    err.println("relulab bench compare: profiling " + r.benchmark + " " + r.params + " failed: "
                            + e.getMessage());
                }
            }
        }
        return (regressions > 0 ? ExitCode.REGRESSION : ExitCode.OK).code();
    }

    /** --threshold as a fraction in [0, 10), or {@link #THRESHOLD}. */
    private double threshold() {
        if (threshold == null) return THRESHOLD;
        double t;
        try {
            t = Double.parseDouble(threshold);
        } catch (NumberFormatException e) {
            t = Double.NaN;
        }
        if (!(t >= 0 && t < 10)) {
            throw usage("--threshold " + threshold + ": expected a fraction from 0 to 10 (0.10 = 10 %)");
        }
        return t;
    }

    /** The results in a JMH JSON file; a file that is missing, unreadable or not JMH's is a usage error. */
    private static List<JmhResult> read(String file) {
        try {
            return JmhResult.read(Path.of(file));
        } catch (NoSuchFileException e) {
            throw usage(file + ": no such file (expected a JMH result file, -rf json)");
        } catch (IOException e) {
            throw usage(file + ": cannot read it (" + e + ")");
        }
    }

    private static UsageException usage(String message) {
        return new UsageException("bench compare: " + message);
    }

    /** How one benchmark compares. */
    enum Verdict {
        SAME, FASTER, SLOWER_WITHIN_NOISE, REGRESSION, ONLY_BASE, ONLY_NEW
    }

    record Row(String benchmark, String params, JmhResult base, JmhResult next, double change, Verdict verdict) {}

    /** Rows for every benchmark in either file, in a stable order (name, then parameters). */
    static List<Row> compare(List<JmhResult> base, List<JmhResult> next, double threshold) {
        Map<String, JmhResult> b = byKey(base, "base"), n = byKey(next, "new");
        Map<String, Row> rows = new TreeMap<>();
        for (var e : b.entrySet()) rows.put(e.getKey(), row(e.getValue(), n.get(e.getKey()), threshold));
        for (var e : n.entrySet())
            if (!b.containsKey(e.getKey())) rows.put(e.getKey(), row(null, e.getValue(), threshold));
        return new ArrayList<>(rows.values());
    }

    static Row row(JmhResult base, JmhResult next, double threshold) {
        JmhResult any = base != null ? base : next;
        String params = paramText(any);
        if (base == null || next == null) {
            return new Row(any.benchmark(), params, base, next, Double.NaN,
                    base == null ? Verdict.ONLY_NEW : Verdict.ONLY_BASE);
        }
        if (!base.unit().equals(next.unit())) {
            throw new IllegalArgumentException(
                    any.benchmark() + " " + params + ": unit " + base.unit() + " in the base, "
                            + next.unit() + " in the new file (expected the same unit)");
        }
        boolean higherIsBetter = higherIsBetter(base.unit());
        // slowdown > 0 means worse, as a fraction of the base: for throughput base/new − 1, for time new/base − 1
        double slowdown = higherIsBetter ? base.score() / next.score() - 1 : next.score() / base.score() - 1;
        double noise = finiteOrZero(base.error()) + finiteOrZero(next.error());
        boolean beyondNoise = Math.abs(next.score() - base.score()) > noise;
        Verdict v;
        if (!beyondNoise) v = slowdown > 0 ? Verdict.SLOWER_WITHIN_NOISE : Verdict.SAME;
        else if (slowdown > threshold) v = Verdict.REGRESSION;
        else if (slowdown < 0) v = Verdict.FASTER;
        else v = Verdict.SLOWER_WITHIN_NOISE;
        return new Row(any.benchmark(), params, base, next, slowdown, v);
    }

    /** Throughput (ops per time, GFLOP/s …) is better higher; time per operation is better lower. */
    static boolean higherIsBetter(String unit) {
        return !unit.endsWith("/op");
    }

    static String render(List<Row> rows, double threshold) {
        List<List<String>> cells = new ArrayList<>();
        for (Row r : rows) {
            cells.add(List.of(r.benchmark, r.params, score(r.base), score(r.next),
                    Double.isNaN(r.change) ? "" : String.format(Locale.ROOT, "%+.1f %%", r.change * 100),
                    verdict(r.verdict, threshold)));
        }
        return MarkdownTable.render(List.of("benchmark", "params", "base", "new", "slowdown", "verdict"), cells,
                c -> c >= 2 && c <= 4);
    }

    private static String verdict(Verdict v, double threshold) {
        return switch (v) {
            case SAME -> "same (within error)";
            case FASTER -> "faster";
            case SLOWER_WITHIN_NOISE -> "slower, within error or threshold";
            case REGRESSION -> String.format(Locale.ROOT, "REGRESSION (> %.0f %% and beyond error)", threshold * 100);
            case ONLY_BASE -> "missing in new";
            case ONLY_NEW -> "new benchmark";
        };
    }

    private static String score(JmhResult r) {
        if (r == null) return "";
        return JmhTable.format(r.score()) + (Double.isFinite(r.error()) ? " ± " + JmhTable.format(r.error()) : "") + " "
                + r.unit();
    }

    private static Map<String, JmhResult> byKey(List<JmhResult> results, String which) {
        Map<String, JmhResult> out = new LinkedHashMap<>();
        for (JmhResult r : results) {
            String key = r.benchmark() + " " + paramText(r);
            if (out.put(key, r) != null)
                throw new IllegalArgumentException(
                        which + " file: " + key + " appears twice (expected one record each)");
        }
        return out;
    }

    private static String paramText(JmhResult r) {
        StringBuilder sb = new StringBuilder();
        new TreeMap<>(r.params()).forEach((k, v) -> sb.append(sb.isEmpty() ? "" : " ").append(k).append('=').append(v));
        return sb.toString();
    }

    private static double finiteOrZero(double v) {
        return Double.isFinite(v) ? v : 0;
    }
}
