package org.example.genmat.cli;

import org.example.genmat.core.job.CapturedRun;

/** A genmat command line run in-process, as a user types it, with its exit status and what it printed. */
final class GenmatRun {

    private GenmatRun() {
    }

    static CapturedRun of(String... args) {
        return CapturedRun.of(err -> GenmatCli.commandLine().setErr(err).execute(args));
    }
}
