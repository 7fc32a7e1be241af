/**
 * Sweep specs: the hand-written file that {@code relulab sweep SPEC --out DIR} runs, read and checked before anything
 * runs ({@link org.relulab.training.sweep.SpecParser}), and the grid of runs it describes
 * ({@link org.relulab.training.sweep.SweepSpec#points(boolean)}, each run a
 * {@link org.relulab.training.sweep.SweepPoint}).
 *
 * <p>
 * A spec is a TOML file:
 *
 * <pre>{@code
 * description = "m/d and the learning rate at d = 16"   # optional
 * metrics = ["final-test-loss", "best-test-loss", "steps", "seconds"]   # optional: every metric by default
 * zip = [["lr", "steps"]]                               # optional: axes that advance together
 *
 * [base]                    # options every run shares: train's options by their command-line names
 * teacher = "abs"           # a choice: its name, quoted
 * d = 16                    # an integer (2e4 is also one; 1.5 is not)
 * orthogonal = true         # a flag: true or false
 *
 * [axes]                    # swept options, in this order; every combination (a product) unless zipped
 * lr = [0.5, 1, 2]                                   # a list
 * noise = { from = 0, to = 0.2, step = 0.05 }        # a range, both ends included
 * kappa = { from = 1, to = 4, count = 4 }            # count values, evenly spaced
 * init-scale = { from = 1e-3, to = 1, count = 4, log = true }   # 1e-3, 1e-2, 0.1, 1
 * steps = [1000, 2000, 4000]                         # zipped with lr: (0.5, 1000), (1, 2000), (2, 4000)
 * m = { times = "d", values = [1, 1.5, 2] }          # m = d × 1, 1.5, 2, rounded: m/d is swept
 * seed = "1..10"                                     # integers 1 to 10; also { from = 1, to = 10 }; seeds = ...
 * }</pre>
 *
 * <p>
 * Rules. An option in {@code [base]} or {@code [axes]} is any {@code train} option but {@code out} (the runner gives
 * each run its folder) and {@code resume}, plus train's {@code data}, {@code checkpoint-every} and {@code save-data}.
 * Every value is checked by the option's own parser and range, as on the command line. An option is set in one place:
 * in {@code [base]} or as one axis. An option may apply to only some of the points ({@code lambda0} with
 * {@code optimizer = ["gd", "truncated"]}): each point's {@code train} gets the options that have an effect on it
 * ({@link org.relulab.training.sweep.SweepPoint#inapplicable()}); one that applies to no point is refused. An axis has
 * at least one value and no value twice, but for a zipped list, whose
 * zip group must give no combination twice ({@code network = ["all19-3", "all19-3"]} zipped with
 * {@code trained = ["all", "last"]}). A range of an integer option
 * rounds its values to integers; a range of real numbers rounds them to 12 significant digits. A derived axis
 * ({@code times}) multiplies an option set in {@code [base]} or by an axis written above it, rounding to the nearest
 * integer for an integer option; {@code lr = { times = "m", values = [0.25, 0.5, 1] }} sweeps the learning rate around
 * the two-layer default m/2. Zipped axes have equal lengths; a zip group takes the place of its first axis in the
 * order. A grid of more than a million runs needs {@code relulab sweep --yes}; every run's whole configuration is
 * checked against {@code RunConfig}'s rules before any runs.
 *
 * <p>
 * Order and names. Runs are listed as nested loops in the axes' order, the first axis outermost. A run's folder is
 * named by its swept options only, in the axes' order, {@code option=value} joined by '_':
 * {@code lr=0.5_m=1.5d_seed=3} (a derived axis shows its factor and the option it multiplies). Numbers are canonical
 * (0.50 and 0.5 are 0.5, 1.0 is 1, 0.0001 is 1e-4), so the same spec always names the same folders; characters other
 * than letters, digits, '.', '+' and '-' are replaced, and a name over 100 characters is cut and ends with a hash.
 *
 * <p>
 * Running. {@link org.relulab.training.sweep.LocalSweep} is the command on this machine and
 * {@link org.relulab.training.sweep.SlurmSweep} on a Slurm cluster (one job array, {@link
 * org.relulab.training.sweep.SlurmJob}); both hand points to {@link org.relulab.training.sweep.SweepRunner}, which runs
 * each with {@code train} in a worker JVM of its job slot ({@link org.relulab.training.sweep.PointWorker},
 * {@link org.relulab.training.sweep.PointRun}), into the sweep's folder
 * ({@link org.relulab.training.sweep.SweepFolder}: sweep.toml, points.csv, runs/, logs/, failed/); a point's state,
 * read from that folder alone, is {@link org.relulab.training.sweep.PointStatus}'s rule;
 * {@link org.relulab.training.sweep.SweepStatus} reports them. docs/experiments.md (Sweeps) describes the command.
 *
 * <p>
 * Errors. The first problem is one line with exit code 2 naming the file, the line and column, and the key:
 * {@code sweep: lr.toml:9:1: [axes] lr = 0: --lr 0 is out of range (expected a number above 0, at most 1e+09)}.
 *
 * <p>
 * Collecting. {@code relulab sweep collect DIR} ({@link org.relulab.training.sweep.Collect}) reads a sweep's folder
 * (sweep.toml, points.csv, runs/NAME/) and writes runs.csv (one typed row per point), summary.csv and summary.md (the
 * runs grouped over seeds) and a plot of one metric against one swept option; docs/experiments.md shows an example.
 */
package org.relulab.training.sweep;
