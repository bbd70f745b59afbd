package org.example.genmat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

/** The help a user reads: each command listed by a whole short sentence. */
class HelpTextTest {

    @Test
    void everyCommandIsSummedUpByAWholeSentence() {
        List<String> checked = new ArrayList<>();
        check(GenmatCli.commandLine(), checked);
        assertThat(checked).contains("genmat read", "genmat filter", "genmat metrics", "genmat bench metrics",
            "genmat bench perov5", "genmat bench carbon24");
    }

    /** picocli lists a command by its first description line: it must end a sentence, not break off mid-way. */
    private static void check(CommandLine cl, List<String> checked) {
        for (CommandLine sub : cl.getSubcommands().values()) {
            String name = sub.getCommandSpec().qualifiedName();
            String[] description = sub.getCommandSpec().usageMessage().description();
            if (!name.endsWith(" help")) {
                assertThat(description).as(name).isNotEmpty();
                assertThat(description[0]).as(name + "'s summary").endsWith(".");
                assertThat(description[0].length()).as(name + "'s summary length").isLessThan(200);
                checked.add(name);
            }
            check(sub, checked);
        }
    }
}
