package org.relulab.bench;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.relulab.training.metrics.ExponentialFit;
import org.relulab.training.metrics.PowerLawFit;
import org.relulab.training.plot.LinePlot;

/**
 * Turns the JMH results of {@link TimeToEpsilonBenchmark} and {@link StepTimeBenchmark} into what
 * {@code relulab bench scaling} writes: CSV rows, the two SVG plots and the Markdown tables with the fits
 * (log time against log d with {@link PowerLawFit}, log time against d with {@link ExponentialFit}, both on
 * every run, one per seed).
 */
final class ScalingReport {
    private ScalingReport() {}

    /** One run to ε: its d, seed, wall and CPU seconds and steps. */
    record Run(int d, int seed, double seconds, double cpuSeconds, long steps) {
        int m() {
            return Lmz20Scaling.width(d);
        }

        int n() {
            return Lmz20Scaling.samples(d);
        }
    }

    /** One size of the step benchmark: mean ms per step with JMH's error, and CPU ms per step. */
    record StepTime(StepSize size, double ms, double msError, double cpuMs) {
        double gflops() {
            return size.flops() / ms / 1e6;
        }
    }

    /** The two models fitted to log10 of one quantity of the runs, and the best line of the flop count's slope 4. */
    record Fits(PowerLawFit power, ExponentialFit exponential, double flopIntercept) {
        static Fits of(double[] d, double[] y) {
            double sum = 0;
            int k = 0;
            for (int i = 0; i < d.length; i++) {
                if (y[i] > 0 && Double.isFinite(y[i])) {
                    sum += Math.log10(y[i]) - FLOP_EXPONENT * Math.log10(d[i]);
                    k++;
                }
            }
            return new Fits(PowerLawFit.of(d, y), ExponentialFit.of(d, y), sum / k);
        }

        /** The flop-count line: 10^flopIntercept · d⁴, the steps held fixed. */
        double flopLine(double d) {
            return Math.pow(10, flopIntercept) * Math.pow(d, FLOP_EXPONENT);
        }

        /** Root mean square of the power law's residuals in log10 y. */
        double powerRms(double[] d, double[] y) {
            return rms(d, y, power::at);
        }

        double exponentialRms(double[] d, double[] y) {
            return rms(d, y, exponential::at);
        }

        private static double rms(double[] d, double[] y, java.util.function.DoubleUnaryOperator model) {
            double s = 0;
            int k = 0;
            for (int i = 0; i < d.length; i++) {
                if (!(y[i] > 0 && Double.isFinite(y[i]))) continue;
                double e = Math.log10(y[i]) - Math.log10(model.applyAsDouble(d[i]));
                s += e * e;
                k++;
            }
            return Math.sqrt(s / k);
        }
    }

    /** Flops per step grow as d⁴ when m = 4d and n = 10d² (4nmd = 160d⁴). */
    static final int FLOP_EXPONENT = 4;

    static List<Run> runs(List<JmhRawData> records) {
        List<Run> runs = new ArrayList<>();
        for (JmhRawData r : records) {
            if (!r.benchmark().endsWith("TimeToEpsilonBenchmark.trainToEpsilon")) continue;
            int d = Integer.parseInt(r.params().get("d"));
            double[] cpu = r.secondary("cpuSeconds"), steps = r.secondary("steps");
            if (cpu.length != r.primary().length || steps.length != r.primary().length) {
                throw new IllegalArgumentException(
                        "JMH result d = " + d + ": " + r.primary().length + " times but " + cpu.length
                                + " CPU times and " + steps.length + " step counts (expected as many)");
            }
            int first = Integer.parseInt(r.params().getOrDefault("seed", "1")); // iteration i ran seed first + i
            for (int i = 0; i < r.primary().length; i++)
                runs.add(new Run(d, first + i, r.primary()[i], cpu[i], Math.round(steps[i])));
        }
        if (runs.isEmpty()) throw new IllegalArgumentException("no TimeToEpsilonBenchmark results");
        runs.sort(Comparator.comparingInt(Run::d).thenComparingInt(Run::seed));
        return runs;
    }

    static List<StepTime> stepTimes(List<JmhRawData> records) {
        List<StepTime> out = new ArrayList<>();
        for (JmhRawData raw : records) {
            JmhResult r = raw.summary();
            if (!r.benchmark().endsWith("StepTimeBenchmark.step")) continue;
            double cpu = 0, steps = 0;
            for (double v : raw.secondary("cpuSeconds")) cpu += v;
            for (double v : raw.secondary("steps")) steps += v;
            out.add(new StepTime(StepSize.parse(r.params().get("size")), r.score(), r.error(), 1000 * cpu / steps));
        }
        out.sort(Comparator.comparing((StepTime s) -> s.size().varied()).thenComparingInt(s -> s.size().value()));
        return out;
    }

    static double[] column(List<Run> runs, java.util.function.ToDoubleFunction<Run> f) {
        return runs.stream().mapToDouble(f).toArray();
    }

    static String runsCsv(List<Run> runs) {
        StringBuilder sb = new StringBuilder("d,m,n,seed,seconds,cpu_seconds,steps,flops_per_step,epsilon\n");
        for (Run r : runs) {
            sb.append(String.format(Locale.ROOT, "%d,%d,%d,%d,%.6g,%.6g,%d,%.6g,%.6g%n", r.d(), r.m(), r.n(), r.seed(),
                    r.seconds(),
                    r.cpuSeconds(), r.steps(), Lmz20Scaling.flopsPerStep(r.n(), r.m(), r.d()), Lmz20Scaling.EPSILON));
        }
        return sb.toString();
    }

    static String stepCsv(List<StepTime> steps) {
        StringBuilder sb = new StringBuilder(
                "varied,d,m,n,flops_per_step,ms_per_step,ms_error,cpu_ms_per_step,gflops\n");
        for (StepTime s : steps) {
            sb.append(String.format(Locale.ROOT, "%c,%d,%d,%d,%.6g,%.6g,%.6g,%.6g,%.6g%n", s.size().varied(),
                    s.size().d(), s.size().m(),
                    s.size().n(), s.size().flops(), s.ms(), s.msError(), s.cpuMs(), s.gflops()));
        }
        return sb.toString();
    }

    /**
     * Wall seconds to ε against d on log-log axes: every run (and its CPU seconds), both fits of the wall time and the
     * flop-count line.
     */
    static LinePlot timeToEpsilonPlot(List<Run> runs) {
        double[] d = column(runs, Run::d), t = column(runs, Run::seconds);
        Fits f = Fits.of(d, t);
        double lo = d[0], hi = d[0];
        for (double v : d) {
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        int k = 60;
        double[] x = new double[k], power = new double[k], exp = new double[k], flops = new double[k];
        for (int i = 0; i < k; i++) {
            x[i] = lo * Math.pow(hi / lo, i / (k - 1.0));
            power[i] = f.power().at(x[i]);
            exp[i] = f.exponential().at(x[i]);
            flops[i] = f.flopLine(x[i]);
        }
        return new LinePlot(
                String.format(Locale.ROOT, "LMZ20 time to test loss %.4f/d (m = 4d, n = 10d², GD, η = m/2)",
                        Lmz20Scaling.EPSILON),
                "input dimension d", "seconds to ε", true)
                .addPoints("wall, one per seed", d, t)
                .addPoints("CPU, one per seed", d, column(runs, Run::cpuSeconds))
                .addDashed(String.format(Locale.ROOT, "power law d^%.2f", f.power().slope()), x, power)
                .addDashed(String.format(Locale.ROOT, "exponential %.3f^d", f.exponential().growthPerUnit()), x, exp)
                .add("flops/step, d^4", x, flops);
    }

    /** Milliseconds per step against size / base size, one point series per varied dimension, and the flop line. */
    static LinePlot stepTimePlot(List<StepTime> steps) {
        LinePlot p = new LinePlot(
                String.format(Locale.ROOT, "Time per GD step, one of d, m, n varied (base d = %d, m = %d, n = %d)",
                        StepSize.BASE_D, StepSize.BASE_M, StepSize.BASE_N),
                "size / base size", "ms per step", true);
        double base = baseMs(steps), lo = Double.POSITIVE_INFINITY, hi = 0;
        for (char c : new char[] {'d', 'm', 'n'}) {
            List<StepTime> s = steps.stream().filter(x -> x.size().varied() == c).toList();
            double[] ratio = s.stream().mapToDouble(x -> (double) x.size().value() / x.size().baseValue()).toArray();
            for (double r : ratio) {
                lo = Math.min(lo, r);
                hi = Math.max(hi, r);
            }
            if (!s.isEmpty()) p.addPoints(c + " varied", ratio, s.stream().mapToDouble(StepTime::ms).toArray());
        }
        if (hi > 0)
            p.addDashed("flop count 4nmd (through the base)", new double[] {lo, hi},
                    new double[] {base * lo, base * hi});
        return p;
    }

    /**
     * The median ms per step of the base point over the sweeps that measured it (NaN when none did): each sweep
     * measures it once, and on a loaded machine one of them can be far off.
     */
    static double baseMs(List<StepTime> steps) {
        double[] base = steps.stream().filter(s -> s.size().value() == s.size().baseValue()).mapToDouble(StepTime::ms)
                .sorted().toArray();
        if (base.length == 0) return Double.NaN;
        return base.length % 2 == 1 ? base[base.length / 2] : (base[base.length / 2 - 1] + base[base.length / 2]) / 2;
    }

    /** The Markdown tables and fits of the time-to-ε runs. */
    static String timeToEpsilonMarkdown(List<Run> runs) {
        StringBuilder sb = new StringBuilder();
        Map<Integer, List<Run>> byD = new TreeMap<>();
        for (Run r : runs) byD.computeIfAbsent(r.d(), x -> new ArrayList<>()).add(r);
        double[] d = column(runs, Run::d), wall = column(runs, Run::seconds), cpu = column(runs, Run::cpuSeconds),
                steps = column(runs, r -> r.steps()), perStep = column(runs, r -> r.seconds() / r.steps()),
                cpuPerStep = column(runs, r -> r.cpuSeconds() / r.steps());
        Fits fw = Fits.of(d, wall), fc = Fits.of(d, cpu), fs = Fits.of(d, steps), fp = Fits.of(d, perStep),
                fcp = Fits.of(d, cpuPerStep);
        List<List<String>> rows = new ArrayList<>();
        for (var e : byD.entrySet()) {
            List<Run> rs = e.getValue();
            int dd = e.getKey();
            double meanWall = mean(rs, Run::seconds), meanCpu = mean(rs, Run::cpuSeconds),
                    meanSteps = mean(rs, r -> r.steps());
            rows.add(List.of(Integer.toString(dd), Integer.toString(Lmz20Scaling.width(dd)),
                    Integer.toString(Lmz20Scaling.samples(dd)),
                    Integer.toString(rs.size()), range(rs, Run::seconds, "%.3g"),
                    String.format(Locale.ROOT, "%.3g", meanWall),
                    String.format(Locale.ROOT, "%.3g", meanCpu), range(rs, r -> r.steps(), "%.0f"),
                    String.format(Locale.ROOT, "%.3g", 1000 * meanCpu / meanSteps),
                    String.format(Locale.ROOT, "%+.3f", residual(fw.power()::at, rs)),
                    String.format(Locale.ROOT, "%+.3f", residual(fw.exponential()::at, rs))));
        }
        sb.append(
                MarkdownTable.render(List.of("d", "m", "n", "runs", "wall s (min–max)", "wall s (mean)", "CPU s (mean)",
                        "steps to ε (min–max)", "CPU ms / step", "log10 residual, power law",
                        "log10 residual, exponential"), rows, c -> c != 4 && c != 7));
        sb.append('\n');
        List<List<String>> fits = new ArrayList<>();
        fits.add(fitRow("wall time", fw, d, wall));
        fits.add(fitRow("CPU time", fc, d, cpu));
        fits.add(fitRow("steps to ε", fs, d, steps));
        fits.add(fitRow("wall time per step", fp, d, perStep));
        fits.add(fitRow("CPU time per step", fcp, d, cpuPerStep));
        sb.append(MarkdownTable.render(List.of("quantity", "power law: exponent (95 % CI)", "R²", "rms residual",
                "exponential: factor per unit of d (95 % CI)", "R²", "rms residual"), fits, c -> c > 0)).append('\n');
        boolean powerBetter = fw.power().r2() > fw.exponential().r2();
        sb.append(String.format(Locale.ROOT,
                "Over %d runs at %d values of d (%d to %d), the wall time to ε grows as d^%.2f (95 %% interval "
                        + "%.2f to %.2f, R² = %.4f); the exponential model fits %s (R² = %.4f, rms residual %.3f "
                        + "against %.3f decades). The exponent is the steps' d^%.2f ± %.2f plus the time per step's "
                        + "d^%.2f ± %.2f (least squares adds them "
                        + "exactly); the flop count per step grows as d^%d. The CPU time grows as d^%.2f ± %.2f.%n",
                runs.size(), byD.size(), runs.get(0).d(), runs.get(runs.size() - 1).d(), fw.power().slope(),
                fw.power().slope() - fw.power().slopeCi95(), fw.power().slope() + fw.power().slopeCi95(),
                fw.power().r2(), powerBetter ? "worse" : "better", fw.exponential().r2(), fw.exponentialRms(d, wall),
                fw.powerRms(d, wall),
                fs.power().slope(), fs.power().slopeCi95(), fp.power().slope(), fp.power().slopeCi95(), FLOP_EXPONENT,
                fc.power().slope(), fc.power().slopeCi95()));
        return sb.toString();
    }

    private static List<String> fitRow(String name, Fits f, double[] d, double[] y) {
        return List.of(name, String.format(Locale.ROOT, "%.2f ± %.2f", f.power().slope(), f.power().slopeCi95()),
                String.format(Locale.ROOT, "%.4f", f.power().r2()),
                String.format(Locale.ROOT, "%.3f", f.powerRms(d, y)),
                String.format(Locale.ROOT, "%.3f (%.3f to %.3f)", f.exponential().growthPerUnit(),
                        Math.pow(10, f.exponential().slope() - f.exponential().slopeCi95()),
                        Math.pow(10, f.exponential().slope() + f.exponential().slopeCi95())),
                String.format(Locale.ROOT, "%.4f", f.exponential().r2()),
                String.format(Locale.ROOT, "%.3f", f.exponentialRms(d, y)));
    }

    /** The Markdown table and fits of the per-step times. */
    static String stepTimeMarkdown(List<StepTime> steps) {
        List<List<String>> rows = new ArrayList<>();
        StepTime previous = null;
        for (StepTime s : steps) {
            String local = previous != null && previous.size().varied() == s.size().varied()
                    ? String.format(Locale.ROOT, "%.2f",
                            Math.log(s.ms() / previous.ms())
                                    / Math.log((double) s.size().value() / previous.size().value()))
                    : "";
            rows.add(List.of(s.size().varied() + " = " + s.size().value(), Integer.toString(s.size().d()),
                    Integer.toString(s.size().m()),
                    Integer.toString(s.size().n()), String.format(Locale.ROOT, "%.4g", s.size().flops() / 1e9),
                    Double.isFinite(s.msError())
                            ? String.format(Locale.ROOT, "%.3g ± %.2g", s.ms(), s.msError())
                            : String.format(Locale.ROOT, "%.3g", s.ms()),
                    String.format(Locale.ROOT, "%.3g", s.cpuMs()),
                    String.format(Locale.ROOT, "%.1f", s.gflops()), local));
            previous = s;
        }
        StringBuilder sb = new StringBuilder(
                MarkdownTable.render(List.of("varied", "d", "m", "n", "GFLOP / step", "ms / step",
                        "CPU ms / step", "GFLOP/s", "local exponent"), rows, c -> c > 0))
                .append('\n');
        List<List<String>> fits = new ArrayList<>();
        for (char c : new char[] {'d', 'm', 'n'}) {
            List<StepTime> s = steps.stream().filter(x -> x.size().varied() == c).toList();
            if (s.size() < 3) continue;
            double[] v = s.stream().mapToDouble(x -> x.size().value()).toArray();
            PowerLawFit wall = PowerLawFit.of(v, s.stream().mapToDouble(StepTime::ms).toArray());
            PowerLawFit cpu = PowerLawFit.of(v, s.stream().mapToDouble(StepTime::cpuMs).toArray());
            int half = s.size() / 2;
            PowerLawFit upper = s.size() - half >= 3
                    ? PowerLawFit.of(java.util.Arrays.copyOfRange(v, half, v.length),
                            s.subList(half, s.size()).stream().mapToDouble(StepTime::ms).toArray())
                    : wall;
            fits.add(List.of(Character.toString(c),
                    String.format(Locale.ROOT, "%d to %d", s.get(0).size().value(), s.get(s.size() - 1).size().value()),
                    String.format(Locale.ROOT, "%.2f ± %.2f", wall.slope(), wall.slopeCi95()),
                    String.format(Locale.ROOT, "%.4f", wall.r2()),
                    String.format(Locale.ROOT, "%.2f ± %.2f", upper.slope(), upper.slopeCi95()),
                    String.format(Locale.ROOT, "%.2f ± %.2f", cpu.slope(), cpu.slopeCi95())));
        }
        if (!fits.isEmpty()) {
            sb.append(MarkdownTable
                    .render(List.of("varied", "range", "exponent of ms/step (95 % CI)", "R²", "upper half of the range",
                            "exponent of CPU ms/step"), fits, c -> c > 1))
                    .append('\n');
        }
        return sb.toString();
    }

    private static double mean(List<Run> rs, java.util.function.ToDoubleFunction<Run> f) {
        return rs.stream().mapToDouble(f).average().orElse(Double.NaN);
    }

    private static String range(List<Run> rs, java.util.function.ToDoubleFunction<Run> f, String format) {
        double lo = rs.stream().mapToDouble(f).min().orElse(Double.NaN),
                hi = rs.stream().mapToDouble(f).max().orElse(Double.NaN);
        return rs.size() == 1
                ? String.format(Locale.ROOT, format, lo)
                : String.format(Locale.ROOT, format + "–" + format, lo, hi);
    }

    /** The mean log10 residual of the runs' wall times against a model. */
    private static double residual(java.util.function.DoubleUnaryOperator model, List<Run> rs) {
        return rs.stream().mapToDouble(r -> Math.log10(r.seconds()) - Math.log10(model.applyAsDouble(r.d()))).average()
                .orElse(Double.NaN);
    }
}
