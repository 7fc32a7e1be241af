package org.relulab.training.cli;

import java.io.PrintStream;
import org.relulab.core.Kernels;
import org.relulab.training.machine.MachineInfo;

/** {@code relulab info}: the machine, the JDK and the kernels this JVM chose. */
final class InfoCommand {
    private InfoCommand() {}

    static void run(String[] args, PrintStream out) {
        Options.parse("info", args, new String[0]);
        try (Kernels k = Kernels.create()) {
            out.println("cpu:     " + MachineInfo.cpuModel() + ", " + MachineInfo.cores() + " cores");
            out.println("os:      " + MachineInfo.os());
            out.println("jdk:     " + MachineInfo.jdk());
            out.println("kernels: " + k.describe());
        }
    }
}
