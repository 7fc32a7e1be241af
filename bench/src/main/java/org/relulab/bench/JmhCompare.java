package org.relulab.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.relulab.training.failure.ExitCode;

/**
 * Compares two JMH JSON result files benchmark by benchmark (same name and parameters) and flags
 * regressions: a benchmark regresses when the new score is worse than the base by more than the
 * threshold (a fraction, default 0.10) <em>and</em> by more than the two scores' error bars together
 * (JMH's 99.9 % intervals), so noise alone never fails it. Worse means lower for throughput units
 * (ops/s, GFLOP/s) and higher for time units (s/op …). Prints a Markdown table; exit code 0 when nothing
 * regressed, 7 ({@link ExitCode#REGRESSION}) when something did, 2 ({@link ExitCode#USAGE}) for bad input. Needs only
 * the JDK: usable in any CI.
 */
public final class JmhCompare {
    static final String USAGE = """
            usage: java -cp bench/target/benchmarks.jar org.relulab.bench.JmhCompare [--threshold F] \
            [--profile BASE.jar NEW.jar] BASE.json NEW.json
              BASE.json, NEW.json   JMH result files (-rf json), the base and the candidate
              --threshold F         the slowdown that counts as a regression when it is also beyond the
                                    error bars, as a fraction (default 0.10 = 10 %)
              --profile BASE.jar NEW.jar
                                    for each regression, rerun that benchmark under JMH's stack profiler
                                    with the base build's and the new build's benchmarks jar, and print
                                    their hot methods side by side (about 10 s per jar and benchmark)
            exit code: 0 no regression, 7 at least one regression, 2 bad input
            """;

    /** How one benchmark compares. */
    enum Verdict {
        SAME, FASTER, SLOWER_WITHIN_NOISE, REGRESSION, ONLY_BASE, ONLY_NEW
    }

    record Row(String benchmark, String params, JmhResult base, JmhResult next, double change, Verdict verdict) {}

    private JmhCompare() {}

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        return run(args, out, err, RegressionProfile.processRunner());
    }

    /** {@link #run(String[], PrintStream, PrintStream)} with the runner that profiles a regression. */
    static int run(String[] args, PrintStream out, PrintStream err, RegressionProfile.Runner profiler) {
        double threshold = 0.10;
        Path baseJar = null, newJar = null;
        List<String> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--help") || args[i].equals("-h")) {
                out.print(USAGE);
                return ExitCode.OK.code();
            } else if (args[i].equals("--threshold")) {
                if (i + 1 == args.length) return usage(err, "--threshold needs a value, for example 0.10");
                try {
                    threshold = Double.parseDouble(args[++i]);
                } catch (NumberFormatException e) {
                    threshold = Double.NaN;
                }
                if (!(threshold >= 0 && threshold < 10))
                    return usage(err, "--threshold " + args[i] + ": expected a fraction from 0 to 10");
            } else if (args[i].equals("--profile")) {
                if (i + 2 >= args.length) return usage(err, "--profile needs two jars: BASE.jar NEW.jar");
                baseJar = Path.of(args[++i]);
                newJar = Path.of(args[++i]);
                for (Path jar : List.of(baseJar, newJar)) {
                    if (!Files.isRegularFile(jar)) return usage(err, "--profile: " + jar + " is not a file");
                }
            } else {
                files.add(args[i]);
            }
        }
        if (files.size() != 2) return usage(err, "expected two result files (BASE NEW), got " + files.size());
        List<Row> rows;
        try {
            rows = compare(JmhResult.read(Path.of(files.get(0))), JmhResult.read(Path.of(files.get(1))), threshold);
        } catch (IOException | IllegalArgumentException e) {
            err.println("JmhCompare: " + (e instanceof IOException ? e.toString() : e.getMessage()));
            return ExitCode.USAGE.code();
        }
        out.print(render(rows, threshold));
        long regressions = rows.stream().filter(r -> r.verdict == Verdict.REGRESSION).count();
        out.printf(Locale.ROOT, "%d benchmarks compared, %d regressed beyond %.0f %% and their error bars%n",
                rows.stream().filter(r -> r.base != null && r.next != null).count(), regressions, threshold * 100);
        if (regressions > 0 && baseJar != null) {
            for (Row r : rows) {
                if (r.verdict != Verdict.REGRESSION) continue;
                try {
                    out.print("\n" + RegressionProfile.profile(profiler, baseJar, newJar, r.next));
                } catch (IOException e) {
                    err.println("JmhCompare: profiling " + r.benchmark + " " + r.params + " failed: " + e.getMessage());
                }
            }
        }
        return (regressions > 0 ? ExitCode.REGRESSION : ExitCode.OK).code();
    }

    private static int usage(PrintStream err, String message) {
        err.print("JmhCompare: " + message + "\n" + USAGE);
        return ExitCode.USAGE.code();
    }

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
