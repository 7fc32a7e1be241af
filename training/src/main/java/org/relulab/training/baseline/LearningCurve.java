package org.relulab.training.baseline;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * The test loss of kernel ridge regression with n samples, estimated from the kernel's {@link KernelSpectrum} and
 * the target's power per eigenspace ({@link AbsTeacherHarmonics}), two ways:
 * <ol>
 * <li>{@link #staircase}: the eigenspaces in decreasing order of μ_ℓ, each learned whole while the multiplicities
 *     bought so far, its own included, are at most n; the loss is the target's power outside them. A step function
 *     of n: it ignores the partial learning of the eigenspace that does not fit, and the cost of the ones that do.
 * <li>{@link #eigenlearning}: the omnisciently regularized estimate of Bordelon, Canatar and Pehlevan (ICML 2020;
 *     Nat. Commun. 2021) in the form of Simon, Dickens, Karkada and DeWeese's eigenlearning (2021): with κ solving
 *     Σ_ℓ N(d, ℓ) μ_ℓ/(μ_ℓ + κ) + δ/κ = n for the ridge δ (KernelRidge's nλ), eigenspace ℓ is learned to the fraction
 *     L_ℓ = μ_ℓ/(μ_ℓ + κ) and the test loss is n/(n − Σ_ℓ N(d, ℓ) L_ℓ²) · Σ_ℓ (1 − L_ℓ)² power_ℓ; δ is the one that
 *     minimizes it (KernelRidge chooses λ on held-out data, which aims at the same). It gives the partial learning
 *     the staircase leaves out; it is asymptotic in n and the multiplicities, which are large here.
 * </ol>
 * The degrees above the spectrum's last are one lump: their eigenvalues are far below κ (the spectrum is taken to
 * {@link #maxDegree}), so they add tailTrace/κ to the degrees of freedom and learn nothing of their power.
 */
public final class LearningCurve {
    private LearningCurve() {}

    /** The spectrum is taken to the degree where the eigenspaces up to it hold this many times n dimensions. */
    static final double DIMENSIONS_PER_SAMPLE = 1000;
    /** ... but no higher than this degree (small d only), where the quadrature still resolves μ_ℓ. */
    static final int DEGREE_CAP = 60;

    /** The staircase's loss, the degrees it learns (in the order bought) and the dimensions they hold. */
    public record Staircase(double loss, int[] learnedDegrees, double dimensions) {
        public Staircase {
            learnedDegrees = learnedDegrees.clone();
        }

        @Override
        public int[] learnedDegrees() { return learnedDegrees.clone(); }
    }

    /** Eigenlearning's loss at κ, and the ridge δ/n (KernelRidge's λ) that gives that κ; κ₀ is the ridgeless one. */
    public record Eigenlearning(double loss, double kappa, double lambda, double ridgelessKappa) {}

    /** Both estimates for one kernel, target and number of samples, and the spectrum and target they came from. */
    public record Estimate(double samples, KernelSpectrum spectrum, AbsTeacherHarmonics target, Staircase staircase,
            Eigenlearning eigenlearning) {
        /** L_ℓ = μ_ℓ/(μ_ℓ + κ): the fraction of degree ℓ that eigenlearning's estimate learns. */
        public double learnedFraction(int degree) {
            double mu = spectrum.eigenvalue(degree);
            return mu / (mu + eigenlearning.kappa());
        }
    }

    /**
     * The lowest degree ≥ 4 whose eigenspaces, with all below, hold {@value #DIMENSIONS_PER_SAMPLE}·n dimensions, or
     * {@value #DEGREE_CAP}.
     */
    public static int maxDegree(int d, double n) {
        double dims = 0;
        for (int l = 0; l <= DEGREE_CAP; l++) {
            dims += SphericalHarmonics.multiplicity(d, l);
            if (l >= 4 && dims >= DIMENSIONS_PER_SAMPLE * n) return l;
        }
        return DEGREE_CAP;
    }

    /** Both estimates for {@code kernel} on LMZ20's target with output weights {@code a} (d = a.length), n samples. */
    public static Estimate of(DotProductKernel kernel, double[] a, double n) {
        int degrees = maxDegree(a.length, n);
        KernelSpectrum spectrum = KernelSpectrum.of(kernel, a.length, degrees);
        AbsTeacherHarmonics target = AbsTeacherHarmonics.of(a, degrees);
        return new Estimate(n, spectrum, target, staircase(spectrum, target, n), eigenlearning(spectrum, target, n));
    }

    /** The staircase estimate (see the class comment). */
    public static Staircase staircase(KernelSpectrum spectrum, AbsTeacherHarmonics target, double n) {
        check(spectrum, target, n);
        Integer[] order = new Integer[spectrum.maxDegree() + 1];
        for (int l = 0; l < order.length; l++) order[l] = l;
        Arrays.sort(order, Comparator.comparingDouble((Integer l) -> -spectrum.eigenvalue(l)));
        List<Integer> learned = new ArrayList<>();
        double dims = 0, loss = target.secondMoment();
        for (int l : order) {
            double next = dims + spectrum.multiplicity(l);
            if (spectrum.eigenvalue(l) == 0 || next > n) break;
            dims = next;
            learned.add(l);
            loss -= target.power(l);
        }
        return new Staircase(Math.max(0, loss), learned.stream().mapToInt(Integer::intValue).toArray(), dims);
    }

    /** The eigenlearning estimate at the ridge that minimizes it (see the class comment). */
    public static Eigenlearning eigenlearning(KernelSpectrum spectrum, AbsTeacherHarmonics target, double n) {
        check(spectrum, target, n);
        double kappa0 = ridgelessKappa(spectrum, n);
        // E(κ) over κ ≥ κ₀ (ridge δ ≥ 0): a scan in log κ up to the trace (beyond it nothing is learned), then golden
        // section in the bracket of the scan's best point.
        int steps = 400;
        double lo = Math.log(kappa0), hi = Math.log(Math.max(spectrum.trace(), kappa0) * 10), h = (hi - lo) / steps;
        int best = 0;
        double bestLoss = Double.POSITIVE_INFINITY;
        for (int i = 0; i <= steps; i++) {
            double e = lossAt(spectrum, target, n, Math.exp(lo + i * h));
            if (e < bestLoss) {
                bestLoss = e;
                best = i;
            }
        }
        double a = lo + Math.max(0, best - 1) * h, b = lo + Math.min(steps, best + 1) * h;
        double g = (Math.sqrt(5) - 1) / 2;
        for (int i = 0; i < 100; i++) {
            double c = b - g * (b - a), e = a + g * (b - a);
            if (lossAt(spectrum, target, n, Math.exp(c)) <= lossAt(spectrum, target, n, Math.exp(e))) b = e;
            else a = c;
        }
        double kappa = Math.exp((a + b) / 2);
        if (lossAt(spectrum, target, n, kappa) > bestLoss) kappa = Math.exp(lo + best * h);
        return at(spectrum, target, n, kappa, kappa0);
    }

    /** The eigenlearning estimate at a given κ ≥ κ₀. */
    public static Eigenlearning eigenlearningAt(KernelSpectrum spectrum, AbsTeacherHarmonics target, double n,
            double kappa) {
        check(spectrum, target, n);
        double kappa0 = ridgelessKappa(spectrum, n);
        if (!(kappa >= kappa0 * (1 - 1e-12))) {
            throw new IllegalArgumentException("κ = " + kappa + " (expected at least the ridgeless κ₀ = " + kappa0
                    + ": a negative ridge)");
        }
        return at(spectrum, target, n, kappa, kappa0);
    }

    private static Eigenlearning at(KernelSpectrum spectrum, AbsTeacherHarmonics target, double n, double kappa,
            double kappa0) {
        // κ within 10⁻⁶ of κ₀ is the ridgeless limit (the minimization's last digits): λ = 0
        double lambda = kappa <= kappa0 * (1 + 1e-6) ? 0 : kappa * (1 - degreesOfFreedom(spectrum, kappa) / n);
        return new Eigenlearning(lossAt(spectrum, target, n, kappa), kappa, Math.max(0, lambda), kappa0);
    }

    /** κ₀: Σ_ℓ N(d, ℓ) μ_ℓ/(μ_ℓ + κ₀) + tail/κ₀ = n, the ridgeless limit δ = 0, by bisection in log κ. */
    public static double ridgelessKappa(KernelSpectrum spectrum, double n) {
        double lo = Double.MIN_NORMAL, hi = Math.max(spectrum.trace() / n, Double.MIN_NORMAL) * 2;
        if (degreesOfFreedom(spectrum, lo) < n) {
            throw new IllegalArgumentException("the spectrum has fewer than n = " + n
                    + " dimensions with a positive eigenvalue (expected infinitely many, or at least n)");
        }
        for (int i = 0; i < 200; i++) {
            double mid = Math.sqrt(lo * hi);
            if (degreesOfFreedom(spectrum, mid) > n) lo = mid;
            else hi = mid;
        }
        return Math.sqrt(lo * hi);
    }

    /** Σ_ℓ N(d, ℓ) μ_ℓ/(μ_ℓ + κ) + tailTrace/κ. */
    static double degreesOfFreedom(KernelSpectrum spectrum, double kappa) {
        double df = spectrum.tailTrace() / kappa;
        for (int l = 0; l <= spectrum.maxDegree(); l++) {
            double mu = spectrum.eigenvalue(l);
            df += spectrum.multiplicity(l) * mu / (mu + kappa);
        }
        return df;
    }

    /** n/(n − Σ N L²) · (Σ (1 − L)² power + tail power), L_ℓ = μ_ℓ/(μ_ℓ + κ). */
    private static double lossAt(KernelSpectrum spectrum, AbsTeacherHarmonics target, double n, double kappa) {
        double squares = 0, residual = target.tailPower();
        for (int l = 0; l <= spectrum.maxDegree(); l++) {
            double learn = spectrum.eigenvalue(l) / (spectrum.eigenvalue(l) + kappa);
            squares += spectrum.multiplicity(l) * learn * learn;
            residual += (1 - learn) * (1 - learn) * target.power(l);
        }
        return n / (n - squares) * residual;
    }

    private static void check(KernelSpectrum spectrum, AbsTeacherHarmonics target, double n) {
        if (spectrum.d() != target.d() || spectrum.maxDegree() != target.maxDegree()) {
            throw new IllegalArgumentException("spectrum of d = " + spectrum.d() + " to degree " + spectrum.maxDegree()
                    + ", target of d = " + target.d() + " to degree " + target.maxDegree() + " (expected the same)");
        }
        if (!(n >= 1) || !Double.isFinite(n))
            throw new IllegalArgumentException("n = " + n + " samples (expected a finite n >= 1)");
    }
}
