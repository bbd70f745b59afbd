package org.example.genmat.core.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;

/** The engine's package rules: no package cycles, and the engine is plain Java (no KNIME, no picocli). */
class PackageRulesTest {

    private static JavaClasses engine;

    /** The engine's own classes (target/classes of this module; tests and libraries are not part of the rules). */
    @BeforeAll
    static void importEngine() {
        engine = new ClassFileImporter().importPath(Path.of("target", "classes"));
    }

    @Test
    void engineHasNoPackageCycles() {
        slices().matching("org.example.genmat.core.(**)").should().beFreeOfCycles().check(engine);
    }

    @Test
    void engineNeverDependsOnKnimeOrPicocli() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.knime..", "picocli..").check(engine);
    }

    @Test
    void theRulesSeeTheWholeEngine() {
        // a rule over no classes passes vacuously: make sure the import found the engine
        assertThat(engine.size()).isGreaterThan(200);
        for (String p : new String[] {"crystal", "io", "featurize", "sample", "validity", "metrics", "job", "job.sample", "train", "model", "inference", "net"}) {
            assertThat(engine.containPackage("org.example.genmat.core." + p)).as(p).isTrue();
        }
    }
}
