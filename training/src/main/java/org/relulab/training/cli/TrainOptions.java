package org.relulab.training.cli;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.relulab.training.config.RunOption;
import org.relulab.training.config.RunOptionHelp;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * train's options as picocli's model, built from {@link RunOption} (each with its {@link RunOptionHelp}) and the
 * options that say where the data, the checkpoints and the starting options come from; every value is text, read by
 * {@link TrainCommand} through the one grammar of RunOption. The help lists them by section.
 */
final class TrainOptions {
    private static final String HEADER = "one teacher-student run: metrics, plots and weights in --out";
    private static final String DESCRIPTION = "One teacher-student run; writes metrics.csv, manifest.json, SVG plots "
            + "and the final weights as .npy files to --out. An option that has no effect on the run it describes "
            + "(--m2 without all19-3 or ntk-3, --kappa with --data ...) is refused.";
    private static final String[] EXAMPLES = {
            "  relulab train --d 30 --m 100 --steps 20000 --out runs/lmz20",
            "  relulab train --teacher signed-relu --d 20 --teacher-neurons 5 --m 100 --optimizer as21 \\",
            "      --reg-lambda 0.003 --lr 0.5 --n 5000 --steps 10000 --out runs/as21",
            "  relulab train --from runs/lmz20/manifest.json --seed 2 --out runs/lmz20-seed2",
            "  relulab train --steps 100000 --checkpoint-every 5000 --out runs/long; relulab train --resume runs/long"};
    private final CommandSpec spec;
    /** The options of each section of the help, in the help's order. */
    private final Map<String, List<OptionSpec>> sections = new LinkedHashMap<>();

    private TrainOptions(TrainCommand command) {
        spec = CommandSpec.wrapWithoutInspection(command);
        spec.name("train");
        spec.usageMessage().header(HEADER).description(DESCRIPTION).abbreviateSynopsis(true)
                .footerHeading("%nExamples:%n")
                .footer(EXAMPLES)
                .sectionMap().put(UsageMessageSpec.SECTION_KEY_OPTION_LIST, this::optionList);
        for (RunOptionHelp.Section s : RunOptionHelp.Section.values()) sections.put(s.heading(), new ArrayList<>());
        for (RunOption r : RunOption.values()) {
            RunOptionHelp h = RunOptionHelp.of(r);
            add(h.section().heading(), r.cli(), r.flag() ? null : h.label(r), h.description(), h.defaultText(),
                    r.choices());
        }
        String data = RunOptionHelp.Section.DATA.heading(), run = RunOptionHelp.Section.RUN.heading();
        add(data, "data", "DIR", "load x_train.npy (n x d), y_train.npy, x_test.npy, y_test.npy from DIR instead (n, "
                + "d, test-n default to their shapes)", null, List.of());
        add(data, "save-data", null, "also write the run's data sets to --out in that form", null, List.of());
        add(run, "checkpoint-every", "N", "every N steps, save the trained weights, the step and the options to "
                + "DIR/checkpoint.bin (atomically; deleted when the run completes; N below --steps)", "0: never",
                List.of());
        add(run, "resume", "DIR", "continue the run in DIR from its checkpoint, with the options its manifest.json "
                + "recorded (no other options but --threads, which changes no number); the metrics and final weights "
                + "are bit-identical to a run that never stopped; refused (code 2) when the manifest, metrics.csv "
                + "and checkpoint disagree", null, List.of());
        add(run, "from", "MANIFEST", "start from the options of an earlier run's manifest.json, then apply the "
                + "options given here (--from runs/a/manifest.json --seed 2 --out runs/b); takes its data folder "
                + "too, not its --out, --threads or --checkpoint-every; a recorded option that does not apply to the "
                + "new run (--batch after --optimizer gd) is dropped", null, List.of());
    }

    /** The model of {@code command}'s options, its help sections and examples. */
    static CommandSpec spec(TrainCommand command) {
        return new TrainOptions(command).spec;
    }

    private void add(String section, String name, String label, String description, String defaultText,
            List<String> choices) {
        OptionSpec.Builder b = OptionSpec.builder("--" + name)
                .description((description + (defaultText == null ? "" : " [" + defaultText + "]")).replace("%", "%%"));
        if (label == null) b.arity("0").type(boolean.class);
        else b.arity("1").type(String.class).paramLabel(label);
        if (!choices.isEmpty()) b.completionCandidates(choices); // else bash completes file names
        OptionSpec o = b.build();
        spec.addOption(o);
        sections.get(section).add(o);
    }

    /** The options list of the help: a heading per section, then the options outside them (--help, --version). */
    private String optionList(Help help) {
        StringBuilder sb = new StringBuilder();
        List<OptionSpec> listed = new ArrayList<>();
        for (Map.Entry<String, List<OptionSpec>> s : sections.entrySet()) {
            sb.append(System.lineSeparator()).append(s.getKey()).append(":").append(System.lineSeparator())
                    .append(layout(help, s.getValue()));
            listed.addAll(s.getValue());
        }
        List<OptionSpec> rest = new ArrayList<>(spec.options());
        rest.removeAll(listed);
        return sb.append(System.lineSeparator()).append(layout(help, rest)).toString();
    }

    private static String layout(Help help, List<OptionSpec> options) {
        Help.Layout layout = help.createDefaultLayout();
        for (OptionSpec o : options) layout.addOption(o, help.parameterLabelRenderer());
        return layout.toString();
    }
}
