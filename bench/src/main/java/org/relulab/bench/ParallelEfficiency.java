package org.relulab.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.relulab.training.plot.LinePlot;

/**
 * The parallel-efficiency view of a suite: for each benchmark that ran at several thread counts (a GEMM shape, the
 * training step, the FMA peak), its speed at each count, the speed-up over the fewest threads measured, the
 * efficiency (speed-up per added thread's share: speed-up × t₀ / t) and, where it counts flops, the fraction of the
 * FMA peak measured at the same thread count. Speed is calls per second from the primary score, whatever its unit.
 */
final class ParallelEfficiency {
    private ParallelEfficiency() {}

    /** One benchmark at one thread count. */
    record Point(String series, int threads, double callsPerSecond, double gflops) {}

    /** The points of {@code results}, one series per benchmark and parameters other than {@code threads}. */
    static List<Point> points(List<JmhResult> results) {
        List<Point> out = new ArrayList<>();
        for (JmhResult r : results) {
            Map<String, String> others = new TreeMap<>(r.params());
            others.remove("threads");
            others.remove("provider");
            String series = r.benchmark() + (others.isEmpty()
                    ? ""
                    : " " + String.join(" ",
                            others.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()));
            out.add(new Point(series, r.threads(), callsPerSecond(r), r.gflops()));
        }
        return out;
    }

    /** Calls per second from a JMH primary score: a throughput (ops/s, ops/ms, …) or an average time (ms/op, …). */
    static double callsPerSecond(JmhResult r) {
        String unit = r.unit();
        int slash = unit.indexOf('/');
        double seconds = slash < 0
                ? Double.NaN
                : JmhTable.secondsIn(unit.startsWith("ops/") ? unit.substring(slash + 1) : unit.substring(0, slash));
        if (Double.isNaN(seconds) || !(unit.startsWith("ops/") || unit.endsWith("/op"))) {
            throw new IllegalArgumentException("JMH result " + r.benchmark() + ": unit " + unit
                    + " (expected ops/TIME or TIME/op, TIME one of ns, us, ms, s, min, hr)");
        }
        return unit.startsWith("ops/") ? r.score() / seconds : 1 / (r.score() * seconds);
    }

    /** The series that ran at more than one thread count, each sorted by threads. */
    static Map<String, List<Point>> series(List<Point> points) {
        Map<String, List<Point>> all = new LinkedHashMap<>();
        for (Point p : points) all.computeIfAbsent(p.series(), k -> new ArrayList<>()).add(p);
        Map<String, List<Point>> out = new LinkedHashMap<>();
        all.forEach((name, ps) -> {
            if (ps.stream().map(Point::threads).distinct().count() > 1) {
                out.put(name, ps.stream().sorted((a, b) -> Integer.compare(a.threads(), b.threads())).toList());
            }
        });
        return out;
    }

    /**
     * The Markdown table: benchmark, threads, calls/s, GFLOP/s, speed-up, efficiency and % of the FMA peak measured
     * at that thread count ({@code peaks}: threads to GFLOP/s; a count without a peak gets a blank).
     */
    static String markdown(List<Point> points, Map<Integer, Double> peaks) {
        StringBuilder sb = new StringBuilder(
                "| benchmark | threads | calls/s | GFLOP/s | speed-up | efficiency | % of FMA peak at these threads |\n"
                        + "|---|---:|---:|---:|---:|---:|---:|\n");
        series(points).forEach((name, ps) -> {
            Point base = ps.get(0);
            for (Point p : ps) {
                double speedUp = p.callsPerSecond() / base.callsPerSecond();
                Double peak = peaks.get(p.threads());
                sb.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %.2f | %.0f %% | %s |%n", name, p.threads(),
                        JmhTable.format(p.callsPerSecond()),
                        Double.isNaN(p.gflops()) ? "" : JmhTable.format(p.gflops()), speedUp, 100 * efficiency(base, p),
                        Double.isNaN(p.gflops()) || peak == null
                                ? ""
                                : String.format(Locale.ROOT, "%.0f %%", 100 * p.gflops() / peak)));
            }
        });
        return sb.toString();
    }

    /**
     * Speed-up over the fewest threads measured (t₀) against threads, on linear axes from 0: one line with a marker at
     * each measured count per series, and the ideal (speed-up = t / t₀) as a dashed line. The table beside it gives
     * the efficiency and the fraction of the FMA peak.
     */
    static LinePlot plot(List<Point> points, String cpu) {
        Map<String, List<Point>> series = series(points);
        LinePlot plot = new LinePlot("Speed-up against threads, " + cpu, "threads",
                "speed-up over the fewest threads measured (x)", false).linearY();
        int lo = Integer.MAX_VALUE, hi = 0;
        for (var e : series.entrySet()) {
            List<Point> ps = e.getValue();
            Point base = ps.get(0);
            double[] t = ps.stream().mapToDouble(Point::threads).toArray();
            double[] speedUp = ps.stream().mapToDouble(p -> p.callsPerSecond() / base.callsPerSecond()).toArray();
            plot.add(e.getKey(), t, speedUp);
            lo = Math.min(lo, base.threads());
            hi = Math.max(hi, ps.get(ps.size() - 1).threads());
        }
        if (hi > lo) plot.addDashed(IDEAL, new double[] {lo, hi}, new double[] {1, (double) hi / lo});
        return plot;
    }

    /** Speed-up of {@code p} over {@code base} per added thread's share: speed-up × base threads / threads. */
    static double efficiency(Point base, Point p) {
        return p.callsPerSecond() / base.callsPerSecond() * base.threads() / p.threads();
    }

    /** The legend of the ideal line. */
    static final String IDEAL = "ideal (speed-up = t / t₀)";
}
